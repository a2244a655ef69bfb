import type { SourceLocation } from '../util/errors.js';
import { questionTests, type Condition, type QuestionTest } from './condition.js';
import type { Pack, Question, Questionnaire, Rule } from './model.js';
import { reviewDue } from './sources.js';

export interface LintProblem {
  severity: 'error' | 'warning';
  location: SourceLocation;
  rule?: string;
  message: string;
}

export interface LintOptions {
  /** The day review dates are measured from; without it no rule is judged past due. */
  today?: string;
  /** A built-in rule past its review date is an error, not a warning (CI: the shipped law must not go stale). */
  failPastDue?: boolean;
}

/** Cross-reference checks that a schema cannot express: every id and value a pack names must exist. */
export function lintPolicy(questionnaire: Questionnaire, packs: Pack[], options: LintOptions = {}): LintProblem[] {
  const problems: LintProblem[] = [];
  const at = (location: SourceLocation, message: string, rule?: string, severity: LintProblem['severity'] = 'error') =>
    problems.push({ severity, location, message, ...(rule && { rule }) });
  const qLocation: SourceLocation = { file: questionnaire.file, line: 1, column: 1 };

  for (const question of questionnaire.questions.values()) {
    const needsOptions = question.type === 'single' || question.type === 'multi';
    if (needsOptions && !question.options) at(qLocation, `question "${question.id}" (${question.type}) has no options`);
    if (!needsOptions && question.options) at(qLocation, `question "${question.id}" (${question.type}) must not have options`);
    const values = question.options?.map((o) => o.value) ?? [];
    const dup = values.find((v, i) => values.indexOf(v) !== i);
    if (dup) at(qLocation, `question "${question.id}" lists option "${dup}" twice`);
    const conditions = [question.when, ...(question.options ?? []).map((o) => o.when)];
    for (const condition of conditions) {
      if (!condition) continue;
      for (const message of checkCondition(condition, questionnaire, question.scope)) at(qLocation, `question "${question.id}": ${message}`);
    }
  }

  const platforms = questionnaire.questions.get('platform')?.options?.map((o) => o.value) ?? [];
  const seen = new Map<string, Rule>();
  const allRules = packs.flatMap((p) => p.rules);
  const builtinRules = new Set(packs.filter((p) => p.builtin).flatMap((p) => p.rules));
  for (const rule of allRules) {
    const report = (message: string, severity: LintProblem['severity'] = 'error') => at(rule.location, `rule ${rule.id}: ${message}`, rule.id, severity);
    const twin = seen.get(rule.id);
    if (twin) report(`duplicate rule id (also at ${twin.location.file}:${twin.location.line})`);
    seen.set(rule.id, rule);
    for (const channel of rule.channels) {
      if (channel !== '*' && !platforms.includes(channel)) report(`unknown platform "${channel}" in channels`);
    }
    const conditions = [rule.condition, ...(rule.applies ? [rule.applies] : []), ...rule.impact.modifiers.map((m) => m.when), ...rule.likelihood.modifiers.map((m) => m.when)];
    for (const condition of conditions) for (const message of checkCondition(condition, questionnaire, rule.scope)) report(message);
    if (!rule.applies && 'all' in rule.condition && rule.condition.all.length === 0) report('a rule needs a condition, an applies, or both');
    if (rule.law && !questionnaire.jurisdictions.some((j) => j.id === rule.law?.jurisdiction)) report(`unknown jurisdiction "${rule.law.jurisdiction}" in law`);
    for (const message of checkMitigation(rule, questionnaire)) report(message);
    rule.tests.fires.concat(rule.tests.passes).forEach((test) => {
      for (const [id, value] of Object.entries(test.answers)) {
        const message = checkAnswer(id, value, questionnaire);
        if (message) report(`test answers: ${message}`);
      }
    });
    if (rule.sources.some((s) => !s.url && !s.citation)) report('every source needs a url or a citation');
    if (rule.effectiveFrom && rule.effectiveUntil && rule.effectiveFrom > rule.effectiveUntil) report('effective_from is after effective_until');
    for (const field of ['finding', 'recommendation'] as const) {
      const text = rule[field];
      if (text.en === text.de && text.en.length > 40) report(`${field}: the German text equals the English one (untranslated?)`);
    }
    rule.sources.forEach((s, i) => {
      if (s.date && s.checked && s.checked < s.date) report(`sources[${i}] "${s.title}": checked ${s.checked}, before its date ${s.date}`);
    });
    if (options.today) {
      const due = reviewDue(rule);
      const severity = options.failPastDue && builtinRules.has(rule) ? 'error' : 'warning';
      if (due < options.today) report(`past its review date ${due} (oldest source check ${rule.reviewed} + review_days ${rule.reviewDays}): re-read its sources`, severity);
      if (rule.reviewed > options.today) report(`a source was checked on ${rule.reviewed}, which lies in the future`);
    }
  }

  for (const rule of allRules) {
    for (const id of rule.supersedes ?? []) {
      const other = seen.get(id);
      if (!other) at(rule.location, `rule ${rule.id}: supersedes unknown rule "${id}"`, rule.id);
      else if (id === rule.id || other.supersedes?.includes(rule.id)) at(rule.location, `rule ${rule.id}: supersedes "${id}", which supersedes it back`, rule.id);
    }
  }

  for (const jurisdiction of questionnaire.jurisdictions) {
    for (const [kind, condition] of Object.entries(jurisdiction.reach)) {
      for (const message of checkCondition(condition, questionnaire, 'organisation')) at(qLocation, `jurisdiction "${jurisdiction.id}" (${kind}): ${message}`);
    }
  }

  for (const override of packs.flatMap((p) => p.overrides)) {
    const target = seen.get(override.rule);
    const where = override.location;
    if (!target) at(where, `override names unknown rule "${override.rule}"`, override.rule);
    else if (!target.waivable) at(where, `rule ${override.rule} is not waivable: its level cannot be changed or switched off`, override.rule);
    if (override.level === undefined && !override.disabled) at(where, `override of "${override.rule}" sets neither level nor disabled`, override.rule);
  }
  return problems;
}

