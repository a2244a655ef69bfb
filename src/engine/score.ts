import { maxRisk, riskRank } from './levels.js';
import type { AssessmentResult, TargetResult } from './result.js';
import type { RiskLevel } from '../policy/schema.js';

/**
 * The score places a rating in its band of 25 (low 0-24, medium 25-49, high 50-74, critical 75-99) and moves up
 * within it with the points of all active findings, half the band at HALF_BAND_POINTS. So a higher rating always
 * shows a higher score, and more findings a higher one within the band without ever reaching its top; the uncapped
 * points beside it show every finding a mitigation removes.
 */
export const BAND = 25;
export const HALF_BAND_POINTS = 48;

export function scoreOf(rating: RiskLevel, points: number): number {
  return riskRank(rating) * BAND + Math.min(BAND - 1, Math.floor((BAND * points) / (points + HALF_BAND_POINTS)));
}

/** Points of a target's active findings: the uncapped measure behind its score. */
export const rawPoints = (target: TargetResult): number =>
  target.findings.reduce((sum, f) => sum + (f.status === 'active' ? f.points : 0), 0);

/** Rating and score from the active findings, as evaluate.ts computes them. */
export function rescore(target: TargetResult): TargetResult {
  const active = target.findings.filter((f) => f.status === 'active');
  const rating = maxRisk(active.map((f) => f.level));
  return { ...target, rating, score: scoreOf(rating, rawPoints(target)) };
}

/** An assessment's rating and score from its targets: the worst rating, scored with every target's points. */
export function overall(targets: readonly TargetResult[]): Pick<AssessmentResult, 'rating' | 'score'> {
  const rating = maxRisk(targets.map((t) => t.rating));
  return { rating, score: scoreOf(rating, targets.reduce((sum, t) => sum + rawPoints(t), 0)) };
}
