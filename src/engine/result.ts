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
  /** True when an unknown answer was taken as the worst case to apply this modifier. */
  assumed: boolean;
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
  /** Rules that applied to this target and were cleared by the answers. */
  passed: string[];
  /** Rules in force for the target's platform whose law or situation does not fit it: no verdict either way. */
  notApplicable: string[];
  /** Bodies of law that do not reach the organisation, with the rules that would have applied them. */
  notAssessed: NotAssessed[];
  /** Findings left out because a more specific finding states the same fact. */
  superseded: Superseded[];
}

export interface NotAssessed {
  jurisdiction: string;
  name: Text;
  rules: string[];
}

export interface Superseded {
  rule: string;
  by: string;
}

export interface AssessmentResult {
  file: string;
  organisation: string;
  rating: RiskLevel;
  score: number;
  targets: TargetResult[];
}
