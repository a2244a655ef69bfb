import type { Questionnaire, Rule, RuleTestCase } from '../policy/model.js';
import { judgeRule, PASSED } from './evaluate.js';
import { buildFacts } from './facts.js';

export interface RuleTestFailure {
  rule: string;
  kind: 'fires' | 'passes';
  index: number;
  message: string;
}

export interface RuleTestReport {
  passed: number;
  failed: RuleTestFailure[];
}

/**
 * Where a test case does not say where the organisation is established, it is in Germany: the packs are written
 * for German clients first, and a case about the law's reach names the seat itself.
 */
const DEFAULT_ORGANISATION = { country: 'de' };

/** Runs the test cases every rule carries: answers that must fire it, answers that must not (it passes or does not apply). */
export function runRuleTests(rules: Rule[], questionnaire: Questionnaire): RuleTestReport {
  let passed = 0;
  const failed: RuleTestFailure[] = [];
  for (const rule of rules) {
    for (const kind of ['fires', 'passes'] as const) {
      rule.tests[kind].forEach((test, index) => {
        const message = runCase(rule, test, kind, questionnaire);
        if (message) failed.push({ rule: rule.id, kind, index, message });
        else passed++;
      });
    }
  }
  return { passed, failed };
}

function runCase(rule: Rule, test: RuleTestCase, kind: 'fires' | 'passes', questionnaire: Questionnaire): string | undefined {
  const inForce = !test.date || ((!rule.effectiveFrom || rule.effectiveFrom <= test.date) && (!rule.effectiveUntil || test.date <= rule.effectiveUntil));
  const platform = test.answers.platform ?? (rule.channels.includes('*') ? rule.channels.find((c) => c !== '*') ?? 'whatsapp' : rule.channels[0]);
  const answers = { ...DEFAULT_ORGANISATION, ...test.answers };
  const orgFacts = buildFacts(questionnaire, 'organisation', answers, new Map(), 'absent');
  const facts = rule.scope === 'organisation' ? orgFacts : buildFacts(questionnaire, 'channel', { ...answers, platform }, orgFacts, 'absent');
  const outcome = inForce ? judgeRule(rule, facts) : PASSED;
  const finding = typeof outcome === 'string' ? undefined : outcome;
  if (kind === 'passes') return finding ? `expected no finding, got ${finding.level} (triggered by ${finding.triggers.map((t) => t.question).join(', ')})` : undefined;
  if (!finding) {
    if (!inForce) return `expected a finding, but the rule is not in force on ${test.date}`;
    return outcome === PASSED ? 'expected a finding, the rule did not fire' : 'expected a finding, but the rule does not apply to these answers';
  }
  if (test.level && finding.level !== test.level) return `expected level ${test.level}, got ${finding.level} (impact ${finding.impact}, likelihood ${finding.likelihood})`;
  return undefined;
}
