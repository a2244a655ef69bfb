import { questionTests } from '../policy/condition.js';
import { ruleConditions } from '../policy/rule-conditions.js';
import type { Condition } from '../policy/condition.js';
import type { Jurisdiction, Policy, Rule, Scale } from '../policy/model.js';
import type { ScaleLevel } from '../policy/schema.js';
import { byCodeUnits } from '../util/order.js';
import type { Assessment, ChannelInput } from './assessment.js';
import { conditionTruth, evaluateCondition } from './conditions.js';
import { buildFacts, type AnswerLayers, type Fact, type Facts } from './facts.js';
import { findingPoints, maxRisk, riskLevel, riskRank, scaleAt, scaleIndex } from './levels.js';
import type { AppliedModifier, AssessmentResult, Finding, NotAssessed, OpenPoint, Superseded, TargetResult, Trigger } from './result.js';
import { overall, scoreOf } from './score.js';

export interface EvaluateOptions {
  /** YYYY-MM-DD; rules outside their effective dates are skipped. The engine never reads the clock. */
  date: string;
  /** A what-if of one channel cannot move the organisation's own rules: skip them (the result has channel targets only). */
  channelsOnly?: boolean;
}

export function evaluateAssessment(policy: Policy, assessment: Assessment, options: EvaluateOptions): AssessmentResult {
  const inForce = rulesInForce(policy, options.date);
  const orgFacts = buildFacts(policy.questionnaire, 'organisation', assessment.organisation.answers);
  const channels = assessment.channels.map((channel) => evaluateChannelBase(policy, channel, orgFacts, inForce).target);
  const targets: TargetResult[] = options.channelsOnly
    ? channels
    : [
        // Organisation answers feed every channel's rules too, so their open points name all rules in force.
        evaluateTarget(policy, 'organisation', 'organisation', undefined, orgFacts, inForce.filter((r) => r.scope === 'organisation'), orgFacts, inForce).target,
        ...channels,
      ];
  return { file: assessment.file, organisation: assessment.organisation.name, ...overall(targets), targets };
}

export function channelFacts(policy: Policy, channel: ChannelInput, orgFacts: Facts): Facts {
  return buildFacts(policy.questionnaire, 'channel', [{ platform: channel.platform }, channel.answers], orgFacts);
}

/** One channel's target as a whole result, as `evaluateAssessment` with `channelsOnly` gives it for a single channel. */
export function channelResult(assessment: Assessment, target: TargetResult): AssessmentResult {
  return { file: assessment.file, organisation: assessment.organisation.name, rating: target.rating, score: target.score, targets: [target] };
}

/** A channel's evaluation with what it was made from: the base that `reevaluateChannel` changes incrementally. */
export interface ChannelEvaluation {
  target: TargetResult;
  facts: Facts;
  orgFacts: Facts;
  /** The rules in force on the evaluation date, of every scope and platform. */
  inForce: Rule[];
  /** The channel rules among them for the channel's platform, which `target` was evaluated with. */
  rules: Rule[];
  /** Each of those rules' outcome before overlaps were settled: what an incremental re-evaluation keeps. */
  outcomes: Map<string, RuleOutcome>;
}

/** Evaluates one channel of an assessment (without accepted risks), keeping facts and rules for incremental what-ifs. */
export function evaluateChannelOf(policy: Policy, assessment: Assessment, channel: ChannelInput, options: EvaluateOptions): ChannelEvaluation {
  const orgFacts = buildFacts(policy.questionnaire, 'organisation', assessment.organisation.answers);
  return evaluateChannelBase(policy, channel, orgFacts, rulesInForce(policy, options.date));
}

function evaluateChannelBase(policy: Policy, channel: ChannelInput, orgFacts: Facts, inForce: Rule[]): ChannelEvaluation {
  const facts = channelFacts(policy, channel, orgFacts);
  const rules = channelRules(inForce, channel.platform);
  return { ...evaluateTarget(policy, channel.id, 'channel', channel.platform, facts, rules, ownFacts(facts, orgFacts)), facts, orgFacts, inForce, rules };
}

// The rule lists are made once per date and platform, so the per-list index of open points below is made once too.
const inForceByDate = new WeakMap<readonly Rule[], Map<string, Rule[]>>();
const byPlatform = new WeakMap<readonly Rule[], Map<string, Rule[]>>();

