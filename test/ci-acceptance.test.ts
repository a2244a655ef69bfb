import { scoreOf } from '../src/engine/score.js';
import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { loadConfigFile, parseConfig } from '../src/config/load.js';
import { applyAcceptances, checkAcceptances, type Acceptance } from '../src/engine/acceptance.js';
import { evaluateAssessment } from '../src/engine/evaluate.js';
import { loadPolicyStrict } from '../src/policy/load.js';
import { ROOT } from './helpers.js';

const policy = loadPolicyStrict();

// The Cloud API example with an outdated privacy notice, accepted until 2026-12-31.
const FIXTURE = join(ROOT, 'test', 'fixtures', 'ci', 'accepted.yaml');
const loaded = loadConfigFile(FIXTURE, policy.questionnaire);
const assessment = loaded.assessment;
const result = evaluateAssessment(policy, assessment, { date: '2026-11-27' });
const acceptances = assessment.acceptances ?? [];
const finding = (r: typeof result, rule: string) => r.targets.find((t) => t.id === 'whatsapp-service')?.findings.find((f) => f.rule === rule);
const wa = (r: typeof result) => r.targets.find((t) => t.id === 'whatsapp-service');

describe('applyAcceptances', () => {
  it('reads accepted_risks from the config with their location', () => {
    expect(acceptances).toHaveLength(1);
    expect(acceptances[0]?.location).toMatchObject({ file: FIXTURE, line: 57 });
  });

  it('marks the finding accepted up to and including the expiry day, and scores only active findings', () => {
    const { result: after, warnings } = applyAcceptances(result, acceptances, '2026-12-31');
    expect(warnings).toEqual([]);
    const accepted = finding(after, 'gdpr-privacy-notice');
    expect(accepted?.status).toBe('accepted');
    expect(accepted?.acceptance).toMatchObject({ owner: 'Web team (Jana Kern)', approver: 'Dana Berater, DPO', expires: '2026-12-31' });
    const activePoints = wa(after)?.findings.filter((f) => f.status === 'active').reduce((sum, f) => sum + f.points, 0) ?? 0;
    expect(wa(after)?.score).toBe(scoreOf(wa(after)?.rating ?? 'low', activePoints));
    expect(wa(after)?.score).toBeLessThan(wa(result)?.score ?? 0);
    expect(wa(after)?.rating).toBe('low');
    expect(wa(after)?.findings.filter((f) => f.status === 'active').map((f) => f.rule)).not.toContain('gdpr-privacy-notice');
    expect(finding(result, 'gdpr-privacy-notice')?.status).toBe('active');
  });

  it('lets the finding count again from the day after expiry, with a warning', () => {
    const { result: after, warnings } = applyAcceptances(result, acceptances, '2027-01-01');
    expect(finding(after, 'gdpr-privacy-notice')?.status).toBe('active');
    expect(warnings.map((w) => w.kind)).toEqual(['expired']);
    expect(warnings[0]?.message.de).toContain('abgelaufen');
    expect(wa(after)?.score).toBe(wa(result)?.score);
  });

  it('warns about an acceptance that matches no finding', () => {
    const stale: Acceptance = { ...(acceptances[0] as Acceptance), rule: 'uwg-no-prior-consent' };
    const { warnings } = applyAcceptances(result, [stale], '2026-12-01');
    expect(warnings.map((w) => w.kind)).toEqual(['stale']);
  });
});

describe('an organisation-wide acceptance', () => {
  it('covers an organisation rule when its channel is "organisation"', () => {
    const text = readFileSync(FIXTURE, 'utf8')
      .replace('dpo: true', 'dpo: false')
      .replace('rule: gdpr-privacy-notice', 'rule: gdpr-dpo-missing')
      .replace('channel: whatsapp-service', 'channel: organisation');
    const org = parseConfig(text, 'org.yaml', policy.questionnaire).assessment;
    expect(checkAcceptances(org.acceptances ?? [], policy, org)).toEqual([]);
    const { result: after, warnings } = applyAcceptances(evaluateAssessment(policy, org, { date: '2026-11-27' }), org.acceptances ?? [], '2026-11-27');
    expect(warnings).toEqual([]);
    const target = after.targets.find((t) => t.id === 'organisation');
    expect(target?.findings.find((f) => f.rule === 'gdpr-dpo-missing')?.status).toBe('accepted');
    expect(target?.score).toBe(0);
  });
});

describe('checkAcceptances', () => {
  const base = acceptances[0] as Acceptance;
  it('accepts a waivable rule on a known channel', () => {
    expect(checkAcceptances([base], policy, assessment)).toEqual([]);
  });

  it('refuses a non-waivable rule, at the entry in the config', () => {
    const [problem] = checkAcceptances([{ ...base, rule: 'wa-unofficial-client' }], policy, assessment);
    expect(problem?.message).toContain('not waivable');
    expect(problem?.location?.line).toBe(57);
  });

  it('refuses an expiry that is not a calendar date', () => {
    const [problem] = checkAcceptances([{ ...base, expires: '2026-02-30' }], policy, assessment);
    expect(problem?.message).toContain('not a calendar date');
  });

  it('suggests the id meant for an unknown rule or channel', () => {
    const problems = checkAcceptances([{ ...base, rule: 'gdpr-privacy-notise', channel: 'whatsap-service' }], policy, assessment);
    expect(problems.map((p) => p.hint)).toEqual(['did you mean "gdpr-privacy-notice"?', 'did you mean "whatsapp-service"?']);
  });
});
