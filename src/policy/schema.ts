import * as z from 'zod/mini';

/** Every human-readable string of the packs exists in both languages. */
export const Text = z.strictObject({ en: z.string().check(z.minLength(1)), de: z.string().check(z.minLength(1)) });
export type Text = z.infer<typeof Text>;

export const LANGS = ['en', 'de'] as const;
export type Lang = (typeof LANGS)[number];

const Id = z.string().check(z.regex(/^[a-z0-9]+(?:[-_][a-z0-9]+)*$/, 'use lower-case letters, digits, "-" and "_"'));
const IsoDate = z.string().check(z.regex(/^\d{4}-\d{2}-\d{2}$/, 'a date as YYYY-MM-DD'));

/** Conditions are checked by ./condition-syntax.ts, which gives better messages than a zod union. */
const ConditionData = z.unknown();

export const QUESTION_TYPES = ['single', 'multi', 'boolean', 'number', 'text'] as const;
export type QuestionType = (typeof QUESTION_TYPES)[number];

export const Option = z.strictObject({
  value: Id,
  label: Text,
  help: z.optional(Text),
  when: z.optional(ConditionData),
});

export const Question = z.strictObject({
  id: Id,
  type: z.enum(QUESTION_TYPES),
  title: Text,
  help: Text,
  options: z.optional(z.array(Option).check(z.minLength(1))),
  dont_know: z.optional(z.boolean()),
  when: z.optional(ConditionData),
  min: z.optional(z.number()),
  max: z.optional(z.number()),
  unit: z.optional(Text),
  /** The answer holds for one platform or provider (its contract, notice, assessment): another route must answer it anew. */
  provider_bound: z.optional(z.boolean()),
});

export const Section = z.strictObject({
  id: Id,
  scope: z.enum(['organisation', 'channel']),
  title: Text,
  questions: z.array(Question).check(z.minLength(1)),
});

/** How a body of law reaches an organisation: by its seat, an establishment, or the market its channels address. */
export const REACHES = ['seat', 'establishment', 'market'] as const;
export type Reach = (typeof REACHES)[number];

/** A body of law (German, EU) and, per kind of reach, the answers that bring an organisation within it. */
export const Jurisdiction = z.strictObject({
  id: Id,
  name: Text,
  reach: z.strictObject({ seat: ConditionData, establishment: ConditionData, market: ConditionData }),
});

export const QuestionnaireFile = z.strictObject({
  version: z.string(),
  sections: z.array(Section).check(z.minLength(1)),
  jurisdictions: z.optional(z.array(Jurisdiction)),
});

export const IMPACT_LEVELS = ['negligible', 'limited', 'significant', 'maximum'] as const;
export type ScaleLevel = (typeof IMPACT_LEVELS)[number];
export const RISK_LEVELS = ['low', 'medium', 'high', 'critical'] as const;
export type RiskLevel = (typeof RISK_LEVELS)[number];

export const AREAS = [
  'platform_terms',
  'api_officiality',
  'platform_policy',
  'data_protection',
  'marketing_law',
  'records',
  'sector',
  'ai',
] as const;
export type Area = (typeof AREAS)[number];

const Step = z.number().check(z.int(), z.minimum(1), z.maximum(3));
export const Modifier = z.strictObject({
  when: ConditionData,
  raise: z.optional(Step),
  lower: z.optional(Step),
  set: z.optional(z.enum(IMPACT_LEVELS)),
  reason: Text,
});

export const Scale = z.union([
  z.enum(IMPACT_LEVELS),
  z.strictObject({ base: z.enum(IMPACT_LEVELS), modifiers: z.optional(z.array(Modifier)) }),
]);

export const Source = z.strictObject({
  title: z.string().check(z.minLength(3)),
  url: z.optional(z.string().check(z.regex(/^https:\/\//, 'an https:// address'))),
  citation: z.optional(z.string()),
  /** The provision cited: one language-neutral string (e.g. "Art. 6 Abs. 1 lit. b DSGVO") or a text per language. */
  section: z.optional(z.union([z.string(), Text])),
  version: z.optional(z.string()),
  /** The version or publication date of the text cited. */
  date: z.optional(IsoDate),
  /** The day someone last re-read the source for this rule. */
  checked: z.optional(IsoDate),
  court: z.optional(z.string()),
  docket: z.optional(z.string()),
  ecli: z.optional(z.string().check(z.regex(/^ECLI:[A-Z]{2}:[A-Z0-9]+:\d{4}:[A-Za-z0-9.]+$/, 'an ECLI such as ECLI:EU:C:2021:1024'))),
});

/** A rule's source must say which version it cites and when it was last re-read; the rule's review rests on it. */
export const RuleSource = z.extend(Source, { date: IsoDate, checked: IsoDate });

/** The law a rule applies and how it reaches an organisation; a rule without one applies wherever its platform is used. */
export const Law = z.strictObject({
  jurisdiction: Id,
  reach: z.union([z.enum(REACHES), z.array(z.enum(REACHES)).check(z.minLength(1))]),
});

const AnswerMap = z.record(z.string(), z.unknown());

export const Mitigation = z.strictObject({
  set: z.optional(AnswerMap),
  add: z.optional(z.record(z.string(), z.array(z.string()))),
  remove: z.optional(z.record(z.string(), z.array(z.string()))),
});

export const RuleTestCase = z.strictObject({
  answers: AnswerMap,
  level: z.optional(z.enum(RISK_LEVELS)),
  date: z.optional(IsoDate),
  note: z.optional(z.string()),
});

export const Rule = z.strictObject({
  id: Id,
  area: z.enum(AREAS),
  scope: z.optional(z.enum(['organisation', 'channel'])),
  channels: z.array(z.string()).check(z.minLength(1)),
  title: Text,
  law: z.optional(Law),
  /** The situation the rule is written for (integration, sector, purpose): outside it the rule is not applicable. */
  applies: z.optional(ConditionData),
  /** What makes it a breach within its situation; without one, the situation itself is the breach. */
  condition: z.optional(ConditionData),
  /** Rules this one is the more specific finding of: where both fire, only this one is kept. */
  supersedes: z.optional(z.array(Id).check(z.minLength(1))),
  impact: Scale,
  likelihood: Scale,
  finding: Text,
  recommendation: Text,
  mitigation: Mitigation,
  uncertainty: z.optional(Text),
  sources: z.array(RuleSource).check(z.minLength(1)),
  /** Days between reviews: how fast the rule's ground moves (platform terms ≤ 90, statutes ≤ 365). */
  review_days: z.number().check(z.int(), z.minimum(1), z.maximum(730)),
  waivable: z.boolean(),
  effective_from: z.optional(IsoDate),
  effective_until: z.optional(IsoDate),
  tests: z.strictObject({
    fires: z.array(RuleTestCase).check(z.minLength(1)),
    passes: z.array(RuleTestCase).check(z.minLength(1)),
  }),
});

export const Override = z.strictObject({
  rule: Id,
  level: z.optional(z.enum(RISK_LEVELS)),
  disabled: z.optional(z.boolean()),
  reason: z.string().check(z.minLength(3)),
});

export const PackFile = z.strictObject({
  pack: z.strictObject({ id: Id, title: Text, version: z.string() }),
  rules: z.optional(z.array(Rule)),
  overrides: z.optional(z.array(Override)),
});
