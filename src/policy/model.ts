import type { SourceLocation } from '../util/errors.js';
import type { Condition } from './condition.js';
import type { Area, Lang, QuestionType, RiskLevel, ScaleLevel, Text } from './schema.js';

export type { Area, Lang, QuestionType, RiskLevel, ScaleLevel, Text };

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
}

export interface Section {
  id: string;
  scope: 'organisation' | 'channel';
  title: Text;
  questions: Question[];
}

export interface Questionnaire {
  version: string;
  file: string;
  sections: Section[];
  questions: Map<string, Question>;
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
  condition: Condition;
  impact: Scale;
  likelihood: Scale;
  finding: Text;
  recommendation: Text;
  mitigation: Mitigation;
  uncertainty?: Text;
  sources: Source[];
  reviewed: string;
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
