import type { PathSegment } from '../util/yaml-file.js';

/** The declarative condition language of the packs: a tree of all / any / not over answers. No code, no eval. */
export type Condition =
  | { all: Condition[] }
  | { any: Condition[] }
  | { not: Condition }
  | QuestionTest;

export const OPERATORS = ['equals', 'in', 'includes', 'includes_any', 'gte', 'lte', 'answered', 'unknown'] as const;
export type Operator = (typeof OPERATORS)[number];

export interface QuestionTest {
  question: string;
  op: Operator;
  value: unknown;
}

export interface SyntaxProblem {
  path: PathSegment[];
  message: string;
}

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** Turns pack data into a Condition, or reports what is wrong and where. */
export function parseCondition(data: unknown, path: PathSegment[], problems: SyntaxProblem[]): Condition {
  const fail = (message: string, at = path): Condition => {
    problems.push({ path: at, message });
    return { all: [] };
  };
  if (!isRecord(data)) return fail('a condition must be a map such as {question: id, equals: value}');
  const keys = Object.keys(data);
  if (keys.length === 1 && (keys[0] === 'all' || keys[0] === 'any')) {
    const key = keys[0];
    const items = data[key];
    if (!Array.isArray(items) || items.length === 0) return fail(`"${key}" takes a non-empty list of conditions`);
    const children = items.map((item, i) => parseCondition(item, [...path, key, i], problems));
    return key === 'all' ? { all: children } : { any: children };
  }
  if (keys.length === 1 && keys[0] === 'not') return { not: parseCondition(data.not, [...path, 'not'], problems) };
  if (!('question' in data)) {
    return fail(`unknown condition keys ${keys.map((k) => `"${k}"`).join(', ')}; use all, any, not or question`);
  }
  if (typeof data.question !== 'string') return fail('"question" must be a question id', [...path, 'question']);
  const operators = keys.filter((k) => k !== 'question');
  const op = operators[0];
  if (operators.length !== 1 || !(OPERATORS as readonly string[]).includes(op ?? '')) {
    return fail(`a question test needs exactly one operator of ${OPERATORS.join(', ')}`);
  }
  const operator = op as Operator;
  const value = data[operator];
  const valuePath = [...path, operator];
  switch (operator) {
    case 'in':
    case 'includes_any':
      if (!Array.isArray(value) || value.length === 0) return fail(`"${operator}" takes a non-empty list`, valuePath);
      break;
    case 'gte':
    case 'lte':
      if (typeof value !== 'number') return fail(`"${operator}" takes a number`, valuePath);
      break;
    case 'answered':
    case 'unknown':
      if (typeof value !== 'boolean') return fail(`"${operator}" takes true or false`, valuePath);
      break;
    default:
      if (value === null || typeof value === 'object') return fail(`"${operator}" takes a single value`, valuePath);
  }
  return { question: data.question, op: operator, value };
}

/** Every question test in a condition, with the path of its node, for cross-reference lint. */
export function* questionTests(condition: Condition): Generator<QuestionTest> {
  if ('all' in condition) for (const c of condition.all) yield* questionTests(c);
  else if ('any' in condition) for (const c of condition.any) yield* questionTests(c);
  else if ('not' in condition) yield* questionTests(condition.not);
  else yield condition;
}