export function checkCondition(condition: Condition, questionnaire: Questionnaire, scope: 'organisation' | 'channel'): string[] {
  return [...questionTests(condition)].flatMap((test) => checkTest(test, questionnaire, scope));
}

function checkTest(test: QuestionTest, questionnaire: Questionnaire, scope: 'organisation' | 'channel'): string[] {
  const question = questionnaire.questions.get(test.question);
  if (!question) return [`unknown question "${test.question}"`];
  if (scope === 'organisation' && question.scope === 'channel') return [`organisation-wide condition names channel question "${test.question}"`];
  const problems: string[] = [];
  const needsNumber = test.op === 'gte' || test.op === 'lte';
  if (needsNumber && question.type !== 'number') problems.push(`"${test.op}" needs a number question, "${question.id}" is ${question.type}`);
  if ((test.op === 'includes' || test.op === 'includes_any') && question.type !== 'multi') {
    problems.push(`"${test.op}" needs a multiple-choice question, "${question.id}" is ${question.type}`);
  }
  if (test.op === 'equals' || test.op === 'in' || test.op === 'includes' || test.op === 'includes_any') {
    const values = Array.isArray(test.value) ? test.value : [test.value];
    for (const value of values) {
      const message = valueProblem(question, value);
      if (message) problems.push(message);
    }
  }
  return problems;
}

function valueProblem(question: Question, value: unknown): string | undefined {
  if (question.options) {
    return question.options.some((o) => o.value === value) ? undefined : `unknown option "${String(value)}" for question "${question.id}"`;
  }
  if (question.type === 'boolean' && typeof value !== 'boolean') return `question "${question.id}" takes true or false, not "${String(value)}"`;
  if (question.type === 'number' && typeof value !== 'number') return `question "${question.id}" takes a number`;
  return undefined;
}

/** Checks an answer as a test case or mitigation gives it. */
export function checkAnswer(id: string, value: unknown, questionnaire: Questionnaire): string | undefined {
  const question = questionnaire.questions.get(id);
  if (!question) return `unknown question "${id}"`;
  if (value === 'unknown' && question.dontKnow) return undefined;
  if (question.type === 'multi') {
    if (!Array.isArray(value)) return `question "${id}" takes a list`;
    return value.map((v) => valueProblem(question, v)).find(Boolean);
  }
  return valueProblem(question, value);
}

function checkMitigation(rule: Rule, questionnaire: Questionnaire): string[] {
  const problems: string[] = [];
  const { set = {}, add = {}, remove = {} } = rule.mitigation;
  if (!Object.keys(set).length && !Object.keys(add).length && !Object.keys(remove).length) problems.push('mitigation changes no answer');
  for (const [id, value] of Object.entries(set)) {
    const message = checkAnswer(id, value, questionnaire);
    if (message) problems.push(`mitigation: ${message}`);
  }
  for (const [id, values] of [...Object.entries(add), ...Object.entries(remove)]) {
    const message = checkAnswer(id, values, questionnaire);
    if (message) problems.push(`mitigation: ${message}`);
  }
  return problems;
}
