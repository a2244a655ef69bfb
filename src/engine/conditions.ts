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
 * the triggers `evaluateCondition` collects.
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
  const triggers: string[] = [];
  collectTriggers(condition, facts, triggers, new Set());
  return { truth: conditionTruth(condition, facts), triggers };
}

/** Of an all/any that some parts decide, the questions of those parts; otherwise of every part. First mention first. */
function collectTriggers(condition: Condition, facts: Facts, into: string[], seen: Set<string>): void {
  if ('all' in condition || 'any' in condition) {
    const [parts, decisive]: [Condition[], Truth] = 'all' in condition ? [condition.all, 'no'] : [condition.any, 'yes'];
    const deciding = parts.filter((part) => conditionTruth(part, facts) === decisive);
    for (const part of deciding.length ? deciding : parts) collectTriggers(part, facts, into, seen);
  } else if ('not' in condition) {
    collectTriggers(condition.not, facts, into, seen);
  } else if (!seen.has(condition.question)) {
    seen.add(condition.question);
    into.push(condition.question);
  }
}

function testQuestion(test: QuestionTest, facts: Facts): Truth {
  const fact = facts.get(test.question);
  if (test.op === 'answered') return (fact?.kind === 'value') === test.value ? 'yes' : 'no';
  if (test.op === 'unknown') return (fact?.kind === 'unknown') === test.value ? 'yes' : 'no';
  if (!fact) return 'no';
  if (fact.kind === 'unknown') return 'unknown';
  const actual = fact.value;
  const expected = test.value;
  switch (test.op) {
    case 'equals':
      return Array.isArray(actual) ? yes(actual.includes(String(expected))) : yes(actual === expected);
    case 'in':
    case 'includes_any':
      return yes(sharesAny(actual, expected as unknown[]));
    case 'includes':
      return yes(Array.isArray(actual) ? actual.includes(expected as string) : actual === expected);
    case 'gte':
      return yes(typeof actual === 'number' && actual >= (expected as number));
    case 'lte':
      return yes(typeof actual === 'number' && actual <= (expected as number));
  }
}

const yes = (condition: boolean): Truth => (condition ? 'yes' : 'no');

/** Whether the answer (a value or a list) holds any of the values. */
function sharesAny(actual: unknown, values: unknown[]): boolean {
  if (!Array.isArray(actual)) return values.includes(actual);
  for (const value of actual) if (values.includes(value)) return true;
  return false;
}
