import type { Lang, Rule, Source } from './model.js';

const DAY_MS = 86_400_000;

/** The oldest day any of the sources was re-read: a rule is only as fresh as its stalest source. */
export function oldestCheck(sources: readonly { checked: string }[]): string {
  return sources.map((s) => s.checked).reduce((oldest, day) => (day < oldest ? day : oldest));
}

/** The day a rule is due for its next review: its oldest source check plus its review interval. */
export function reviewDue(rule: Pick<Rule, 'reviewed' | 'reviewDays'>): string {
  return new Date(Date.parse(rule.reviewed) + rule.reviewDays * DAY_MS).toISOString().slice(0, 10);
}

/** The oldest source check behind a set of rules (undefined for none): what a report's method names. */
export function oldestRuleCheck(rules: readonly Pick<Rule, 'reviewed'>[]): string | undefined {
  return rules.map((r) => r.reviewed).sort()[0];
}

/** The provision a source cites, in the reader's language where the pack gives one per language. */
export function sectionText(source: Pick<Source, 'section'>, lang: Lang): string | undefined {
  return typeof source.section === 'object' ? source.section[lang] : source.section;
}
