import { evaluateCondition, type Truth } from '../../../engine/conditions.js';
import { buildFacts, DONT_KNOW, type Facts } from '../../../engine/facts.js';
import { questionTests, type Condition } from '../../../policy/condition.js';
import { ruleConditions } from '../../../policy/rule-conditions.js';
import type { Option, Policy, Question, Rule } from '../../../policy/model.js';

/** The pure logic of the interview: which question comes next, what counts as answered, what a change re-asks. */

export const PLATFORM = 'platform';

export interface OrganisationDraft {
  name?: string;
  assessor?: string;
  answers: Record<string, unknown>;
  notes: Record<string, string>;
}

export interface ChannelDraft {
  id?: string;
  name?: string;
  platform?: string;
  answers: Record<string, unknown>;
  notes: Record<string, string>;
}

/** Everything the interview has recorded so far; the session file stores exactly this. */
export interface Draft {
  organisation: OrganisationDraft;
  channels: ChannelDraft[];
  /** The consultant said no more channels. */
  channelsComplete: boolean;
  /** Step keys to ask again because an answer they depend on changed in the review. */
  reask: string[];
  /** Channels (by index) whose "same as the earlier channel?" block question has been answered. */
  sameDecided: number[];
}

/** Where a step belongs: the organisation or the channel at an index. */
export type Target = 'organisation' | number;
export type Field = 'name' | 'assessor' | 'id' | 'channelName';

export type Step =
  | { kind: 'field'; key: string; target: Target; field: Field }
  | { kind: 'question'; key: string; target: Target; question: Question }
  | { kind: 'same'; key: string; target: number; source: number; questions: Question[] }
  | { kind: 'more'; key: 'more' }
  | { kind: 'review'; key: 'review' };

export type AskStep = Exclude<Step, { kind: 'review' }>;

export const emptyDraft = (): Draft => ({ organisation: { answers: {}, notes: {} }, channels: [], channelsComplete: false, reask: [], sameDecided: [] });

const prefix = (target: Target): string => (target === 'organisation' ? 'organisation' : `channels/${target}`);
const stepKey = (target: Target, name: string): string => `${prefix(target)}/${name}`;

interface Context {
  policy: Policy;
  date: string;
}

/** The rules in force on the date; the interview only asks what these rules (or a question's condition) need. */
function rulesInForce(policy: Policy, date: string): Rule[] {
  return policy.rules.filter((r) => (!r.effectiveFrom || r.effectiveFrom <= date) && (!r.effectiveUntil || date <= r.effectiveUntil));
}

function namedBy(conditions: Condition[]): Set<string> {
  return new Set(conditions.flatMap((c) => [...questionTests(c)].map((t) => t.question)));
}


const questionConditions = (question: Question): Condition[] => [
  ...(question.when ? [question.when] : []),
  ...(question.options ?? []).flatMap((o) => (o.when ? [o.when] : [])),
];

/** What is known so far: the facts, and the questions still without an answer (they may yet take any value). */
export interface SoFar {
  facts: Facts;
  open: ReadonlySet<string>;
}

/** A condition's truth whatever the open questions turn out to be: "no" only when no answer to come can change it. */
function settledTruth(condition: Condition, soFar: SoFar): Truth {
  if ('all' in condition) {
    const parts = condition.all.map((c) => settledTruth(c, soFar));
    return parts.includes('no') ? 'no' : parts.includes('unknown') ? 'unknown' : 'yes';
  }
  if ('any' in condition) {
    const parts = condition.any.map((c) => settledTruth(c, soFar));
    return parts.includes('yes') ? 'yes' : parts.includes('unknown') ? 'unknown' : 'no';
  }
  if ('not' in condition) {
    const inner = settledTruth(condition.not, soFar);
    return inner === 'yes' ? 'no' : inner === 'no' ? 'yes' : 'unknown';
  }
  return soFar.open.has(condition.question) ? 'unknown' : evaluateCondition(condition, soFar.facts).truth;
}

