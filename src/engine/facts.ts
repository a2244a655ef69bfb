import type { AnswerValue, Questionnaire } from '../policy/model.js';
import { conditionTruth } from './conditions.js';

/** What is known about one question for one channel. Missing from the map: the question does not apply. */
export type Fact =
  | { kind: 'value'; value: AnswerValue }
  | { kind: 'unknown'; reason: 'dont_know' | 'unanswered' };

export type Facts = ReadonlyMap<string, Fact>;

export const DONT_KNOW = 'unknown';

export type Answers = Readonly<Record<string, unknown>>;
/**
 * Answers in layers, the first layer holding a question's answer winning, as if spread in reverse order: what-ifs
 * and routes lay their changes over a plan's answers without copying them (a copy of a large answers object costs
 * more than evaluating it).
 */
export type AnswerLayers = readonly Answers[];

/**
 * Builds the facts for one scope: answers of applicable questions; "don't know" and unanswered applicable
 * questions become unknown facts; answers to questions that do not apply are ignored.
 */
export function buildFacts(
  questionnaire: Questionnaire,
  scope: 'organisation' | 'channel',
  answers: Answers | AnswerLayers,
  inherited: Facts = new Map(),
  /** Rule test cases state only what matters: there a missing answer means "does not apply", not "unknown". */
  missing: 'unknown' | 'absent' = 'unknown',
): Map<string, Fact> {
  const facts = new Map(inherited);
  const layers: AnswerLayers = Array.isArray(answers) ? answers : [answers];
  for (const section of questionnaire.sections) {
    if (section.scope !== scope) continue;
    for (const question of section.questions) {
      if (question.when && conditionTruth(question.when, facts) === 'no') continue;
      const answer = answerIn(layers, question.id);
      if (answer === undefined || answer === null) {
        if (missing === 'unknown') facts.set(question.id, { kind: 'unknown', reason: 'unanswered' });
      }
      else if (answer === DONT_KNOW && question.type !== 'text') facts.set(question.id, { kind: 'unknown', reason: 'dont_know' });
      else facts.set(question.id, { kind: 'value', value: answer as AnswerValue });
    }
  }
  return facts;
}

function answerIn(layers: AnswerLayers, id: string): unknown {
  for (const layer of layers) if (Object.hasOwn(layer, id)) return layer[id];
  return undefined;
}
