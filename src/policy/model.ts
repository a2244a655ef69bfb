import type { SourceLocation } from '../util/errors.js';
import type { Condition } from './condition.js';
import type { Area, Lang, QuestionType, Reach, RiskLevel, ScaleLevel, Text } from './schema.js';

export type { Area, Lang, QuestionType, Reach, RiskLevel, ScaleLevel, Text };

export interface Option {
  value: string;
  label: Text;
  help?: Text;
  when?: Condition;
}

export interface Question {
  id: string;
  scope: 'organisation' | 'channel';
  section: string;
  type: QuestionType;
  title: Text;
  help: Text;
  options?: Option[];
  dontKnow: boolean;
  when?: Condition;
  min?: number;
  max?: number;
  unit?: Text;
  /** The answer holds for one platform or provider only: `compare` does not carry it to another platform. */
  providerBound?: boolean;
}

export interface Section {
  id: string;
  scope: 'organisation' | 'channel';
  title: Text;
  questions: Question[];
}

export interface Jurisdiction {
  id: string;
  name: Text;
  /** Per kind of reach, the answers that bring an organisation within this law. */
  reach: Record<Reach, Condition>;
}

export interface Questionnaire {
  version: string;
  file: string;
  sections: Section[];
  questions: Map<string, Question>;
  jurisdictions: Jurisdiction[];
}

export interface Modifier {
  when: Condition;
  raise?: number;
  lower?: number;
  set?: ScaleLevel;
  reason: Text;
}

export interface Scale {
  base: ScaleLevel;
  modifiers: Modifier[];
}

export interface Source {
  title: string;
  url?: string;
  citation?: string;
  section?: string;
  version?: string;
  /** YYYY-MM-DD: the version or publication date of the text cited. */
  date?: string;
  /** YYYY-MM-DD: the day the source was last re-read for this rule. */
  checked?: string;
  court?: string;
  docket?: string;
  ecli?: string;
}

/** The law a rule applies and the ways it reaches an organisation (any of them suffices). */
export interface Law {
  jurisdiction: string;
  reach: Reach[];
}

export type AnswerValue = string | number | boolean | string[];
export type Answers = Record<string, AnswerValue>;

export interface Mitigation {
  set?: Record<string, unknown>;
  add?: Record<string, string[]>;
  remove?: Record<string, string[]>;
}

export interface RuleTestCase {
  answers: Record<string, unknown>;
  level?: RiskLevel;
  date?: string;
  note?: string;
}

export interface Rule {
  id: string;
  pack: string;
  location: SourceLocation;
  area: Area;
  scope: 'organisation' | 'channel';
  channels: string[];
  title: Text;
  law?: Law;
  /** The situation the rule is written for; where it is false the rule is not applicable. */
  applies?: Condition;
  /**
   * The law's reach and `applies` together, made at load time: where false the rule is not applicable,
   * where unknown it is judged as applicable (the worst case).
   */
  applicability?: Condition;
  /** The law's reach alone (part of `applicability`): where false, the law is named as not assessed. */
  lawReach?: Condition;
  condition: Condition;
  /** Rules this one is the more specific finding of: where both fire, only this one is kept. */
  supersedes?: string[];
  impact: Scale;
  likelihood: Scale;
  finding: Text;
  recommendation: Text;
  mitigation: Mitigation;
  uncertainty?: Text;
  sources: Source[];
  reviewed: string;
  reviewDays?: number;
  waivable: boolean;
  effectiveFrom?: string;
  effectiveUntil?: string;
  tests: { fires: RuleTestCase[]; passes: RuleTestCase[] };
  /** Set by an organisation's pack: a fixed level instead of the matrix. */
  levelOverride?: RiskLevel;
}

export interface Override {
  rule: string;
  level?: RiskLevel;
  disabled?: boolean;
  reason: string;
  pack: string;
  location: SourceLocation;
}

export interface Pack {
  id: string;
  title: Text;
  version: string;
  file: string;
  builtin: boolean;
  rules: Rule[];
  overrides: Override[];
}

/** Everything the engine needs: the questionnaire and the active rules after overrides. */
export interface Policy {
  questionnaire: Questionnaire;
  packs: Pack[];
  rules: Rule[];
}
