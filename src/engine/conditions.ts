import type { Condition, QuestionTest } from '../policy/condition.js';
import type { Facts } from './facts.js';

/** Three-valued: an unknown answer may make a condition true, and the engine then assumes the worst. */
export type Truth = 'yes' | 'no' | 'unknown';

export interface Evaluation {
  truth: Truth;
  /** The questions whose answers decided the outcome, in the order the condition names them. */
  triggers: string[];
}

/**
 * The truth alone, short-circuiting and allocation-free: most rules do not fire, and only a rule that fires needs
 * the triggers `evaluateCondition` collects. Always agrees with `evaluateCondition(...).truth`.
 */
export function conditionTruth(condition: Condition, facts: Facts): Truth {
  if ('all' in condition) return junction(condition.all, facts, 'no', 'yes');
  if ('any' in condition) return junction(condition.any, facts, 'yes', 'no');
  if ('not' in condition) {
    const inner = conditionTruth(condition.not, facts);
    return inner === 'yes' ? 'no' : inner === 'no' ? 'yes' : 'unknown';
  }
  return testQuestion(condition, facts);
}

function junction(parts: Condition[], facts: Facts, decisive: Truth, otherwise: Truth): Truth {
  let unknown = false;
  for (const part of parts) {
    const truth = conditionTruth(part, facts);
    if (truth === decisive) return decisive;
    if (truth === 'unknown') unknown = true;
  }
  return unknown ? 'unknown' : otherwise;
}

export function evaluateCondition(condition: Condition, facts: Facts): Evaluation {
  if ('all' in condition) return combine(condition.all.map((c) => evaluateCondition(c, facts)), 'all');
  if ('any' in condition) return combine(condition.any.map((c) => evaluateCondition(c, facts)), 'any');
  if ('not' in condition) {
    const inner = evaluateCondition(condition.not, facts);
    return { truth: inner.truth === 'yes' ? 'no' : inner.truth === 'no' ? 'yes' : 'unknown', triggers: inner.triggers };
  }
  return { truth: testQuestion(condition, facts), triggers: [condition.question] };
}

function combine(parts: Evaluation[], mode: 'all' | 'any'): Evaluation {
  const decisive: Truth = mode === 'all' ? 'no' : 'yes';
  const deciding = parts.filter((p) => p.truth === decisive);
  if (deciding.length) return { truth: decisive, triggers: unique(deciding.flatMap((p) => p.triggers)) };
  const truth: Truth = parts.some((p) => p.truth === 'unknown') ? 'unknown' : mode === 'all' ? 'yes' : 'no';
  return { truth, triggers: unique(parts.flatMap((p) => p.triggers)) };
}

function testQuestion(test: QuestionTest, facts: Facts): Truth {
  const fact = facts.get(test.question);
  if (test.op === 'answered') return (fact?.kind === 'value') === test.value ? 'yes' : 'no';
  if (test.op === 'unknown') return (fact?.kind === 'unknown') === test.value ? 'yes' : 'no';
  if (!fact) return 'no';
  if (fact.kind === 'unknown') return 'unknown';
  const actual = fact.value;
  const expected = test.value;
  const has = (v: unknown): boolean => (Array.isArray(actual) ? actual.includes(v as string) : actual === v);
  switch (test.op) {
    case 'equals':
      return Array.isArray(actual) ? yes(actual.includes(String(expected))) : yes(actual === expected);
    case 'in':
      return yes(Array.isArray(actual) ? actual.some((v) => (expected as unknown[]).includes(v)) : (expected as unknown[]).includes(actual));
    case 'includes':
      return yes(has(expected));
    case 'includes_any':
      return yes((expected as unknown[]).some(has));
    case 'gte':
      return yes(typeof actual === 'number' && actual >= (expected as number));
    case 'lte':
      return yes(typeof actual === 'number' && actual <= (expected as number));
  }
}

const yes = (condition: boolean): Truth => (condition ? 'yes' : 'no');
const unique = (items: string[]): string[] => [...new Set(items)];
