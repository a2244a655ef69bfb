import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { parseConfig } from '../src/config/load.js';
import { compareWithBaseline, createBaseline, LEGACY_BASELINE_FORMAT_VERSION, type LegacyBaseline } from '../src/engine/baseline.js';
import { evaluateAssessment } from '../src/engine/evaluate.js';
import { loadPolicyStrict } from '../src/policy/load.js';

const policy = loadPolicyStrict();
const evaluate = (yaml: string) => evaluateAssessment(policy, parseConfig(yaml, 'b.yaml', policy.questionnaire).assessment, { date: '2026-11-27' });

const org = `organisation:
  name: Baseline GmbH
  answers: { country: de, sector: retail, employees: 10, dpo: true, customers: consumers, minors: false, regulated_goods: [none], works_council: false }
`;
const channelA = `  - id: wa
    platform: whatsapp
    answers: { integration: official_api_partner, partner_hosting: eu, processor_agreement: true, privacy_notice: false }
`;
const channelB = `  - id: tg
    platform: telegram
    answers: { integration: official_api_direct, privacy_notice: true }
`;

describe('baseline fingerprints', () => {
  const original = evaluate(`${org}channels:\n${channelA}${channelB}`);
  const baseline = createBaseline([original], ['channels/b.yaml'], '2026-11-27');

  it('records every finding once, sorted, without line numbers', () => {
    expect(baseline.findings.length).toBeGreaterThan(0);
    expect(baseline.findings.map((f) => f.fingerprint)).toEqual([...baseline.findings.map((f) => f.fingerprint)].sort());
    expect(JSON.stringify(baseline)).not.toMatch(/"line"/);
    expect(baseline.findings.find((f) => f.rule === 'gdpr-privacy-notice')?.answers).toEqual(['wa/privacy_notice']);
  });

  it('survives reordered channels and an unrelated edit', () => {
    const edited = evaluate(`# a comment moves every line\n${org}channels:\n${channelB}${channelA.replace('privacy_notice: false', 'privacy_notice: false, imprint: true')}`);
    const states = [...compareWithBaseline([edited], ['channels/b.yaml'], baseline).values()];
    expect(states.length).toBeGreaterThan(0);
    expect(states.every((s) => s === 'known')).toBe(true);
  });

  it('calls a finding new when it was not there, and raised when its level rose', () => {
    const worse = evaluate(`${org}channels:\n${channelA}${channelB.replace('privacy_notice: true', 'privacy_notice: false')}`);
    const states = compareWithBaseline([worse], ['channels/b.yaml'], baseline);
    const tgNotice = worse.targets.find((t) => t.id === 'tg')?.findings.find((f) => f.rule === 'gdpr-privacy-notice');
    expect(tgNotice && states.get(tgNotice)).toBe('new');
    const lowered = { ...baseline, findings: baseline.findings.map((f) => ({ ...f, level: 'low' as const })) };
    const waNotice = original.targets.find((t) => t.id === 'wa')?.findings.find((f) => f.rule === 'gdpr-privacy-notice');
    expect(waNotice && compareWithBaseline([original], ['channels/b.yaml'], lowered).get(waNotice)).toBe(waNotice?.level === 'low' ? 'known' : 'raised');
  });

  it('tells the same channel in another config file apart: a copied config is new', () => {
    const copy = [...compareWithBaseline([original], ['channels/staging.yaml'], baseline).values()];
    expect(copy.length).toBeGreaterThan(0);
    expect(copy.every((s) => s === 'new')).toBe(true);
    expect(baseline.findings.every((f) => f.config === 'channels/b.yaml')).toBe(true);
  });

  it('matches a version-1 baseline by its old key, which knows no config', () => {
    const legacy: LegacyBaseline = {
      formatVersion: LEGACY_BASELINE_FORMAT_VERSION,
      date: '2026-11-27',
      findings: baseline.findings.map(({ config: _config, ...entry }) => ({ ...entry, fingerprint: legacyKey(entry.rule, entry.target, entry.answers) })),
    };
    const states = [...compareWithBaseline([original], ['anywhere/else.yaml'], legacy).values()];
    expect(states.every((s) => s === 'known')).toBe(true);
  });
});

/** The version-1 fingerprint, written out as the released chanrisk 0.1.0 computed it. */
const legacyKey = (rule: string, target: string, answers: string[]): string => createHash('sha256').update(JSON.stringify([rule, target, answers])).digest('hex').slice(0, 32);