/**
 * The questions whose answer can change an outcome: named by a rule that may apply (for a channel: a rule for its
 * platform; for the organisation, before any platform is known: any rule) and, given what is known so far, may still
 * fire — in its condition or a modifier — then, to a fixed point, every question the condition of a relevant question
 * or of one of its options names. The platform is always relevant.
 */
export function relevantQuestions(policy: Policy, date: string, platform: string | undefined, soFar?: SoFar): Set<string> {
  const rules = rulesInForce(policy, date)
    .filter((r) => platform === undefined || r.scope === 'organisation' || r.channels.includes('*') || r.channels.includes(platform))
    .filter((r) => !soFar || (settledTruth(r.condition, soFar) !== 'no' && (!r.applicability || settledTruth(r.applicability, soFar) !== 'no')));
  const relevant = namedBy(rules.flatMap(ruleConditions));
  relevant.add(PLATFORM);
  let grew = true;
  while (grew) {
    grew = false;
    for (const id of [...relevant]) {
      const question = policy.questionnaire.questions.get(id);
      for (const named of namedBy(question ? questionConditions(question) : [])) {
        if (!relevant.has(named)) {
          relevant.add(named);
          grew = true;
        }
      }
    }
  }
  return relevant;
}

function organisationFacts(policy: Policy, draft: Draft): Facts {
  return buildFacts(policy.questionnaire, 'organisation', draft.organisation.answers);
}

function channelAnswers(channel: ChannelDraft): Record<string, unknown> {
  return channel.platform === undefined ? { ...channel.answers } : { ...channel.answers, [PLATFORM]: channel.platform };
}

export function targetFacts(policy: Policy, draft: Draft, target: Target): Facts {
  const orgFacts = organisationFacts(policy, draft);
  if (target === 'organisation') return orgFacts;
  const channel = draft.channels[target];
  return buildFacts(policy.questionnaire, 'channel', channel ? channelAnswers(channel) : {}, orgFacts);
}

export function answersOf(draft: Draft, target: Target): Record<string, unknown> {
  if (target === 'organisation') return draft.organisation.answers;
  const channel = draft.channels[target];
  return channel ? channelAnswers(channel) : {};
}

export function notesOf(draft: Draft, target: Target): Record<string, string> {
  return target === 'organisation' ? draft.organisation.notes : (draft.channels[target]?.notes ?? {});
}

/** The options a consultant may pick here: those whose own condition is not false. */
export function applicableOptions(question: Question, facts: Facts): Option[] {
  return (question.options ?? []).filter((o) => !o.when || evaluateCondition(o.when, facts).truth !== 'no');
}

export const allowsDontKnow = (question: Question): boolean => question.dontKnow && question.type !== 'text';

/** Why a value is not a valid answer to the question here, or undefined when it is. */
export function answerProblem(question: Question, value: unknown, facts: Facts): string | undefined {
  if (value === DONT_KNOW && allowsDontKnow(question)) return undefined;
  const allowed = applicableOptions(question, facts).map((o) => o.value);
  switch (question.type) {
    case 'single':
      return typeof value === 'string' && allowed.includes(value) ? undefined : `expected one of ${allowed.join(', ')}`;
    case 'multi':
      return Array.isArray(value) && value.every((v) => typeof v === 'string' && allowed.includes(v)) && new Set(value).size === value.length
        ? undefined
        : `expected a list of ${allowed.join(', ')}`;
    case 'boolean':
      return typeof value === 'boolean' ? undefined : 'expected true or false';
    case 'number':
      if (typeof value !== 'number' || !Number.isFinite(value)) return 'expected a number';
      if (question.min !== undefined && value < question.min) return `expected at least ${question.min}`;
      if (question.max !== undefined && value > question.max) return `expected at most ${question.max}`;
      return undefined;
    case 'text':
      return typeof value === 'string' && value.length <= 2000 ? undefined : 'expected a text of at most 2000 characters';
  }
}