function rulesInForce(policy: Policy, date: string): Rule[] {
  return memo(inForceByDate, policy.rules, date, () => policy.rules.filter((rule) => isInForce(rule, date)));
}

function channelRules(inForce: Rule[], platform: string): Rule[] {
  return memo(byPlatform, inForce, platform, () => inForce.filter((r) => r.scope === 'channel' && (r.channels.includes('*') || r.channels.includes(platform))));
}

function memo<V>(cache: WeakMap<readonly Rule[], Map<string, V>>, rules: readonly Rule[], key: string, make: () => V): V {
  let byKey = cache.get(rules);
  if (!byKey) cache.set(rules, (byKey = new Map()));
  let value = byKey.get(key);
  if (value === undefined) byKey.set(key, (value = make()));
  return value;
}

/** A change to a channel for a what-if or a route: its platform and answer layers over (or instead of) the plan's. */
export interface ChannelChange {
  platform: string;
  answers: AnswerLayers;
}

/**
 * The channel evaluated again after its answers or platform changed (a mitigation, a route). Only rules that read a
 * changed fact run again: a rule's finding depends on nothing but the facts of the questions it names, so every
 * other rule the base evaluated keeps its finding (or pass). Gives what a full evaluation gives, at a fraction of the
 * cost of one.
 */
export function reevaluateChannel(policy: Policy, base: ChannelEvaluation, changed: ChannelChange): ChannelEvaluation {
  const facts = buildFacts(policy.questionnaire, 'channel', [{ platform: changed.platform }, ...changed.answers], base.orgFacts);
  const rules = changed.platform === base.target.platform ? base.rules : channelRules(base.inForce, changed.platform);
  const moved = changedQuestions(base.facts, facts);
  const decide = (rule: Rule): RuleOutcome => (!readsAny(rule, moved) && base.outcomes.get(rule.id)) || judgeRule(rule, facts);
  const evaluated = evaluateTarget(policy, base.target.id, 'channel', changed.platform, facts, rules, ownFacts(facts, base.orgFacts), rules, decide);
  return { ...evaluated, facts, orgFacts: base.orgFacts, inForce: base.inForce, rules };
}

// Organisation answers are inherited; their open points belong to the organisation, not to every channel.
function ownFacts(facts: Facts, orgFacts: Facts): Facts {
  const own = new Map<string, Fact>();
  for (const [id, fact] of facts) if (!orgFacts.has(id)) own.set(id, fact);
  return own;
}

function changedQuestions(before: Facts, after: Facts): Set<string> {
  const changed = new Set<string>();
  for (const [id, fact] of after) if (!sameFact(before.get(id), fact)) changed.add(id);
  for (const id of before.keys()) if (!after.has(id)) changed.add(id);
  return changed;
}

function sameFact(a: Fact | undefined, b: Fact): boolean {
  if (a?.kind !== b.kind) return false;
  if (a.kind === 'unknown' || b.kind === 'unknown') return a.kind === 'unknown' && b.kind === 'unknown' && a.reason === b.reason;
  const [x, y] = [a.value, b.value];
  // Order counts: triggers show list answers as given.
  return Array.isArray(x) && Array.isArray(y) ? x.length === y.length && x.every((v, i) => v === y[i]) : x === y;
}

function evaluateTarget(
  policy: Policy,
  id: string,
  kind: TargetResult['kind'],
  platform: string | undefined,
  facts: Facts,
  rules: Rule[],
  ownFacts: Facts = facts,
  affectRules: Rule[] = rules,
  decide: (rule: Rule) => RuleOutcome = (rule) => judgeRule(rule, facts),
): { target: TargetResult; outcomes: Map<string, RuleOutcome> } {
  const outcomes = new Map<string, RuleOutcome>();
  const fired: Finding[] = [];
  const passed: string[] = [];
  const notApplicable: string[] = [];
  const outOfReach: Rule[] = [];
  for (const rule of rules) {
    const outcome = decide(rule);
    outcomes.set(rule.id, outcome);
    if (outcome === PASSED) passed.push(rule.id);
    else if (outcome === NOT_APPLICABLE) notApplicable.push(rule.id);
    else if (outcome === OUT_OF_REACH) {
      notApplicable.push(rule.id);
      outOfReach.push(rule);
    } else fired.push(outcome);
  }
  const { findings, superseded } = settleOverlaps(fired, rules);
  findings.sort((a, b) => riskRank(b.level) - riskRank(a.level) || b.points - a.points || byCodeUnits(a.rule, b.rule));
  const active = findings.filter((f) => f.status === 'active');
  const rating = maxRisk(active.map((f) => f.level));
  const target: TargetResult = {
    id,
    kind,
    rating,
    score: scoreOf(rating, active.reduce((sum, f) => sum + f.points, 0)),
    findings,
    openPoints: openPoints(facts, ownFacts, affectRules, kind),
    passed: passed.sort(byCodeUnits),
    notApplicable: notApplicable.sort(byCodeUnits),
    notAssessed: notAssessed(outOfReach, policy.questionnaire.jurisdictions),
    superseded,
  };
  if (platform) target.platform = platform;
  return { target, outcomes };
}

