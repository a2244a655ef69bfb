import type { Assessment } from '../engine/assessment.js';
import type { ChannelComparison } from '../engine/compare.js';
import { buildFacts, type Fact, type Facts } from '../engine/facts.js';
import { channelFacts, evaluateChannelOf, reevaluateChannel, type ChannelEvaluation } from '../engine/evaluate.js';
import { maxRisk, RISK_MATRIX, riskRank } from '../engine/levels.js';
import { scoreOf } from '../engine/score.js';
import type { AssessmentResult, Finding, TargetResult } from '../engine/result.js';
import { applyMitigation, type Action } from '../engine/whatif.js';
import { conditionTruth } from '../engine/conditions.js';
import type { Area, Lang, Modifier, Policy, Question, RiskLevel, ScaleLevel, Text } from '../policy/model.js';
import { AREAS, IMPACT_LEVELS } from '../policy/schema.js';
import { byCodeUnits } from '../util/order.js';

/** Everything a report is made from; the same input always gives the same report. */
export interface ReportInput {
  tool: { name: string; version: string };
  date: string;
  lang: Lang;
  policy: Policy;
  assessment: Assessment;
  result: AssessmentResult;
  actions: Action[];
  /** The routes each channel was compared with (`compare`); without it the report has no "Alternatives" section. */
  alternatives?: ChannelComparison[];
}

/** A finding with the number ("F3") the matrix and the action plan refer to. */
export interface NumberedFinding {
  ref: string;
  target: TargetResult;
  finding: Finding;
}

export interface MatrixCell {
  impact: ScaleLevel;
  likelihood: ScaleLevel;
  level: RiskLevel;
  refs: NumberedFinding[];
}

export interface AreaScore {
  area: Area;
  score: number;
  findings: number;
}

export interface AnswerRow {
  question: Question;
  fact: Fact;
  note: string | undefined;
}

/** Findings numbered in the order the report lists them: target by target, worst level first, then most points. */
export function numberFindings(result: AssessmentResult): NumberedFinding[] {
  const numbered: NumberedFinding[] = [];
  for (const target of result.targets) {
    for (const finding of [...target.findings].sort(worstFirst)) numbered.push({ ref: `F${numbered.length + 1}`, target, finding });
  }
  return numbered;
}

const worstFirst = (a: Finding, b: Finding): number =>
  riskRank(b.level) - riskRank(a.level) || b.points - a.points || AREAS.indexOf(a.area) - AREAS.indexOf(b.area) || byCodeUnits(a.rule, b.rule);

/** The 4x4 grid, highest impact first (the way a risk matrix is read), with the open findings in their cells. */
export function matrixRows(numbered: NumberedFinding[]): MatrixCell[][] {
  return [...IMPACT_LEVELS].reverse().map((impact) =>
    IMPACT_LEVELS.map((likelihood) => ({
      impact,
      likelihood,
      level: RISK_MATRIX[IMPACT_LEVELS.indexOf(impact)]?.[IMPACT_LEVELS.indexOf(likelihood)] ?? 'critical',
      refs: numbered.filter((n) => n.finding.status === 'active' && n.finding.impact === impact && n.finding.likelihood === likelihood),
    })),
  );
}

/** The open findings per area across every target, scored like a channel (worst level's band, moved by points); areas without rules are left out. */
export function areaScores(policy: Policy, result: AssessmentResult): AreaScore[] {
  const checked = new Set(policy.rules.map((r) => r.area));
  const active = result.targets.flatMap((t) => t.findings.filter((f) => f.status === 'active'));
  return AREAS.filter((area) => checked.has(area)).map((area) => {
    const inArea = active.filter((f) => f.area === area);
    return { area, score: inArea.length ? scoreOf(maxRisk(inArea.map((f) => f.level)), inArea.reduce((sum, f) => sum + f.points, 0)) : 0, findings: inArea.length };
  });
}

/** Every question that applies to a target, in questionnaire order, with its answer (or why it has none) and note. */
export function answerRows(policy: Policy, assessment: Assessment, targetId: string): AnswerRow[] {
  const channel = assessment.channels.find((c) => c.id === targetId);
  const facts = targetFacts(policy, assessment, targetId);
  const scope = channel ? 'channel' : 'organisation';
  const notes = channel ? channel.notes : assessment.organisation.notes;
  const rows: AnswerRow[] = [];
  for (const section of policy.questionnaire.sections) {
    if (section.scope !== scope) continue;
    for (const question of section.questions) {
      const fact = facts.get(question.id);
      if (fact) rows.push({ question, fact, note: notes[question.id] });
    }
  }
  return rows;
}

/** The rules checked for the assessment: every rule that fired or passed somewhere. */
export function checkedRuleIds(result: AssessmentResult): Set<string> {
  return new Set(result.targets.flatMap((t) => [...t.findings.map((f) => f.rule), ...t.passed]));
}

/**
 * One row of the action plan: the findings one step resolves. Actions are one step when they share a
 * recommendation text or a mitigation (the same change to the answers), or when each one's change also resolves the
 * other's finding (two rules on the same fact, e.g. bought numbers under the platform's terms and under UWG).
 */