/**
 * The questions of one scope that apply (their `when` is not false) and are relevant, in questionnaire order. An
 * answer already given stays listed (after a platform change, say): the config keeps it, so the review shows it.
 */
function askedQuestions(ctx: Context, draft: Draft, target: Target): Question[] {
  const scope = target === 'organisation' ? 'organisation' : 'channel';
  const facts = targetFacts(ctx.policy, draft, target);
  const answers = answersOf(draft, target);
  const platform = target === 'organisation' ? undefined : draft.channels[target]?.platform;
  // Channel questions are open for the organisation: its answers are asked before any channel's.
  const open = new Set(
    [...ctx.policy.questionnaire.questions.values()]
      .filter((q) => (q.scope === 'organisation' ? draft.organisation.answers[q.id] === undefined : target === 'organisation' || answers[q.id] === undefined))
      .map((q) => q.id),
  );
  const relevant = relevantQuestions(ctx.policy, ctx.date, platform, { facts, open });
  return ctx.policy.questionnaire.sections
    .filter((s) => s.scope === scope)
    .flatMap((s) => s.questions)
    .filter((q) => facts.has(q.id) && (relevant.has(q.id) || answers[q.id] !== undefined));
}

/** Every step that applies to the draft as it stands, in the order the interview asks them. */
export function stepsOf(ctx: Context, draft: Draft): AskStep[] {
  const steps: AskStep[] = [
    { kind: 'field', key: stepKey('organisation', 'name'), target: 'organisation', field: 'name' },
    { kind: 'field', key: stepKey('organisation', 'assessor'), target: 'organisation', field: 'assessor' },
    ...askedQuestions(ctx, draft, 'organisation').map((question) => ({ kind: 'question' as const, key: stepKey('organisation', question.id), target: 'organisation' as const, question })),
  ];
  const channels = draft.channels.length ? draft.channels.length : 1;
  for (let index = 0; index < channels; index++) {
    // The platform first: it decides the default channel id and which questions follow.
    const questions = askedQuestions(ctx, draft, index);
    const platform = questions.filter((q) => q.id === PLATFORM);
    steps.push(
      ...platform.map((question) => ({ kind: 'question' as const, key: stepKey(index, question.id), target: index, question })),
      { kind: 'field', key: stepKey(index, 'id'), target: index, field: 'id' },
      { kind: 'field', key: stepKey(index, 'name'), target: index, field: 'channelName' },
    );
    const same = sameStep(draft, index, questions);
    for (const question of questions.filter((q) => q.id !== PLATFORM)) {
      if (same && question === same.questions[0]) steps.push(same);
      steps.push({ kind: 'question' as const, key: stepKey(index, question.id), target: index, question });
    }
  }
  steps.push({ kind: 'more', key: 'more' });
  return steps;
}

export function fieldValue(draft: Draft, target: Target, field: Field): string | undefined {
  if (target === 'organisation') return field === 'name' ? draft.organisation.name : draft.organisation.assessor;
  const channel = draft.channels[target];
  return field === 'id' ? channel?.id : channel?.name;
}

export function isAnswered(ctx: Context, draft: Draft, step: AskStep): boolean {
  switch (step.kind) {
    case 'more':
      return draft.channelsComplete;
    case 'same':
      return draft.sameDecided.includes(step.target);
    case 'field': {
      const value = fieldValue(draft, step.target, step.field);
      // Optional fields count as answered once asked (an empty string records "asked, left empty").
      return step.field === 'name' || step.field === 'id' ? Boolean(value) : value !== undefined;
    }
    case 'question': {
      const value = answersOf(draft, step.target)[step.question.id];
      return value !== undefined && answerProblem(step.question, value, targetFacts(ctx.policy, draft, step.target)) === undefined;
    }
  }
}

