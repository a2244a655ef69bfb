import { describe, expect, it } from 'vitest';
import { parseConfig } from '../src/config/load.js';
import { compareWithBaseline, createBaseline } from '../src/engine/baseline.js';
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
  const baseline = createBaseline([original], '2026-11-27');

  it('records every finding once, sorted, without line numbers', () => {
    expect(baseline.findings.length).toBeGreaterThan(0);
    expect(baseline.findings.map((f) => f.fingerprint)).toEqual([...baseline.findings.map((f) => f.fingerprint)].sort());
    expect(JSON.stringify(baseline)).not.toMatch(/"line"/);
    expect(baseline.findings.find((f) => f.rule === 'gdpr-privacy-notice')?.answers).toEqual(['wa/privacy_notice']);
  });

  it('survives reordered channels and an unrelated edit', () => {
    const edited = evaluate(`# a comment moves every line\n${org}channels:\n${channelB}${channelA.replace('privacy_notice: false', 'privacy_notice: false, imprint: true')}`);
    const states = [...compareWithBaseline([edited], baseline).values()];
    expect(states.length).toBeGreaterThan(0);
    expect(states.every((s) => s === 'known')).toBe(true);
  });

  it('calls a finding new when it was not there, and raised when its level rose', () => {
    const worse = evaluate(`${org}channels:\n${channelA}${channelB.replace('privacy_notice: true', 'privacy_notice: false')}`);
    const states = compareWithBaseline([worse], baseline);
    const tgNotice = worse.targets.find((t) => t.id === 'tg')?.findings.find((f) => f.rule === 'gdpr-privacy-notice');
    expect(tgNotice && states.get(tgNotice)).toBe('new');
    const lowered = { ...baseline, findings: baseline.findings.map((f) => ({ ...f, level: 'low' as const })) };
    const waNotice = original.targets.find((t) => t.id === 'wa')?.findings.find((f) => f.rule === 'gdpr-privacy-notice');
    expect(waNotice && compareWithBaseline([original], lowered).get(waNotice)).toBe(waNotice?.level === 'low' ? 'known' : 'raised');
  });
});
