import type { AnswerValue, Mitigation, Policy, RiskLevel, Text } from '../policy/model.js';
import type { Route } from '../policy/routes.js';
import type { Assessment, ChannelInput } from './assessment.js';
import { evaluateCondition } from './conditions.js';
import { channelResult, evaluateChannelOf, reevaluateChannel, type ChannelEvaluation, type EvaluateOptions } from './evaluate.js';
import { riskRank } from './levels.js';
import type { AssessmentResult, Finding, TargetResult } from './result.js';
import { rawPoints, rescore } from './score.js';

/** An answer the route put in place of (or beside) the plan's: printed as an assumption, never hidden. */
export interface AppliedAnswer {
  question: string;
  value: AnswerValue;
  /** "fact": the route implies it; "default": the plan gave no answer, the route's default stands in. */
  kind: 'fact' | 'default';
}

/** A reason the route cannot serve the plan; `assumed` when the plan's answer is unknown and it only may block. */
export interface Blocker {
  reason: Text;
  assumed: boolean;
  triggers: { question: string; value: AnswerValue | 'unknown' }[];
}

export interface RouteEvaluation {
  target: TargetResult;
  /** Active here, not in the plan. */
  appeared: Finding[];
  /** Active in the plan, gone here. */
  disappeared: Finding[];
  assumptions: AppliedAnswer[];
  /** Questions unknown for this route that the plan did not leave open: judged as the worst case. */
  newlyOpen: string[];
  /** Plan answers that hold for the plan's platform or provider only and were not carried to this route. */
  notCarried: string[];
  /** Active findings that rest on the route's defaults or on plan answers it does not carry: assumptions of the route, not the plan. */
  routeAssumed: Finding[];
  /**
   * Findings that rest only on questions the route makes relevant and the plan has not answered: the client's next
   * questions for this route, left out of its rating and points (as a what-if leaves them out) and listed instead.
   */
  pending: Finding[];
}

export interface RouteOutcome {
  route: Route;
  /** The plan already is this route (same platform, every implied fact already answered so). */
  current: boolean;
  blockers: Blocker[];
  serves: boolean;
  /** Absent for a platform without any business route. */
  evaluation?: RouteEvaluation;
}

export interface Standing {
  rating: RiskLevel;
  score: number;
  points: number;
}

export type RecommendationReason = 'lowest_risk' | 'plan_is_lowest' | 'no_route_serves' | 'own_high_risk' | 'no_route_lowers_risk';

export interface Recommendation {
  kind: 'switch' | 'keep' | 'none';
  reason: RecommendationReason;
  /** switch: the route to take; keep: the plan's own route if it is one; none/own_high_risk: the least risky candidate. */
  route?: string;
  /** `points`: the uncapped sum behind the 0-100 score, which tells two capped scores apart. */
  before: Standing;
  after?: Standing;
  /** Findings of the plan the recommended route removes. */
  removed: Finding[];
  /** Findings the recommended route brings that the plan does not have. */
  added: Finding[];
  /** High or critical findings of the least risky candidate that the route itself causes (own_high_risk). */
  ownRisks: Finding[];
  /** Findings (medium or worse) left on the chosen route that the plan's own answers cause: fixed in the plan, not by a route. */
  remaining: Finding[];
}

export interface ChannelComparison {
  channel: ChannelInput;
  plan: TargetResult;
  routes: RouteOutcome[];
  /** Active in the plan and on every evaluated route: they come from the plan, not from the channel. */
  planRisks: Finding[];
  recommendation: Recommendation;
}

const HIGH: RiskLevel = 'high';

export interface CompareOptions extends EvaluateOptions {
  /** Only these channel ids; all when absent. */
  channels?: string[];
  /** What turns an evaluation into the settled result (e.g. accepted risks); applied to the plan and every route alike. */
  settle?: (evaluated: AssessmentResult) => AssessmentResult;
}

/**
 * What-if over routes: every planned channel re-evaluated on every route (the plan's answers with the route's
 * implied facts), then a recommendation. Pure and deterministic: routes keep their file order.
 */
export function compareChannels(policy: Policy, assessment: Assessment, routes: Route[], options: CompareOptions): ChannelComparison[] {
  return assessment.channels
    .filter((c) => !options.channels || options.channels.includes(c.id))
    .map((channel) => compareChannel(policy, assessment, channel, routes, options));
}

/** A channel's evaluation as the plan's result shows it: with accepted risks settled. */
function settled(assessment: Assessment, target: TargetResult, options: CompareOptions): TargetResult {
  const evaluated = channelResult(assessment, target);
  return (options.settle ? options.settle(evaluated) : evaluated).targets[0] ?? target;
}

