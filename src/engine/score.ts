import { MAX_SCORE, maxRisk } from './levels.js';
import type { TargetResult } from './result.js';

/** Points of a target's active findings before the 100 cap: tells two capped channels apart. */
export const rawPoints = (target: TargetResult): number =>
  target.findings.reduce((sum, f) => sum + (f.status === 'active' ? f.points : 0), 0);

/** Rating and score from the active findings, as evaluate.ts computes them. */
export function rescore(target: TargetResult): TargetResult {
  const active = target.findings.filter((f) => f.status === 'active');
  return { ...target, rating: maxRisk(active.map((f) => f.level)), score: Math.min(MAX_SCORE, rawPoints(target)) };
}
