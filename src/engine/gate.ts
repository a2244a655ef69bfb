import type { RiskLevel } from '../policy/model.js';
import { RISK_LEVELS } from '../policy/schema.js';
import { maxRisk, riskRank } from './levels.js';
import type { AssessmentResult, Finding } from './result.js';

export type FailOn = RiskLevel | 'never';
export const FAIL_ON_VALUES = [...RISK_LEVELS, 'never'] as const;

export interface Summary {
  rating: RiskLevel;
  score: number;
  counts: Record<RiskLevel, number>;
  accepted: number;
  openPoints: number;
  failing: number;
}

export const activeFindings = (results: AssessmentResult[]): Finding[] =>
  results.flatMap((r) => r.targets.flatMap((t) => t.findings.filter((f) => f.status === 'active')));

export const fails = (finding: Finding, failOn: FailOn): boolean => failOn !== 'never' && riskRank(finding.level) >= riskRank(failOn);

export function summarize(results: AssessmentResult[], failOn: FailOn): Summary {
  const active = activeFindings(results);
  const counts = { low: 0, medium: 0, high: 0, critical: 0 } satisfies Record<RiskLevel, number>;
  for (const finding of active) counts[finding.level]++;
  return {
    rating: maxRisk(results.map((r) => r.rating)),
    score: Math.max(0, ...results.map((r) => r.score)),
    counts,
    accepted: results.reduce((n, r) => n + r.targets.reduce((m, t) => m + t.findings.filter((f) => f.status === 'accepted').length, 0), 0),
    openPoints: results.reduce((n, r) => n + r.targets.reduce((m, t) => m + t.openPoints.length, 0), 0),
    failing: active.filter((f) => fails(f, failOn)).length,
  };
}
