import { questionTests } from '../policy/condition.js';
import { ruleConditions } from '../policy/rule-conditions.js';
import type { Policy, Rule, Scale } from '../policy/model.js';
import type { ScaleLevel } from '../policy/schema.js';
import { byCodeUnits } from '../util/order.js';
import type { Assessment, ChannelInput } from './assessment.js';
import { conditionTruth, evaluateCondition } from './conditions.js';
import { buildFacts, type AnswerLayers, type Fact, type Facts } from './facts.js';
import { findingPoints, MAX_SCORE, maxRisk, riskLevel, riskRank, scaleAt, scaleIndex } from './levels.js';
import type { AppliedModifier, AssessmentResult, Finding, OpenPoint, TargetResult, Trigger } from './result.js';

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
        evaluateTarget('organisation', 'organisation', undefined, orgFacts, inForce.filter((r) => r.scope === 'organisation'), orgFacts, inForce),
        ...channels,
      ];
  return {
    file: assessment.file,
    organisation: assessment.organisation.name,
    rating: maxRisk(targets.map((t) => t.rating)),
    score: Math.max(0, ...targets.map((t) => t.score)),
    targets,
  };
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
}

/** Evaluates one channel of an assessment (without accepted risks), keeping facts and rules for incremental what-ifs. */
export function evaluateChannelOf(policy: Policy, assessment: Assessment, channel: ChannelInput, options: EvaluateOptions): ChannelEvaluation {
  const orgFacts = buildFacts(policy.questionnaire, 'organisation', assessment.organisation.answers);
  return evaluateChannelBase(policy, channel, orgFacts, rulesInForce(policy, options.date));
}

function evaluateChannelBase(policy: Policy, channel: ChannelInput, orgFacts: Facts, inForce: Rule[]): ChannelEvaluation {
  const facts = channelFacts(policy, channel, orgFacts);
  const rules = channelRules(inForce, channel.platform);
  return { target: evaluateTarget(channel.id, 'channel', channel.platform, facts, rules, ownFacts(facts, orgFacts)), facts, orgFacts, inForce, rules };
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
  const before = findingsByRule(base.target);
  const basePlatform = base.target.platform ?? '';
  const onBase = (rule: Rule): boolean => rule.channels.includes('*') || rule.channels.includes(basePlatform);
  const decide = (rule: Rule): Finding | undefined => (onBase(rule) && !readsAny(rule, moved) ? before.get(rule.id) : evaluateRule(rule, facts));
  const target = evaluateTarget(base.target.id, 'channel', changed.platform, facts, rules, ownFacts(facts, base.orgFacts), rules, decide);
  return { target, facts, orgFacts: base.orgFacts, inForce: base.inForce, rules };
}

// A base is re-evaluated once per mitigation or route: its findings are indexed once.
const baseFindings = new WeakMap<TargetResult, Map<string, Finding>>();

function findingsByRule(target: TargetResult): Map<string, Finding> {
  let byRule = baseFindings.get(target);
  if (!byRule) baseFindings.set(target, (byRule = new Map(target.findings.map((f) => [f.rule, f]))));
  return byRule;
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
  id: string,
  kind: TargetResult['kind'],
  platform: string | undefined,
  facts: Facts,
  rules: Rule[],
  ownFacts: Facts = facts,
  affectRules: Rule[] = rules,
  decide: (rule: Rule) => Finding | undefined = (rule) => evaluateRule(rule, facts),
): TargetResult {
  const findings: Finding[] = [];
  const passed: string[] = [];
  for (const rule of rules) {
    const finding = decide(rule);
    if (finding) findings.push(finding);
    else passed.push(rule.id);
  }
  findings.sort((a, b) => riskRank(b.level) - riskRank(a.level) || b.points - a.points || byCodeUnits(a.rule, b.rule));
  const active = findings.filter((f) => f.status === 'active');
  const target: TargetResult = {
    id,
    kind,
    rating: maxRisk(active.map((f) => f.level)),
    score: Math.min(MAX_SCORE, active.reduce((sum, f) => sum + f.points, 0)),
    findings,
    openPoints: openPoints(ownFacts, affectRules),
    passed: passed.sort(),
  };
  if (platform) target.platform = platform;
  return target;
}

/** One rule against one channel's facts: a finding, or undefined when the rule passes. */
export function evaluateRule(rule: Rule, facts: Facts): Finding | undefined {
  if (conditionTruth(rule.condition, facts) === 'no') return undefined;
  const evaluation = evaluateCondition(rule.condition, facts);
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
    applied.push({ scale: name, reason: modifier.reason, from: scaleAt(index), to: scaleAt(next) });
    index = next;
  }
  return scaleAt(index);
}

function isInForce(rule: Rule, date: string): boolean {
  return (!rule.effectiveFrom || rule.effectiveFrom <= date) && (!rule.effectiveUntil || date <= rule.effectiveUntil);
}

function openPoints(facts: Facts, rules: Rule[]): OpenPoint[] {
  const points: OpenPoint[] = [];
  const readers = readersOf(rules);
  for (const [question, fact] of facts) {
    if (fact.kind !== 'unknown') continue;
    const affects = readers.get(question);
    // An open answer no rule reads cannot change a verdict: listing it would only be noise.
    if (affects) points.push({ question, reason: fact.reason, affects: [...affects] });
  }
  return points;
}

// Per list of rules, the ids of the rules reading each question (sorted): asked for every unknown answer of every target.
const readersIndex = new WeakMap<readonly Rule[], Map<string, string[]>>();

function readersOf(rules: readonly Rule[]): Map<string, string[]> {
  let readers = readersIndex.get(rules);
  if (!readers) {
    readers = new Map();
    for (const rule of rules) for (const question of questionsOf(rule)) readers.set(question, [...(readers.get(question) ?? []), rule.id]);
    for (const ids of readers.values()) ids.sort();
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
