import type { AnswerValue, Questionnaire } from '../policy/model.js';
import { conditionTruth } from './conditions.js';

/** What is known about one question for one channel. Missing from the map: the question does not apply. */
export type Fact =
  | { kind: 'value'; value: AnswerValue }
  | { kind: 'unknown'; reason: 'dont_know' | 'unanswered' };

export type Facts = ReadonlyMap<string, Fact>;

export const DONT_KNOW = 'unknown';

/**
 * Builds the facts for one scope: answers of applicable questions; "don't know" and unanswered applicable
 * questions become unknown facts; answers to questions that do not apply are ignored.
 */
export function buildFacts(
  questionnaire: Questionnaire,
  scope: 'organisation' | 'channel',
  answers: Readonly<Record<string, unknown>>,
  inherited: Facts = new Map(),
  /** Rule test cases state only what matters: there a missing answer means "does not apply", not "unknown". */
  missing: 'unknown' | 'absent' = 'unknown',
): Map<string, Fact> {
  const facts = new Map(inherited);
  for (const section of questionnaire.sections) {
    if (section.scope !== scope) continue;
    for (const question of section.questions) {
      if (question.when && conditionTruth(question.when, facts) === 'no') continue;
      const answer = answers[question.id];
      if (answer === undefined || answer === null) {
        if (missing === 'unknown') facts.set(question.id, { kind: 'unknown', reason: 'unanswered' });
      }
      else if (answer === DONT_KNOW && question.type !== 'text') facts.set(question.id, { kind: 'unknown', reason: 'dont_know' });
      else facts.set(question.id, { kind: 'value', value: answer as AnswerValue });
    }
  }
  return facts;
}
