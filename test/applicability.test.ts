import { cpSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Assessment } from '../src/engine/assessment.js';
import { evaluateAssessment } from '../src/engine/evaluate.js';
import type { TargetResult } from '../src/engine/result.js';
import { runRuleTests } from '../src/engine/rule-tests.js';
import { loadPolicy, loadPolicyStrict } from '../src/policy/load.js';
import { ROOT, tempDir } from './helpers.js';

const RULES = join(ROOT, 'test/fixtures/rules-applicability');
const policy = loadPolicyStrict({ rulesDir: RULES });
const DATE = '2026-12-02';

function channel(org: Record<string, unknown>, answers: Record<string, unknown>, platform = 'whatsapp'): TargetResult {
  const assessment: Assessment = {
    file: 'a.yaml',
    organisation: { name: 'Org', answers: org, notes: {} },
    channels: [{ id: 'c1', platform, answers, notes: {} }],
    locations: {},
  };
  const target = evaluateAssessment(policy, assessment, { date: DATE }).targets.find((t) => t.id === 'c1');
  if (!target) throw new Error('no channel result');
  return target;
}

const fired = (t: TargetResult) => t.findings.map((f) => f.rule);
const everything = { purposes: ['sales', 'marketing'], consent: false, archive: false, pupils_consent: false, dpa: true };

describe('applicability', () => {
  it('lists a rule written for another sector as not applicable, never as passed', () => {
    const retailer = channel({ country: 'de', sector: 'retail' }, everything);
    expect(retailer.notApplicable).toEqual(['school-pupils']);
    expect(retailer.passed).not.toContain('school-pupils');
    expect(channel({ country: 'de', sector: 'school' }, everything).findings.map((f) => f.rule)).toContain('school-pupils');
  });

  it('keeps "passed" for a rule that applied and was cleared', () => {
    const cleared = channel({ country: 'de', sector: 'retail' }, { ...everything, consent: true, archive: true });
    expect(cleared.passed).toEqual(expect.arrayContaining(['uwg-consent', 'hgb-archive', 'dpa-missing']));
    expect(cleared.notApplicable).toEqual(['school-pupils']);
  });

  it('does not apply German law to a French shop selling only in France, and names that law as not assessed', () => {
    const shop = channel({ country: 'eu_other', markets: ['eu_other'], sector: 'retail' }, everything);
    expect(fired(shop)).toEqual([]);
    expect(shop.notApplicable).toEqual(['hgb-archive', 'school-pupils', 'uwg-consent']);
    expect(shop.notAssessed).toEqual([{ jurisdiction: 'de', name: { en: 'German law', de: 'deutsches Recht' }, rules: ['hgb-archive', 'uwg-consent'] }]);
  });

  it('reaches a foreign sender addressing the German market with German marketing law, not with German commercial law', () => {
    const austrian = channel({ country: 'eu_other', markets: ['de', 'eu_other'], sector: 'retail' }, everything);
    expect(fired(austrian)).toEqual(['uwg-consent']);
    expect(austrian.notAssessed).toEqual([{ jurisdiction: 'de', name: { en: 'German law', de: 'deutsches Recht' }, rules: ['hgb-archive'] }]);
  });

  it('takes an unknown market of a foreign organisation as the worst case and lists it as an open point', () => {
    const assessment: Assessment = {
      file: 'a.yaml',
      organisation: { name: 'Org', answers: { country: 'outside_eu', markets: 'unknown', sector: 'retail' }, notes: {} },
      channels: [{ id: 'c1', platform: 'whatsapp', answers: everything, notes: {} }],
      locations: {},
    };
    const result = evaluateAssessment(policy, assessment, { date: DATE });
    const uwg = result.targets.find((t) => t.id === 'c1')?.findings.find((f) => f.rule === 'uwg-consent');
    expect(uwg?.assumed).toBe(true);
    expect(uwg?.triggers.find((t) => t.question === 'markets')?.assumed).toBe(true);
    expect(result.targets.find((t) => t.id === 'organisation')?.openPoints).toEqual([{ question: 'markets', reason: 'dont_know', affects: ['uwg-consent'] }]);
  });

  it('assumes the German market for a German organisation that leaves the markets open', () => {
    expect(fired(channel({ country: 'de', sector: 'retail' }, everything))).toContain('uwg-consent');
  });

  it('keeps one finding per fact: the more specific rule supersedes the general one', () => {
    const telegram = channel({ country: 'de', sector: 'retail' }, { ...everything, dpa: false }, 'telegram');
    expect(fired(telegram)).toContain('telegram-no-dpa');
    expect(fired(telegram)).not.toContain('dpa-missing');
    expect(telegram.superseded).toEqual([{ rule: 'dpa-missing', by: 'telegram-no-dpa' }]);
    expect(fired(channel({ country: 'de', sector: 'retail' }, { ...everything, dpa: false }))).toContain('dpa-missing');
  });

  it('lists only applicable rules among the rules an open answer affects', () => {
    const retailer = channel({ country: 'de', sector: 'retail' }, { ...everything, pupils_consent: 'unknown' });
    expect(retailer.openPoints.find((p) => p.question === 'pupils_consent')).toBeUndefined();
  });

  it('runs rule tests for a German organisation unless a case says otherwise', () => {
    expect(runRuleTests(policy.rules, policy.questionnaire).failed).toEqual([]);
  });

  it('lints a superseded rule that does not exist, a mutual supersession and an unknown jurisdiction', () => {
    const dir = tempDir('chanrisk-applicability-');
    cpSync(RULES, dir, { recursive: true });
    const pack = join(dir, 'packs/applicability.yaml');
    writeFileSync(
      pack,
      readFileSync(pack, 'utf8')
        .replace('supersedes: [dpa-missing]', 'supersedes: [dpa-missing, no-such-rule]')
        .replace("    condition: { question: dpa, equals: false }\n    impact: limited", "    supersedes: [telegram-no-dpa]\n    condition: { question: dpa, equals: false }\n    impact: limited")
        .replace('law: { jurisdiction: de, reach: seat }', 'law: { jurisdiction: fr, reach: seat }'),
    );
    const messages = loadPolicy({ rulesDir: dir }).problems.map((p) => p.message);
    expect(messages).toEqual(
      expect.arrayContaining([
        'rule telegram-no-dpa: supersedes unknown rule "no-such-rule"',
        'rule dpa-missing: supersedes "telegram-no-dpa", which supersedes it back',
        'rule hgb-archive: unknown jurisdiction "fr" in law',
      ]),
    );
  });
});