function compareChannel(policy: Policy, assessment: Assessment, channel: ChannelInput, routes: Route[], options: CompareOptions): ChannelComparison {
  // Every route re-evaluates the plan incrementally: only rules reading an answer the route changes run again.
  const base = evaluateChannelOf(policy, assessment, channel, options);
  const plan = settled(assessment, base.target, options);
  const outcomes = routes.map((route) => routeOutcome(policy, assessment, channel, plan, base, route, options));
  const evaluated = outcomes.filter((o) => o.evaluation);
  const planRisks = evaluated.length
    ? active(plan).filter((f) => evaluated.every((o) => active(o.evaluation?.target).some((g) => g.rule === f.rule)))
    : [];
  const mitigations = new Map(policy.rules.map((r) => [r.id, r.mitigation]));
  return { channel, plan, routes: outcomes, planRisks, recommendation: recommend(channel, plan, outcomes, planRisks, (rule) => mitigations.get(rule)) };
}

function routeOutcome(
  policy: Policy,
  assessment: Assessment,
  channel: ChannelInput,
  plan: TargetResult,
  base: ChannelEvaluation,
  route: Route,
  options: CompareOptions,
): RouteOutcome {
  const current = route.platform === channel.platform && Object.entries(route.facts).every(([id, value]) => sameAnswer(channel.answers[id], value));
  if (route.unavailable) return { route, current: false, blockers: [], serves: false };
  const { carried, notCarried } = carriedAnswers(policy, channel, route);
  const defaults = Object.entries(route.defaults).filter(([id]) => carried[id] === undefined);
  const alternative = { platform: route.platform, answers: [route.facts, carried, Object.fromEntries(defaults)] };
  const { facts, target: evaluated } = reevaluateChannel(policy, base, alternative);
  const judged = settled(assessment, evaluated, options);
  const applied = (entries: [string, unknown][], kind: AppliedAnswer['kind']): AppliedAnswer[] =>
    entries.filter(([id]) => facts.get(id)?.kind === 'value').map(([question, value]) => ({ question, value: value as AnswerValue, kind }));
  const blockers = route.cannotServe.flatMap((limit): Blocker[] => {
    const evaluation = evaluateCondition(limit.when, facts);
    if (evaluation.truth === 'no') return [];
    const triggers = evaluation.triggers.map((question) => {
      const fact = facts.get(question);
      return { question, value: fact?.kind === 'value' ? fact.value : ('unknown' as const) };
    });
    return [{ reason: limit.reason, assumed: evaluation.truth === 'unknown', triggers }];
  });
  const planOpen = new Set(plan.openPoints.map((p) => p.question));
  const planRules = new Set(active(plan).map((f) => f.rule));
  const newlyOpen = judged.openPoints.map((p) => p.question).filter((q) => !planOpen.has(q) && base.facts.get(q)?.kind !== 'unknown');
  const askedAnew = new Set(newlyOpen.filter((q) => !notCarried.includes(q)));
  const pending = active(judged).filter((f) => !planRules.has(f.rule) && f.triggers.some((t) => t.assumed) && f.triggers.every((t) => !t.assumed || askedAnew.has(t.question)));
  const target = pending.length ? rescore({ ...judged, findings: judged.findings.filter((f) => !pending.includes(f)) }) : judged;
  const routeRules = new Set(active(target).map((f) => f.rule));
  const routeMade = new Set([...notCarried, ...defaults.map(([id]) => id)]);
  return {
    route,
    current,
    blockers,
    serves: blockers.length === 0,
    evaluation: {
      target,
      appeared: active(target).filter((f) => !planRules.has(f.rule)),
      disappeared: active(plan).filter((f) => !routeRules.has(f.rule)),
      assumptions: [...applied(Object.entries(route.facts), 'fact'), ...applied(defaults, 'default')],
      newlyOpen,
      notCarried,
      routeAssumed: active(target).filter((f) => !planRules.has(f.rule) && f.triggers.some((t) => routeMade.has(t.question))),
      pending,
    },
  };
}

/**
 * The plan's answers as another route inherits them. An answer that holds for one platform or provider only (its
 * processor agreement, privacy notice, DPIA, transfer assessment, secrecy release) does not carry to another
 * platform unless the route implies it: that route must be answered anew, and until then is judged as the worst case.
 */
function carriedAnswers(policy: Policy, channel: ChannelInput, route: Route): { carried: Record<string, unknown>; notCarried: string[] } {
  if (route.platform === channel.platform) return { carried: channel.answers, notCarried: [] };
  const carried: Record<string, unknown> = {};
  const notCarried: string[] = [];
  for (const [id, value] of Object.entries(channel.answers)) {
    if (policy.questionnaire.questions.get(id)?.providerBound && !(id in route.facts)) notCarried.push(id);
    else carried[id] = value;
  }
  return { carried, notCarried: notCarried.sort() };
}

/**
 * Among the official routes that serve every planned purpose and carry no high risk of their own: the lowest
 * rating; at equal rating the planned platform first (switching platform changes whom you reach, which chanrisk
 * cannot judge), then the lower score (uncapped points), then file order. A route's own risk is a high or critical
 * finding not found on every route whose remedy (the rule's mitigation) would change an answer the route implies or
 * drop a planned purpose. None when no official route serves the plan, or when every one that does keeps such a
 * risk. Risks the plan's own answers cause stay on any route and are named instead.
 */
