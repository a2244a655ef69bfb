import { IMPACT_LEVELS, RISK_LEVELS, type RiskLevel, type ScaleLevel } from '../policy/schema.js';

/** 1 (negligible) to 4 (maximum), as in CNIL's PIA method. */
export const scaleIndex = (level: ScaleLevel): number => IMPACT_LEVELS.indexOf(level) + 1;
export const scaleAt = (index: number): ScaleLevel => IMPACT_LEVELS[Math.min(4, Math.max(1, index)) - 1] as ScaleLevel;

export const riskRank = (level: RiskLevel): number => RISK_LEVELS.indexOf(level);
export const maxRisk = (levels: Iterable<RiskLevel>): RiskLevel => {
  let worst: RiskLevel = 'low';
  for (const level of levels) if (riskRank(level) > riskRank(worst)) worst = level;
  return worst;
};

/** Rows: impact negligible..maximum; columns: likelihood negligible..maximum. */
export const RISK_MATRIX: readonly (readonly RiskLevel[])[] = [
  ['low', 'low', 'low', 'medium'],
  ['low', 'medium', 'medium', 'high'],
  ['medium', 'medium', 'high', 'critical'],
  ['medium', 'high', 'critical', 'critical'],
];

export function riskLevel(impact: ScaleLevel, likelihood: ScaleLevel): RiskLevel {
  return RISK_MATRIX[scaleIndex(impact) - 1]?.[scaleIndex(likelihood) - 1] ?? 'critical';
}

/** Points a finding adds to its channel's 0-100 score: impact x likelihood x 3 (3 to 48). */
export const POINTS_PER_CELL = 3;
export const findingPoints = (impact: ScaleLevel, likelihood: ScaleLevel): number =>
  scaleIndex(impact) * scaleIndex(likelihood) * POINTS_PER_CELL;