/** The next step: a pending re-ask first, then the first unanswered step, then the review. */
export function nextStep(ctx: Context, draft: Draft): Step {
  const steps = stepsOf(ctx, draft);
  const byKey = new Map(steps.map((s) => [s.key, s]));
  for (const key of draft.reask) {
    const step = byKey.get(key);
    if (step) return step;
  }
  return steps.find((s) => !isAnswered(ctx, draft, s)) ?? { kind: 'review', key: 'review' };
}

function channelAt(draft: Draft, index: number): ChannelDraft {
  while (draft.channels.length <= index) draft.channels.push({ answers: {}, notes: {} });
  return draft.channels[index] as ChannelDraft;
}

/** Records an answer (or field value) and clears its pending re-ask. `more`: true adds a channel. */
export function recordAnswer(draft: Draft, step: AskStep, value: unknown): void {
  draft.reask = draft.reask.filter((k) => k !== step.key);
  if (step.kind === 'more') {
    if (value === true) channelAt(draft, draft.channels.length);
    else draft.channelsComplete = true;
    return;
  }
  if (step.kind === 'same') {
    draft.sameDecided = [...new Set([...draft.sameDecided, step.target])];
    if (value === true) copyAnswers(draft, step);
    return;
  }
  if (step.kind === 'field') {
    const text = String(value);
    if (step.target === 'organisation') draft.organisation[step.field === 'name' ? 'name' : 'assessor'] = text;
    else channelAt(draft, step.target)[step.field === 'id' ? 'id' : 'name'] = text;
    return;
  }
  if (step.target === 'organisation') draft.organisation.answers[step.question.id] = value;
  else if (step.question.id === PLATFORM) channelAt(draft, step.target).platform = String(value);
  else channelAt(draft, step.target).answers[step.question.id] = value;
}

/** Sets or clears the note on a question's answer. */
export function recordNote(draft: Draft, step: AskStep, note: string): void {
  if (step.kind !== 'question' || step.question.id === PLATFORM) return;
  const notes = step.target === 'organisation' ? draft.organisation.notes : channelAt(draft, step.target).notes;
  if (note.trim()) notes[step.question.id] = note.trim();
  else delete notes[step.question.id];
}

/** The questions whose condition (or an option's condition) names the given one, directly or through another. */
export function dependentQuestions(policy: Policy, questionId: string): Set<string> {
  const found = new Set<string>();
  const queue = [questionId];
  while (queue.length) {
    const current = queue.shift() as string;
    for (const question of policy.questionnaire.questions.values()) {
      if (found.has(question.id) || question.id === questionId) continue;
      if (namedBy(questionConditions(question)).has(current)) {
        found.add(question.id);
        queue.push(question.id);
      }
    }
  }
  return found;
}

/**
 * After a change in the review: the steps to ask again. An organisation answer can gate channel questions, so its
 * dependents are looked up in every channel. Only steps that apply now are queued; new unanswered ones come anyway.
 */
export function stepsToReask(ctx: Context, draft: Draft, step: AskStep): string[] {
  if (step.kind !== 'question') return [];
  const dependents = dependentQuestions(ctx.policy, step.question.id);
  return stepsOf(ctx, draft)
    .filter((s): s is Extract<AskStep, { kind: 'question' }> => s.kind === 'question' && dependents.has(s.question.id))
    .filter((s) => step.target === 'organisation' || s.target === step.target)
    .map((s) => s.key);
}

export interface Progress {
  /** The step's place among the steps of its section (the organisation, one channel) that apply now. */
  index: number;
  total: number;
  /** Whether answers still to come may change the total (they rule questions in or out). */
  estimate: boolean;
  /** How much of the whole interview is answered, in per cent. */
  percent: number;
}

/**
 * Where a step stands: "question 5 of ~23" in its section, and how far the whole interview has come. Both totals
 * count only steps that apply to the answers so far, so they shrink as answers rule questions out.
 */
