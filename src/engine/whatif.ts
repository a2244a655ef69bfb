import type { Mitigation, Policy } from '../policy/model.js';
import type { Assessment } from './assessment.js';
import { channelFacts, channelResult, evaluateAssessment, evaluateChannelOf, reevaluateChannel, type ChannelEvaluation, type EvaluateOptions } from './evaluate.js';
import { buildFacts, type Answers, type Facts } from './facts.js';
import { riskRank } from './levels.js';
import type { AssessmentResult, Finding, TargetResult } from './result.js';
import { overall, rawPoints, rescore } from './score.js';
import { byCodeUnits } from '../util/order.js';

/** Applies answer changes (a rule's mitigation) to one target; returns a new assessment, the input untouched. */
export function applyMitigation(assessment: Assessment, targetId: string, mitigation: Mitigation): Assessment {
  const change = (answers: Answers): Record<string, unknown> => ({ ...answers, ...mitigationChanges(answers, mitigation) });
  if (targetId === 'organisation') return { ...assessment, organisation: { ...assessment.organisation, answers: change(assessment.organisation.answers) } };
  // A mitigation that moves the channel to another platform (SMS instead of WhatsApp) sets `platform` like an answer.
  return { ...assessment, channels: assessment.channels.map((c) => (c.id === targetId ? { ...c, platform: platformAfter(c.platform, mitigation), answers: change(c.answers) } : c)) };
}

const platformAfter = (platform: string, mitigation: Mitigation): string => {
  const set = mitigation.set?.platform;
  return typeof set === 'string' ? set : platform;
};

/** The answers a mitigation changes, and only those: `set` replaces, `add` and `remove` edit lists. */
function mitigationChanges(answers: Answers, mitigation: Mitigation): Record<string, unknown> {
  // The platform is the channel's, not an answer: platformAfter moves it.
  const changes: Record<string, unknown> = Object.fromEntries(Object.entries(mitigation.set ?? {}).filter(([id]) => id !== 'platform'));
  const current = (id: string): unknown => (Object.hasOwn(changes, id) ? changes[id] : answers[id]);
  for (const [id, values] of Object.entries(mitigation.add ?? {})) {
    const listed = current(id);
    const before = Array.isArray(listed) ? (listed as string[]) : [];
    changes[id] = [...before, ...values.filter((v) => !before.includes(v))];
  }
  for (const [id, values] of Object.entries(mitigation.remove ?? {})) {
    const listed = current(id);
    if (Array.isArray(listed)) changes[id] = (listed as string[]).filter((v) => !values.includes(v));
  }
  return changes;
}

export interface WhatIf {
  /** For a channel's mitigation, the channel targets only. */
  result: AssessmentResult;
  /** Unknown answers the change makes relevant: the client's next questions rather than assumed risks. */
  opened: string[];
}

/**
 * Evaluates the assessment after a mitigation (for a channel's mitigation, only the channels: the organisation's
 * own rules cannot move). Unknown answers that only the change makes relevant (a move to the
 * Cloud API brings in the platform's opt-in rules; its own questions open) are not taken as the worst case: a
 * finding that rests on them and did not stand before is left out of the after-picture, and its unknown answers are
 * listed instead. So a move to a safer route never looks riskier merely because the plan has not answered the new
 * route's questions yet, while anything the plan's own answers make certain still counts.
 */
export function whatIf(
  policy: Policy,
  assessment: Assessment,
  targetId: string,
  mitigation: Mitigation,
  options: EvaluateOptions,
  before: TargetResult | undefined = evaluateAssessment(policy, assessment, options).targets.find((t) => t.id === targetId),
): WhatIf {
  const changed = applyMitigation(assessment, targetId, mitigation);
  const evaluated = evaluateAssessment(policy, changed, { ...options, channelsOnly: targetId !== 'organisation' });
  return withoutNewlyRelevant(evaluated, targetId, before, targetFacts(policy, assessment, targetId));
}