export function recommend(
  channel: ChannelInput,
  plan: TargetResult,
  outcomes: RouteOutcome[],
  planRisks: Finding[],
  mitigationOf: (rule: string) => Mitigation | undefined,
): Recommendation {
  const before = standing(plan);
  const none = { removed: [], added: [], ownRisks: [], remaining: [] };
  const candidates = outcomes
    .map((outcome, index) => ({ outcome, index }))
    .filter(({ outcome }) => outcome.route.official && outcome.serves && outcome.evaluation)
    .sort((a, b) => compareCandidates(a.outcome, a.index, b.outcome, b.index, channel.platform));
  const least = candidates[0]?.outcome;
  if (!least?.evaluation) return { kind: 'none', reason: 'no_route_serves', before, ...none };
  const fromPlan = new Set(planRisks.map((f) => f.rule));
  const routeCaused = (o: RouteOutcome) => (f: Finding) =>
    !fromPlan.has(f.rule) && (o.evaluation?.routeAssumed.includes(f) === true || causedByRoute(mitigationOf(f.rule), o.route.facts, channel.answers.purposes));
  const ownRisksOf = (o: RouteOutcome) => active(o.evaluation?.target).filter((f) => riskRank(f.level) >= riskRank(HIGH) && routeCaused(o)(f));
  const withoutOwnRisk = candidates.map((c) => c.outcome).filter((o) => ownRisksOf(o).length === 0);
  if (!withoutOwnRisk.length) {
    return { kind: 'none', reason: 'own_high_risk', route: least.route.id, before, after: standing(least.evaluation.target), ...none, ownRisks: ownRisksOf(least) };
  }
  // A route that leaves more risk than the plan is never recommended: a higher rating, or more points at the same one.
  const lowersRisk = (o: RouteOutcome) => {
    const t = o.evaluation?.target;
    return !!t && (o.current || riskRank(t.rating) < riskRank(plan.rating) || (t.rating === plan.rating && rawPoints(t) <= before.points));
  };
  const best = withoutOwnRisk.find(lowersRisk) ?? withoutOwnRisk[0];
  if (!best?.evaluation) return { kind: 'none', reason: 'no_route_serves', before, ...none };
  const { target, disappeared, appeared } = best.evaluation;
  const after = standing(target);
  const remaining = active(target).filter((f) => riskRank(f.level) >= riskRank('medium') && !routeCaused(best)(f));
  if (best.current) return { kind: 'keep', reason: 'lowest_risk', route: best.route.id, before, after, ...none, remaining };
  // A plan already on an official integration that serves it stays put unless a route is really less risky.
  const ownIntegration = (o: RouteOutcome) => o.current || (o.route.platform === channel.platform && o.route.facts.integration === channel.answers.integration);
  const own = outcomes.find((o) => o.route.official && o.serves && ownIntegration(o));
  const planNoWorse = riskRank(plan.rating) < riskRank(after.rating) || (plan.rating === after.rating && rawPoints(plan) <= rawPoints(target));
  const planRemaining = () => active(plan).filter((f) => riskRank(f.level) >= riskRank('medium'));
  if (own && planNoWorse) return { kind: 'keep', reason: 'plan_is_lowest', route: own.route.id, before, after: before, ...none, remaining: planRemaining() };
  if (!lowersRisk(best)) return { kind: 'none', reason: 'no_route_lowers_risk', route: best.route.id, before, after, ...none, remaining: planRemaining() };
  return { kind: 'switch', reason: 'lowest_risk', route: best.route.id, before, after, ...none, removed: disappeared, added: appeared, remaining };
}

/** A finding the route causes: its remedy changes an answer the route implies, drops a planned purpose, or is unknown. */
function causedByRoute(mitigation: Mitigation | undefined, routeFacts: Record<string, unknown>, purposes: unknown): boolean {
  if (!mitigation) return true;
  const changed = [...Object.keys(mitigation.set ?? {}), ...Object.keys(mitigation.add ?? {}), ...Object.keys(mitigation.remove ?? {})];
  if (changed.some((id) => id in routeFacts)) return true;
  const planned = Array.isArray(purposes) ? purposes : [];
  return (mitigation.remove?.purposes ?? []).some((p) => planned.includes(p));
}

/** The active findings' points before the 0-100 cap: what tells two capped scores apart. */
const standing = (target: TargetResult): Standing => ({ rating: target.rating, score: target.score, points: rawPoints(target) });

function compareCandidates(a: RouteOutcome, ai: number, b: RouteOutcome, bi: number, platform: string): number {
  const ta = a.evaluation?.target;
  const tb = b.evaluation?.target;
  if (!ta || !tb) return ai - bi;
  const samePlatform = (o: RouteOutcome) => (o.route.platform === platform ? 0 : 1);
  return riskRank(ta.rating) - riskRank(tb.rating) || samePlatform(a) - samePlatform(b) || rawPoints(ta) - rawPoints(tb) || ai - bi;
}

const active = (target: TargetResult | undefined): Finding[] => (target?.findings ?? []).filter((f) => f.status === 'active');

function sameAnswer(a: unknown, b: unknown): boolean {
  if (Array.isArray(a) && Array.isArray(b)) return a.length === b.length && a.every((v) => b.includes(v));
  return a === b;
}