/** A rule's outcome for one target: its finding, or that it applied and was cleared, or that it did not apply. */
export type RuleOutcome = Finding | typeof PASSED | typeof NOT_APPLICABLE | typeof OUT_OF_REACH;
export const PASSED = 'passed';
export const NOT_APPLICABLE = 'not_applicable';
/** Not applicable because the rule's law does not reach the organisation: that law is named as not assessed. */
export const OUT_OF_REACH = 'out_of_reach';

export function judgeRule(rule: Rule, facts: Facts): RuleOutcome {
  if (rule.applicability && conditionTruth(rule.applicability, facts) === 'no') {
    return rule.lawReach && conditionTruth(rule.lawReach, facts) === 'no' ? OUT_OF_REACH : NOT_APPLICABLE;
  }
  return evaluateRule(rule, facts) ?? PASSED;
}

/** One fact, one finding: where a rule and a rule it supersedes both fire, only the more specific one is kept. */
function settleOverlaps(fired: Finding[], rules: Rule[]): { findings: Finding[]; superseded: Superseded[] } {
  if (fired.length < 2) return { findings: fired, superseded: [] };
  const firedIds = new Set(fired.map((f) => f.rule));
  const coveredBy = new Map<string, string>();
  for (const rule of rules) {
    if (!rule.supersedes || !firedIds.has(rule.id)) continue;
    for (const other of rule.supersedes) if (firedIds.has(other) && !coveredBy.has(other)) coveredBy.set(other, rule.id);
  }
  if (!coveredBy.size) return { findings: fired, superseded: [] };
  return {
    findings: fired.filter((f) => !coveredBy.has(f.rule)),
    superseded: [...coveredBy].map(([rule, by]) => ({ rule, by })).sort((a, b) => byCodeUnits(a.rule, b.rule)),
  };
}

/** The bodies of law that did not reach this target, with the rules that would have applied them. */
function notAssessed(outOfReach: Rule[], jurisdictions: Jurisdiction[]): NotAssessed[] {
  if (!outOfReach.length) return [];
  return jurisdictions.flatMap((jurisdiction) => {
    const rules = outOfReach.filter((r) => r.law?.jurisdiction === jurisdiction.id).map((r) => r.id).sort(byCodeUnits);
    return rules.length ? [{ jurisdiction: jurisdiction.id, name: jurisdiction.name, rules }] : [];
  });
}

/** A rule that applies (judgeRule settled that) against one channel's facts: its finding, or undefined when cleared. */
function evaluateRule(rule: Rule, facts: Facts): Finding | undefined {
  if (conditionTruth(rule.condition, facts) === 'no') return undefined;
  const evaluation = evaluateCondition(firingCondition(rule, facts), facts);
  const modifiers: AppliedModifier[] = [];
  const impact = applyScale(rule.impact, facts, 'impact', modifiers);
  const likelihood = applyScale(rule.likelihood, facts, 'likelihood', modifiers);
  const triggers: Trigger[] = evaluation.triggers.map((question) => {
    const fact = facts.get(question);
    return fact?.kind === 'value'
      ? { question, value: fact.value, assumed: false }
      : { question, value: 'unknown', assumed: fact?.kind === 'unknown' };
  });
  const finding: Finding = {
    rule: rule.id,
    pack: rule.pack,
    area: rule.area,
    title: rule.title,
    level: rule.levelOverride ?? riskLevel(impact, likelihood),
    impact,
    likelihood,
    points: findingPoints(impact, likelihood),
    status: 'active',
    assumed: evaluation.truth === 'unknown',
    triggers,
    modifiers,
    finding: rule.finding,
    recommendation: rule.recommendation,
    sources: rule.sources,
    reviewed: rule.reviewed,
    waivable: rule.waivable,
  };
  // Assigned rather than spread into the literal: a spread makes V8 build every finding the slow way.
  if (rule.uncertainty) finding.uncertainty = rule.uncertainty;
  return finding;
}

