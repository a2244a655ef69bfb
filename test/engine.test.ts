import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Assessment } from '../src/engine/assessment.js';
import { evaluateAssessment } from '../src/engine/evaluate.js';
import { riskLevel } from '../src/engine/levels.js';
import { applyMitigation, rankActions, whatIf } from '../src/engine/whatif.js';
import { loadPolicyStrict } from '../src/policy/load.js';
import { runRuleTests } from '../src/engine/rule-tests.js';
import { ROOT } from './helpers.js';

const policy = loadPolicyStrict({ rulesDir: join(ROOT, 'test/fixtures/rules-mini') });
const DATE = '2026-11-27';

function assessment(channel: Record<string, unknown>, org: Record<string, unknown> = { sector: 'retail' }, platform = 'whatsapp'): Assessment {
  return {
    file: 'test.yaml',
    organisation: { name: 'Test', answers: org, notes: {} },
    channels: [{ id: 'c1', platform, answers: channel, notes: {} }],
    locations: {},
  };
}

const channelOf = (a: Assessment, date = DATE) => {
  const target = evaluateAssessment(policy, a, { date }).targets.find((t) => t.id === 'c1');
  if (!target) throw new Error('no channel result');
  return target;
};

describe('risk matrix', () => {
  it('maps impact x likelihood to four levels, worst corner critical', () => {
    expect(riskLevel('negligible', 'negligible')).toBe('low');
    expect(riskLevel('significant', 'limited')).toBe('medium');
    expect(riskLevel('significant', 'significant')).toBe('high');
    expect(riskLevel('maximum', 'maximum')).toBe('critical');
  });
});

describe('evaluateAssessment', () => {
  it('fires a rule, names the triggering answer and rates the channel by its worst finding', () => {
    const target = channelOf(assessment({ integration: 'grey', volume: 10, purposes: ['service'] }));
    expect(target.findings.map((f) => f.rule)).toEqual(['grey-integration']);
    expect(target.findings[0]?.triggers).toEqual([{ question: 'integration', value: 'grey', assumed: false }]);
    expect(target.rating).toBe('medium');
    // 18 points: the medium band (25-49) moved by floor(25 * 18 / (18 + 48)) = 6.
    expect(target.score).toBe(25 + 6);
    expect(target.passed).toContain('marketing-without-consent');
  });

  it('applies likelihood modifiers and records why', () => {
    const finding = channelOf(assessment({ integration: 'grey', volume: 5000, purposes: ['service'] })).findings[0];
    expect(finding?.likelihood).toBe('maximum');
    expect(finding?.level).toBe('critical');
    expect(finding?.modifiers).toEqual([{ scale: 'likelihood', reason: { en: 'High volume.', de: 'Hohes Volumen.' }, from: 'limited', to: 'maximum', assumed: false }]);
  });

  it('treats "don\'t know" as the worst case: the rule fires, marked assumed, and the answer is an open point', () => {
    const target = channelOf(assessment({ integration: 'unknown', volume: 'unknown', purposes: ['service'] }));
    const finding = target.findings.find((f) => f.rule === 'grey-integration');
    expect(finding?.assumed).toBe(true);
    expect(finding?.likelihood).toBe('maximum');
    expect(target.openPoints.map((p) => p.question)).toEqual(['integration', 'volume']);
    expect(target.openPoints[0]).toEqual({ question: 'integration', reason: 'dont_know', affects: ['grey-integration'] });
  });

  it('treats an applicable question left out of the config as unanswered, and skips questions that do not apply', () => {
    const target = channelOf(assessment({ integration: 'official', volume: 1, purposes: ['service'] }));
    expect(target.openPoints).toEqual([]);
    const withMarketing = channelOf(assessment({ integration: 'official', volume: 1, purposes: ['marketing'] }));
    expect(withMarketing.openPoints).toEqual([{ question: 'consent', reason: 'unanswered', affects: ['marketing-without-consent'] }]);
    expect(withMarketing.findings[0]?.assumed).toBe(true);
  });

  it('lets organisation answers modify channel rules', () => {
    const retail = channelOf(assessment({ purposes: ['marketing'], consent: false, integration: 'official', volume: 1 }));
    const health = channelOf(assessment({ purposes: ['marketing'], consent: false, integration: 'official', volume: 1 }, { sector: 'health' }));
    expect(retail.findings[0]?.level).toBe('medium');
    expect(health.findings[0]?.level).toBe('high');
  });

  it('applies rules only to their platforms and only while in force', () => {
    const threema = channelOf(assessment({ integration: 'official', volume: 1, purposes: ['service'] }, { sector: 'retail' }, 'threema'));
    expect(threema.findings).toEqual([]);
    const later = channelOf(assessment({ integration: 'official', volume: 1, purposes: ['service'] }), '2030-06-01');
    expect(later.findings.map((f) => f.rule)).toEqual(['future-rule']);
  });

  it('scores within the band of the rating and rates the assessment no lower than its worst channel', () => {
    const a = assessment({ integration: 'grey', volume: 5000, purposes: ['marketing'], consent: false }, { sector: 'health' });
    const result = evaluateAssessment(policy, a, { date: DATE });
    expect(result.rating).toBe('critical');
    // Critical is the band 75-99; 36 + 27 points move it by floor(25 * 63 / (63 + 48)) = 14.
    expect(result.score).toBe(75 + 14);
  });

  it('is deterministic', () => {
    const a = assessment({ integration: 'grey', volume: 5000, purposes: ['marketing'], consent: 'unknown' });
    expect(JSON.stringify(evaluateAssessment(policy, a, { date: DATE }))).toBe(JSON.stringify(evaluateAssessment(policy, a, { date: DATE })));
  });
});

