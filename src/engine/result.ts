import type { Area, RiskLevel, ScaleLevel, Source, Text } from '../policy/model.js';

/** The one result model every output format reads. */
export interface Trigger {
  question: string;
  /** The answer, or "unknown" where the engine assumed the worst. */
  value: string | number | boolean | string[];
  assumed: boolean;
  /** Set when the value came from the code base (`check --scan`), not from the config. */
  evidence?: { file: string; line: number; package: string };
}

export interface AppliedModifier {
  scale: 'impact' | 'likelihood';
  reason: Text;
  from: ScaleLevel;
  to: ScaleLevel;
}

export interface Finding {
  rule: string;
  pack: string;
  area: Area;
  title: Text;
  level: RiskLevel;
  impact: ScaleLevel;
  likelihood: ScaleLevel;
  points: number;
  status: 'active' | 'accepted';
  /** True when an unknown answer was taken as the worst case to reach this finding. */
  assumed: boolean;
  triggers: Trigger[];
  modifiers: AppliedModifier[];
  finding: Text;
  recommendation: Text;
  uncertainty?: Text;
  sources: Source[];
  reviewed: string;
  waivable: boolean;
  /** Set when an accepted risk of the config covers this finding (status 'accepted'). */
  acceptance?: { reason: string; owner: string; approver: string; expires: string };
}

export interface OpenPoint {
  question: string;
  reason: 'dont_know' | 'unanswered';
  /** Rules whose verdict depends on this answer. */
  affects: string[];
}

export interface TargetResult {
  /** "organisation" for organisation-wide rules, else the channel id. */
  id: string;
  kind: 'organisation' | 'channel';
  platform?: string;
  rating: RiskLevel;
  score: number;
  findings: Finding[];
  openPoints: OpenPoint[];
  passed: string[];
}

export interface AssessmentResult {
  file: string;
  organisation: string;
  rating: RiskLevel;
  score: number;
  targets: TargetResult[];
}
