import type { Condition } from './condition.js';
import type { Rule } from './model.js';

/** Every condition a rule reads: its applicability, its condition and its modifiers' conditions. */
export const ruleConditions = (rule: Rule): Condition[] => [
  ...(rule.applicability ? [rule.applicability] : []),
  rule.condition,
  ...rule.impact.modifiers.map((m) => m.when),
  ...rule.likelihood.modifiers.map((m) => m.when),
];