/**
 * What a finding is explained by: the situation the rule applies to and the breach in it. The law's reach is named
 * only where an unknown answer left it open (otherwise every German-law finding would list the seat as a trigger).
 */
function firingCondition(rule: Rule, facts: Facts): Condition {
  const parts: Condition[] = [];
  if (rule.lawReach && conditionTruth(rule.lawReach, facts) === 'unknown') parts.push(rule.lawReach);
  if (rule.applies) parts.push(rule.applies);
  return parts.length ? { all: [...parts, rule.condition] } : rule.condition;
}

/** Applies modifiers in order; where an answer is unknown, a modifier applies only if it makes things worse. */
function applyScale(scale: Scale, facts: Facts, name: 'impact' | 'likelihood', applied: AppliedModifier[]): ScaleLevel {
  let index = scaleIndex(scale.base);
  for (const modifier of scale.modifiers) {
    const truth = conditionTruth(modifier.when, facts);
    if (truth === 'no') continue;
    let next = index;
    if (modifier.raise) next = index + modifier.raise;
    else if (modifier.lower) next = index - modifier.lower;
    else if (modifier.set) next = scaleIndex(modifier.set);
    next = Math.min(4, Math.max(1, next));
    if (truth === 'unknown' && next <= index) continue;
    if (next === index) continue;
    applied.push({ scale: name, reason: modifier.reason, from: scaleAt(index), to: scaleAt(next), assumed: truth === 'unknown' });
    index = next;
  }
  return scaleAt(index);
}

function isInForce(rule: Rule, date: string): boolean {
  return (!rule.effectiveFrom || rule.effectiveFrom <= date) && (!rule.effectiveUntil || date <= rule.effectiveUntil);
}

/**
 * Unknown answers a verdict depends on. A rule that does not apply cannot be changed by them, so it is not named;
 * on the organisation's target, channel rules are judged by their law's reach alone (their situation is per channel).
 */
function openPoints(facts: Facts, ownFacts: Facts, rules: Rule[], kind: TargetResult['kind']): OpenPoint[] {
  const points: OpenPoint[] = [];
  const readers = readersOf(rules);
  for (const [question, fact] of ownFacts) {
    if (fact.kind !== 'unknown') continue;
    const applicable = (rule: Rule): boolean => {
      const condition = kind === 'organisation' && rule.scope === 'channel' ? rule.lawReach : rule.applicability;
      return !condition || conditionTruth(condition, facts) !== 'no';
    };
    const affects = readers.get(question)?.filter(applicable).map((r) => r.id);
    // An open answer no applicable rule reads cannot change a verdict: listing it would only be noise.
    if (affects?.length) points.push({ question, reason: fact.reason, affects });
  }
  return points;
}

// Per list of rules, the rules reading each question (by id): asked for every unknown answer of every target.
const readersIndex = new WeakMap<readonly Rule[], Map<string, Rule[]>>();

function readersOf(rules: readonly Rule[]): Map<string, Rule[]> {
  let readers = readersIndex.get(rules);
  if (!readers) {
    readers = new Map();
    for (const rule of rules) for (const question of questionsOf(rule)) readers.set(question, [...(readers.get(question) ?? []), rule]);
    for (const list of readers.values()) list.sort((a, b) => byCodeUnits(a.id, b.id));
    readersIndex.set(rules, readers);
  }
  return readers;
}

// Per rule, the questions its conditions name: asked for every unknown answer of every channel, so worked out once.
const mentions = new WeakMap<Rule, Set<string>>();

function questionsOf(rule: Rule): Set<string> {
  let questions = mentions.get(rule);
  if (!questions) {
    questions = new Set(ruleConditions(rule).flatMap((c) => [...questionTests(c)].map((t) => t.question)));
    mentions.set(rule, questions);
  }
  return questions;
}

function readsAny(rule: Rule, questions: Set<string>): boolean {
  for (const question of questionsOf(rule)) if (questions.has(question)) return true;
  return false;
}
