import * as z from 'zod/mini';
import type { Question, Questionnaire } from '../policy/model.js';
import { DONT_KNOW } from '../engine/facts.js';

export const CONFIG_FORMAT_VERSION = 1;
const ChannelId = z.string().check(z.regex(/^[A-Za-z0-9][A-Za-z0-9._-]*$/, 'letters, digits, ".", "_" and "-"'), z.maxLength(64));

/** The schema of one answer, derived from its question: a new question needs no code. */
function answerSchema(question: Question): z.ZodMiniType {
  const values = question.options?.map((o) => o.value) ?? [];
  const orUnknown = (schema: z.ZodMiniType, expected: string): z.ZodMiniType =>
    question.dontKnow ? z.union([schema, z.literal(DONT_KNOW)], { error: `expected ${expected} or "unknown"` }) : schema;
  switch (question.type) {
    case 'single':
      return z.enum(question.dontKnow ? [...values, DONT_KNOW] : values);
    case 'multi':
      return orUnknown(z.array(z.enum(values)), 'a list of options');
    case 'boolean':
      return orUnknown(z.boolean(), 'true or false');
    case 'number': {
      const checks = [...(question.min !== undefined ? [z.minimum(question.min)] : []), ...(question.max !== undefined ? [z.maximum(question.max)] : [])];
      return orUnknown(z.number().check(...checks), 'a number');
    }
    case 'text':
      return z.string().check(z.maxLength(2000));
  }
}

function answersSchema(questions: Question[]) {
  const shape = Object.fromEntries(questions.map((q) => [q.id, z.optional(answerSchema(q))]));
  return z.strictObject(shape);
}

function notesSchema(questions: Question[]) {
  const ids = questions.map((q) => q.id);
  return z.partialRecord(z.enum(ids as [string, ...string[]]), z.string().check(z.maxLength(2000)));
}

const schemas = new WeakMap<Questionnaire, ReturnType<typeof buildConfigSchema>>();

/** The channel-config schema, derived from the questionnaire; built once, as `check` may read a thousand configs. */
export function configSchema(questionnaire: Questionnaire) {
  let schema = schemas.get(questionnaire);
  if (!schema) schemas.set(questionnaire, (schema = buildConfigSchema(questionnaire)));
  return schema;
}

function buildConfigSchema(questionnaire: Questionnaire) {
  const all = [...questionnaire.questions.values()];
  const orgQuestions = all.filter((q) => q.scope === 'organisation');
  const channelQuestions = all.filter((q) => q.scope === 'channel' && q.id !== 'platform');
  const platforms = questionnaire.questions.get('platform')?.options?.map((o) => o.value) ?? [];
  return z.strictObject({
    chanrisk: z.optional(z.literal(CONFIG_FORMAT_VERSION)),
    organisation: z.strictObject({
      name: z.string().check(z.minLength(1), z.maxLength(200)),
      assessor: z.optional(z.string().check(z.maxLength(200))),
      answers: z.optional(answersSchema(orgQuestions)),
      notes: z.optional(notesSchema(orgQuestions)),
    }),
    channels: z
      .array(
        z.strictObject({
          id: ChannelId,
          name: z.optional(z.string().check(z.maxLength(200))),
          platform: z.enum(platforms as [string, ...string[]]),
          answers: z.optional(answersSchema(channelQuestions)),
          notes: z.optional(notesSchema(channelQuestions)),
          code_paths: z.optional(z.array(z.string().check(z.minLength(1), z.maxLength(500))).check(z.minLength(1), z.maxLength(100))),
        }),
      )
      .check(z.minLength(1), z.maxLength(500)),
    accepted_risks: z.optional(z.array(acceptedRiskSchema)),
  });
}

const Required = z.string().check(z.minLength(1), z.maxLength(2000));
/** A risk an organisation accepts for one rule on one channel (or "organisation") until a date; all fields required. */
const acceptedRiskSchema = z.strictObject({
  rule: Required,
  channel: Required,
  reason: Required,
  owner: Required,
  approver: Required,
  expires: z.string().check(z.regex(/^\d{4}-\d{2}-\d{2}$/, 'a date YYYY-MM-DD')),
});

export type ConfigData = z.infer<ReturnType<typeof configSchema>>;
