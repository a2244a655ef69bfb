import fc from 'fast-check';
import type { Assessment, ChannelInput } from '../../src/engine/assessment.js';
import type { Policy, Question } from '../../src/policy/model.js';

/** A value a config may give a question, or "unknown" where "don't know" is allowed. */
export function answerArbitrary(question: Question): fc.Arbitrary<unknown> {
  const values = question.options?.map((o) => o.value) ?? [];
  const known: fc.Arbitrary<unknown> = (() => {
    switch (question.type) {
      case 'single':
        return fc.constantFrom(...values);
      case 'multi':
        return fc.uniqueArray(fc.constantFrom(...values), { minLength: 1, maxLength: Math.min(4, values.length) });
      case 'boolean':
        return fc.boolean();
      case 'number':
        return fc.integer({ min: question.min ?? 0, max: question.max ?? 1_000_000 });
      case 'text':
        return fc.string({ maxLength: 20 });
    }
  })();
  return question.dontKnow && question.type !== 'text' ? fc.oneof({ weight: 5, arbitrary: known }, { weight: 1, arbitrary: fc.constant('unknown') }) : known;
}

/** Answers for every question of a scope; some left out (unanswered). */
export function answersArbitrary(questions: Question[]): fc.Arbitrary<Record<string, unknown>> {
  return fc.record(Object.fromEntries(questions.map((q) => [q.id, answerArbitrary(q)])), { requiredKeys: [] });
}

/** An assessment with one to three channels on the questionnaire's platforms. */
export function assessmentArbitrary(policy: Policy): fc.Arbitrary<Assessment> {
  const questions = [...policy.questionnaire.questions.values()];
  const platforms = policy.questionnaire.questions.get('platform')?.options?.map((o) => o.value) ?? ['whatsapp'];
  const channel = (i: number): fc.Arbitrary<ChannelInput> =>
    fc.record({
      id: fc.constant(`channel-${i}`),
      platform: fc.constantFrom(...platforms),
      answers: answersArbitrary(questions.filter((q) => q.scope === 'channel' && q.id !== 'platform')),
      notes: fc.constant({}),
    });
  return fc
    .record({
      org: answersArbitrary(questions.filter((q) => q.scope === 'organisation')),
      channels: fc.integer({ min: 1, max: 3 }).chain((n) => fc.tuple(...Array.from({ length: n }, (_, i) => channel(i + 1)))),
    })
    .map(({ org, channels }) => ({ file: 'property.yaml', organisation: { name: 'Property test', answers: org, notes: {} }, channels, locations: {} }));
}