export interface PlanStep {
  /** The actions merged into this step, in the engine's ranking order. */
  actions: Action[];
  findings: NumberedFinding[];
  /** Target ids the step applies to, in the order of their first action. */
  targets: string[];
  /** Finding points removed, summed over the targets (per target the largest of its merged actions). */
  removed: number;
  /** The largest drop in rating (in levels) of any target the step applies to. */
  ratingDrop: number;
}

/** The action plan as steps: near-duplicate actions merged, ranked by rating drop, then points removed. */
export function planSteps(input: ReportInput, numbered: NumberedFinding[]): PlanStep[] {
  const rules = new Map(input.policy.rules.map((r) => [r.id, r]));
  const resolves = resolutions(input);
  const keys = (action: Action): string[] => {
    const rule = rules.get(action.finding.rule);
    return [`text:${action.finding.recommendation.en}`, ...(rule ? [`change:${canonical(rule.mitigation)}`] : [])];
  };
  const mutual = (a: Action, b: Action): boolean =>
    a.target === b.target && (resolves.get(a)?.has(b.finding.rule) ?? false) && (resolves.get(b)?.has(a.finding.rule) ?? false);
  const groups: Action[][] = [];
  for (const action of input.actions) {
    const own = new Set(keys(action));
    const group = groups.find((g) => g.some((other) => keys(other).some((k) => own.has(k)) || mutual(action, other)));
    if (group) group.push(action);
    else groups.push([action]);
  }
  const steps = groups.map((group, order) => ({ step: stepOf(group, numbered), order }));
  steps.sort((a, b) => b.step.ratingDrop - a.step.ratingDrop || b.step.removed - a.step.removed || a.order - b.order);
  return steps.map((s) => s.step);
}

/**
 * Per action, the rules whose findings its mitigation removes from its channel. Channels are re-evaluated
 * incrementally from one base each, as the engine ranks actions; organisation-wide actions are not merged this way.
 */
function resolutions(input: ReportInput): Map<Action, Set<string>> {
  const rules = new Map(input.policy.rules.map((r) => [r.id, r]));
  const bases = new Map<string, ChannelEvaluation>();
  const resolved = new Map<Action, Set<string>>();
  for (const action of input.actions) {
    const channel = input.assessment.channels.find((c) => c.id === action.target);
    const rule = rules.get(action.finding.rule);
    if (!channel || !rule) continue;
    let base = bases.get(channel.id);
    if (!base) bases.set(channel.id, (base = evaluateChannelOf(input.policy, input.assessment, channel, { date: input.date })));
    const changed = applyMitigation(input.assessment, channel.id, rule.mitigation).channels.find((c) => c.id === channel.id);
    const after = reevaluateChannel(input.policy, base, { platform: channel.platform, answers: [changed?.answers ?? channel.answers] }).target;
    const remaining = new Set(after.findings.map((f) => f.rule));
    resolved.set(action, new Set(base.target.findings.map((f) => f.rule).filter((id) => !remaining.has(id))));
  }
  return resolved;
}

function stepOf(actions: Action[], numbered: NumberedFinding[]): PlanStep {
  const targets = [...new Set(actions.map((a) => a.target))];
  const perTarget = (id: string) => actions.filter((a) => a.target === id);
  return {
    actions,
    // In the order the report numbers them (F2, F8, F10), whatever order the engine ranked their actions in.
    findings: numbered.filter((n) => actions.some((a) => a.target === n.target.id && a.finding === n.finding)),
    targets,
    removed: targets.reduce((sum, id) => sum + Math.max(...perTarget(id).map((a) => a.removed)), 0),
    ratingDrop: Math.max(...actions.map((a) => riskRank(a.before.rating) - riskRank(a.after.rating))),
  };
}

/** A value as JSON with object keys sorted, so two equal mitigations give the same key whatever their key order. */
function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  if (value && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>).sort(([a], [b]) => byCodeUnits(a, b));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonical(v)}`).join(',')}}`;
  }
  return JSON.stringify(value) ?? 'null';
}

/** The facts a target's rules saw: the organisation's, and for a channel its own on top. */
export function targetFacts(policy: Policy, assessment: Assessment, targetId: string): Facts {
  const orgFacts = buildFacts(policy.questionnaire, 'organisation', assessment.organisation.answers);
  const channel = assessment.channels.find((c) => c.id === targetId);
  return channel ? channelFacts(policy, channel, orgFacts) : orgFacts;
}

/** The reasons of a finding's modifiers that fired only because an answer is unknown (taken as the worst case). */
export function assumedModifiers(policy: Policy, facts: Facts, finding: Finding): Text[] {
  const rule = policy.rules.find((r) => r.id === finding.rule);
  if (!rule) return [];
  const declared = [...rule.impact.modifiers, ...rule.likelihood.modifiers];
  return finding.modifiers
    .map((applied) => declared.find((m) => m.reason.en === applied.reason.en))
    .filter((m) => m !== undefined && conditionTruth(m.when, facts) === 'unknown')
    .map((m) => (m as Modifier).reason);
}