/** Leaves out of the after-picture the findings that rest only on unknowns the change made relevant (see whatIf). */
function withoutNewlyRelevant(evaluated: AssessmentResult, targetId: string, before: TargetResult | undefined, applicableBefore: Facts): WhatIf {
  const firedBefore = new Set(before?.findings.map((f) => f.rule));
  const unknowns = (f: Finding) => f.triggers.filter((t) => t.assumed).map((t) => t.question);
  const newlyRelevant = (f: Finding) =>
    f.assumed && (!firedBefore.has(f.rule) || unknowns(f).every((q) => !applicableBefore.has(q)));
  const dropped = evaluated.targets.find((t) => t.id === targetId)?.findings.filter(newlyRelevant) ?? [];
  if (!dropped.length) return { result: evaluated, opened: [] };
  const targets = evaluated.targets.map((t) => (t.id === targetId ? rescore({ ...t, findings: t.findings.filter((f) => !dropped.includes(f)) }) : t));
  return {
    result: { ...evaluated, targets, ...overall(targets) },
    opened: [...new Set(dropped.flatMap(unknowns))].sort(),
  };
}

/** whatIf for one channel, re-running only the rules its mitigation touches; the result holds that channel alone. */
function channelWhatIf(policy: Policy, assessment: Assessment, base: ChannelEvaluation, before: TargetResult, mitigation: Mitigation): WhatIf {
  const channel = assessment.channels.find((c) => c.id === before.id);
  const target = channel ? reevaluateChannel(policy, base, { platform: platformAfter(channel.platform, mitigation), answers: [mitigationChanges(channel.answers, mitigation), channel.answers] }).target : before;
  return withoutNewlyRelevant(channelResult(assessment, target), before.id, before, base.facts);
}

function targetFacts(policy: Policy, assessment: Assessment, targetId: string): Facts {
  const orgFacts = buildFacts(policy.questionnaire, 'organisation', assessment.organisation.answers);
  const channel = assessment.channels.find((c) => c.id === targetId);
  return channel ? channelFacts(policy, channel, orgFacts) : orgFacts;
}

/** A target's rating with its score and the uncapped points behind it. */
export interface Standing {
  rating: AssessmentResult['rating'];
  score: number;
  points: number;
}

export interface Action {
  target: string;
  finding: Finding;
  before: Standing;
  after: Standing;
  /** Finding points removed across the whole assessment: what the action changes even where the rating stays. */
  removed: number;
  /** Questions the action opens that the plan has not answered yet. */
  opened: string[];
}

/**
 * What-if for every active finding: apply its mitigation, re-evaluate, and rank the actions by the risk they remove
 * (rating drop first, then points, then level, then target and rule id for a stable order).
 */
export function rankActions(
  policy: Policy,
  assessment: Assessment,
  result: AssessmentResult,
  options: EvaluateOptions,
  // What turned the evaluation into `result` (e.g. accepted risks); applied to every re-evaluation alike.
  settle: (evaluated: AssessmentResult) => AssessmentResult = (evaluated) => evaluated,
): Action[] {
  const rules = new Map(policy.rules.map((r) => [r.id, r]));
  const total = (r: AssessmentResult) => r.targets.reduce((sum, t) => sum + rawPoints(t), 0);
  const actions: Action[] = [];
  for (const target of result.targets) {
    const channel = assessment.channels.find((c) => c.id === target.id);
    // A channel's mitigation changes that channel alone, and only the rules reading what it changes: evaluated
    // incrementally from one base per channel, a 50-channel plan stays cheap.
    const base = channel && evaluateChannelOf(policy, assessment, channel, options);
    for (const finding of target.findings) {
      const rule = rules.get(finding.rule);
      if (!rule || finding.status !== 'active') continue;
      const outcome = base ? channelWhatIf(policy, assessment, base, target, rule.mitigation) : whatIf(policy, assessment, target.id, rule.mitigation, options, target);
      const after = settle(outcome.result);
      const afterTarget = after.targets.find((t) => t.id === target.id) ?? target;
      actions.push({
        target: target.id,
        finding,
        before: { rating: target.rating, score: target.score, points: rawPoints(target) },
        after: { rating: afterTarget.rating, score: afterTarget.score, points: rawPoints(afterTarget) },
        removed: base ? rawPoints(target) - rawPoints(afterTarget) : total(result) - total(after),
        opened: outcome.opened,
      });
    }
  }
  return actions.sort(
    (a, b) =>
      riskRank(b.before.rating) - riskRank(b.after.rating) - (riskRank(a.before.rating) - riskRank(a.after.rating)) ||
      b.removed - a.removed ||
      riskRank(b.finding.level) - riskRank(a.finding.level) ||
      byCodeUnits(a.target, b.target) ||
      byCodeUnits(a.finding.rule, b.finding.rule),
  );
}