export function progressOf(ctx: Context, draft: Draft, step: AskStep): Progress | undefined {
  if (step.kind === 'more') return undefined;
  const steps = stepsOf(ctx, draft).filter((s) => s.kind !== 'more');
  const section = steps.filter((s) => s.target === step.target);
  const open = (list: AskStep[]) => list.filter((s) => s.key !== step.key && !isAnswered(ctx, draft, s));
  return {
    index: section.findIndex((s) => s.key === step.key) + 1,
    total: section.length,
    estimate: open(section).length > 0,
    percent: Math.floor((100 * (steps.length - open(steps).length - 1)) / steps.length),
  };
}

/** The step asked before this one, for going back; none before the first. */
export function previousStep(ctx: Context, draft: Draft, key: string): AskStep | undefined {
  const steps = stepsOf(ctx, draft);
  const at = steps.findIndex((s) => s.key === key);
  return at > 0 ? steps[at - 1] : undefined;
}

/** The step after this one while walking forward again after going back: only as far as the answers reach. */
export function followingStep(ctx: Context, draft: Draft, key: string): AskStep | undefined {
  const steps = stepsOf(ctx, draft);
  const next = steps[steps.findIndex((s) => s.key === key) + 1];
  return next && isAnswered(ctx, draft, next) ? next : undefined;
}

/** The answers a config may carry: applicable and valid, in questionnaire order; notes only beside an answer. */
export function cleanAnswers(ctx: Context, draft: Draft, target: Target): { answers: Record<string, unknown>; notes: Record<string, string> } {
  const facts = targetFacts(ctx.policy, draft, target);
  const given = answersOf(draft, target);
  const scope = target === 'organisation' ? 'organisation' : 'channel';
  const answers: Record<string, unknown> = {};
  const notes: Record<string, string> = {};
  for (const question of [...ctx.policy.questionnaire.questions.values()]) {
    if (question.scope !== scope || question.id === PLATFORM) continue;
    const value = given[question.id];
    if (value === undefined || !facts.has(question.id) || answerProblem(question, value, facts)) continue;
    answers[question.id] = value;
    const note = notesOf(draft, target)[question.id];
    if (note) notes[question.id] = note;
  }
  return { answers, notes };
}

/**
 * Questions an organisation usually answers once for all its channels: a later channel may take them over from an
 * earlier one in one step. Not among them what the law judges per channel: the DPIA (per processing, Art. 35 GDPR),
 * the imprint (per profile), the transfer (it depends on the provider), disappearing messages (a setting per account).
 */
export const SHARED_QUESTIONS: readonly string[] = [
  'privacy_notice',
  'legal_basis_documented',
  'in_records',
  'archiving',
  'deletion_concept',
  'access_requests',
  'staff_policy',
  'agents_send',
  'works_agreement',
];

/** The block question for a later channel: offered while none of its shared questions is answered yet. */
function sameStep(draft: Draft, index: number, questions: Question[]): Extract<Step, { kind: 'same' }> | undefined {
  if (index === 0) return undefined;
  const shared = questions.filter((q) => SHARED_QUESTIONS.includes(q.id));
  const channel = draft.channels[index];
  if (!shared.length || !channel || shared.some((q) => channel.answers[q.id] !== undefined && !draft.sameDecided.includes(index))) return undefined;
  // The nearest earlier channel that answered any of them.
  for (let source = index - 1; source >= 0; source--) {
    const earlier = draft.channels[source]?.answers ?? {};
    const taken = shared.filter((q) => earlier[q.id] !== undefined);
    if (taken.length) return { kind: 'same', key: stepKey(index, 'same'), target: index, source, questions: taken };
  }
  return undefined;
}

/** Takes the shared answers (and their notes) over from the earlier channel, where they are valid here. */
function copyAnswers(draft: Draft, step: Extract<Step, { kind: 'same' }>): void {
  const from = draft.channels[step.source];
  const to = channelAt(draft, step.target);
  for (const question of step.questions) {
    const value = from?.answers[question.id];
    if (value === undefined) continue;
    to.answers[question.id] = Array.isArray(value) ? [...value] : value;
    const note = from?.notes[question.id];
    if (note) to.notes[question.id] = note;
  }
}
