import type { Condition } from './condition.js';
import type { Jurisdiction, Reach, Rule } from './model.js';

/**
 * A rule with its applicability made from its law's reach (any of its kinds) and its own `applies`. Derived, so the
 * policy snapshot stores neither and rebuilds both here; an unknown jurisdiction is left out and reported by the lint.
 */
export function withApplicability(rule: Rule, jurisdictions: readonly Jurisdiction[]): Rule {
  const jurisdiction = rule.law && jurisdictions.find((j) => j.id === rule.law?.jurisdiction);
  const lawReach = jurisdiction && rule.law && (rule.law.reach.length === 1 ? jurisdiction.reach[rule.law.reach[0] as Reach] : { any: rule.law.reach.map((r) => jurisdiction.reach[r]) });
  const parts = [lawReach, rule.applies].filter((c): c is Condition => c !== undefined);
  if (!parts.length) return rule;
  return { ...rule, applicability: parts.length === 1 ? (parts[0] as Condition) : { all: parts }, ...(lawReach && { lawReach }) };
}

/** A rule as the snapshot stores it: without what `withApplicability` derives. */
export function withoutApplicability(rule: Rule): Rule {
  const stored = { ...rule };
  delete stored.applicability;
  delete stored.lawReach;
  return stored;
}