describe('what-if', () => {
  it('applies a mitigation without touching the input and ranks actions by risk removed', () => {
    const a = assessment({ integration: 'grey', volume: 5000, purposes: ['marketing'], consent: false });
    const changed = applyMitigation(a, 'c1', { set: { integration: 'official' }, add: { purposes: ['service'] }, remove: { purposes: ['marketing'] } });
    expect(changed.channels[0]?.answers).toEqual({ integration: 'official', volume: 5000, purposes: ['service'], consent: false });
    expect(a.channels[0]?.answers.integration).toBe('grey');
    const result = evaluateAssessment(policy, a, { date: DATE });
    const actions = rankActions(policy, a, result, { date: DATE });
    expect(actions.map((x) => x.finding.rule)).toEqual(['grey-integration', 'marketing-without-consent']);
    expect(actions[0]?.before.rating).toBe('critical');
    expect(actions[0]?.after.rating).toBe('medium');
  });

  it('moves the channel to another platform where a mitigation sets one, in the what-if too', () => {
    const a = assessment({ integration: 'grey', volume: 10, purposes: ['service'] });
    const moved = applyMitigation(a, 'c1', { set: { platform: 'threema', integration: 'official' } });
    expect(moved.channels[0]).toMatchObject({ platform: 'threema', answers: { integration: 'official', volume: 10 } });
    expect(moved.channels[0]?.answers).not.toHaveProperty('platform');
    const after = whatIf(policy, a, 'c1', { set: { platform: 'threema', integration: 'official' } }, { date: DATE }).result.targets.find((t) => t.id === 'c1');
    expect(after?.platform).toBe('threema');
    expect(after?.findings).toEqual([]);
  });

  it('lists questions a change opens instead of assuming the worst for them', () => {
    const a = assessment({ integration: 'official', volume: 1, purposes: ['service'] });
    const plain = evaluateAssessment(policy, applyMitigation(a, 'c1', { add: { purposes: ['marketing'] } }), { date: DATE });
    expect(plain.targets.find((t) => t.id === 'c1')?.findings.map((f) => f.rule)).toEqual(['marketing-without-consent']);
    const outcome = whatIf(policy, a, 'c1', { add: { purposes: ['marketing'] } }, { date: DATE });
    expect(outcome.opened).toEqual(['consent']);
    expect(outcome.result.targets.find((t) => t.id === 'c1')?.findings).toEqual([]);
    const answered = whatIf(policy, assessment({ integration: 'official', volume: 1, purposes: ['service'], consent: false }), 'c1', { add: { purposes: ['marketing'] } }, { date: DATE });
    expect(answered.opened).toEqual([]);
    expect(answered.result.targets.find((t) => t.id === 'c1')?.findings.map((f) => f.rule)).toEqual(['marketing-without-consent']);
  });
});

describe('rule self-tests', () => {
  it('pass for the fixture pack, including dated cases', () => {
    expect(runRuleTests(policy.rules, policy.questionnaire)).toEqual({ passed: 8, failed: [] });
  });

  it('report a case whose expected level is wrong', () => {
    const rule = policy.rules[0];
    if (!rule) throw new Error('fixture has no rules');
    const broken = { ...rule, tests: { fires: [{ answers: { integration: 'grey', volume: 10 }, level: 'critical' as const }], passes: [] } };
    const report = runRuleTests([broken], policy.questionnaire);
    expect(report.failed[0]?.message).toMatch(/expected level critical, got medium/);
  });
});
