import type { Mitigation, Policy } from '../policy/model.js';
import type { Assessment } from './assessment.js';
import { evaluateAssessment, type EvaluateOptions } from './evaluate.js';
import { riskRank } from './levels.js';
import type { AssessmentResult, Finding, TargetResult } from './result.js';

/** Applies answer changes (a rule's mitigation) to one target; returns a new assessment, the input untouched. */
export function applyMitigation(assessment: Assessment, targetId: string, mitigation: Mitigation): Assessment {
  const change = (answers: Record<string, unknown>): Record<string, unknown> => {
    const next = { ...answers, ...(mitigation.set ?? {}) };
    for (const [id, values] of Object.entries(mitigation.add ?? {})) {
      const current = Array.isArray(next[id]) ? (next[id] as string[]) : [];
      next[id] = [...current, ...values.filter((v) => !current.includes(v))];
    }
    for (const [id, values] of Object.entries(mitigation.remove ?? {})) {
      if (Array.isArray(next[id])) next[id] = (next[id] as string[]).filter((v) => !values.includes(v));
    }
    return next;
  };
  if (targetId === 'organisation') return { ...assessment, organisation: { ...assessment.organisation, answers: change(assessment.organisation.answers) } };
  return { ...assessment, channels: assessment.channels.map((c) => (c.id === targetId ? { ...c, answers: change(c.answers) } : c)) };
}

export interface Action {
  target: string;
  finding: Finding;
  before: { rating: AssessmentResult['rating']; score: number };
  after: { rating: AssessmentResult['rating']; score: number };
  /** Finding points removed across the whole assessment, before the 100 cap, so capped channels still rank. */
  removed: number;
}

/**
 * What-if for every active finding: apply its mitigation, re-evaluate, and rank the actions by the risk they remove
 * (rating drop first, then score points, then rule id for a stable order).
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
  const points = (t: TargetResult | undefined) => (t?.findings ?? []).reduce((sum, f) => sum + (f.status === 'active' ? f.points : 0), 0);
  const total = (r: AssessmentResult) => r.targets.reduce((sum, t) => sum + points(t), 0);
  const actions: Action[] = [];
  for (const target of result.targets) {
    for (const finding of target.findings) {
      const rule = rules.get(finding.rule);
      if (!rule || finding.status !== 'active') continue;
      const changed = applyMitigation(assessment, target.id, rule.mitigation);
      // A channel's mitigation changes that channel alone: re-evaluating only it keeps a 50-channel plan linear.
      const alone = target.kind === 'channel';
      const after = settle(evaluateAssessment(policy, alone ? { ...changed, channels: changed.channels.filter((c) => c.id === target.id) } : changed, options));
      const afterTarget = after.targets.find((t) => t.id === target.id);
      actions.push({
        target: target.id,
        finding,
        before: { rating: target.rating, score: target.score },
        after: { rating: afterTarget?.rating ?? target.rating, score: afterTarget?.score ?? target.score },
        removed: alone ? points(target) - points(afterTarget ?? target) : total(result) - total(after),
      });
    }
  }
  return actions.sort(
    (a, b) =>
      riskRank(b.before.rating) - riskRank(b.after.rating) - (riskRank(a.before.rating) - riskRank(a.after.rating)) ||
      b.removed - a.removed ||
      riskRank(b.finding.level) - riskRank(a.finding.level) ||
      a.target.localeCompare(b.target) ||
      a.finding.rule.localeCompare(b.finding.rule),
  );
}
