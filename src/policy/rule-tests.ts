import { evaluateRule } from '../engine/evaluate.js';
import { buildFacts } from '../engine/facts.js';
import type { Questionnaire, Rule, RuleTestCase } from './model.js';

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

/** Runs the test cases every rule carries: answers that must fire it, answers that must not. */
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
  const orgFacts = buildFacts(questionnaire, 'organisation', test.answers, new Map(), 'absent');
  const facts = rule.scope === 'organisation' ? orgFacts : buildFacts(questionnaire, 'channel', { ...test.answers, platform }, orgFacts, 'absent');
  const finding = inForce ? evaluateRule(rule, facts) : undefined;
  if (kind === 'passes') return finding ? `expected no finding, got ${finding.level} (triggered by ${finding.triggers.map((t) => t.question).join(', ')})` : undefined;
  if (!finding) return inForce ? 'expected a finding, the rule did not fire' : `expected a finding, but the rule is not in force on ${test.date}`;
  if (test.level && finding.level !== test.level) return `expected level ${test.level}, got ${finding.level} (impact ${finding.impact}, likelihood ${finding.likelihood})`;
  return undefined;
}
