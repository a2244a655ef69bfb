import { basename } from 'node:path';
import { stringify } from 'yaml';
import { CONFIG_FORMAT_VERSION, type ConfigData } from '../../../config/schema.js';
import type { Lang, Policy } from '../../../policy/model.js';
import { writeFileAtomic } from '../../../util/atomic-write.js';
import { InputError, InputErrors } from '../../../util/errors.js';
import { loadYamlFile, type PathSegment } from '../../../util/yaml-file.js';
import { answerProblem, cleanAnswers, emptyDraft, PLATFORM, targetFacts, type Draft, type Target } from './flow.js';
import { m } from './messages.js';

/** Autosave and resume: the session file is a channel config in the making plus where the interview stands. */

/** How the interview was started; a resumed interview goes on the same way unless told otherwise. */
export interface SessionSettings {
  out?: string;
  report?: string | false;
  lang?: Lang;
  date?: string;
  rules?: string[];
}

export interface SessionMeta extends SessionSettings {
  out: string;
  /** The key of the step the interview was at; informative, resume recomputes it. */
  position: string;
}

interface Context {
  policy: Policy;
  date: string;
}

export const sessionPathFor = (out: string): string => `${out.replace(/\.ya?ml$/i, '')}.session.yaml`;

const comment = (text: string): string => text.split('\n').map((line) => `# ${line}`.trimEnd()).join('\n');

const compact = <T extends Record<string, unknown>>(value: T): T =>
  Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined && v !== '' && !(typeof v === 'object' && v !== null && !Array.isArray(v) && !Object.keys(v).length))) as T;

const toYaml = (data: unknown): string => stringify(data, { lineWidth: 0 });

export function saveSession(file: string, draft: Draft, meta: SessionMeta, lang: Lang): void {
  const data = {
    chanrisk: CONFIG_FORMAT_VERSION,
    // In the order of a config, so the session reads like one.
    organisation: { name: draft.organisation.name, assessor: draft.organisation.assessor, answers: draft.organisation.answers, notes: draft.organisation.notes },
    channels: draft.channels.map((c) => ({ id: c.id, name: c.name, platform: c.platform, answers: c.answers, notes: c.notes })),
    interview: {
      position: meta.position,
      out: meta.out,
      ...(meta.report !== undefined && { report: meta.report }),
      ...(meta.lang && { lang: meta.lang }),
      ...(meta.date && { date: meta.date }),
      ...(meta.rules?.length && { rules: meta.rules }),
      channels_complete: draft.channelsComplete,
      reask: draft.reask,
      same_decided: draft.sameDecided,
    },
  };
  writeFileAtomic(file, `${comment(m('sessionHeader', lang, { file }))}\n${toYaml(data)}`, 'session');
}

/** The channel config the interview produced: only answers that apply, in questionnaire order. */
export function draftToConfig(ctx: Context, draft: Draft): ConfigData {
  const organisation = cleanAnswers(ctx, draft, 'organisation');
  return {
    chanrisk: CONFIG_FORMAT_VERSION,
    organisation: compact({
      name: draft.organisation.name ?? '',
      assessor: draft.organisation.assessor,
      answers: organisation.answers,
      notes: organisation.notes,
    }),
    channels: draft.channels.map((channel, index) => {
      const { answers, notes } = cleanAnswers(ctx, draft, index);
      return compact({ id: channel.id ?? '', name: channel.name, platform: channel.platform ?? '', answers, notes });
    }),
  } as ConfigData;
}

export function configText(config: ConfigData, file: string, date: string, lang: Lang): string {
  const header = [`${m('configHeader', lang)} ${date}.`, m('configHeaderCheck', lang, { file: basename(file) }), m('configHeaderEdit', lang)].join('\n');
  return `${comment(header)}\n${toYaml(config)}`;
}

const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

/** The settings a session was started with (read before the rules are loaded: they may name extra packs). */
export function readSessionSettings(file: string): SessionSettings {
  const data = loadYamlFile(file).data;
  const interview = isRecord(data) && isRecord(data.interview) ? data.interview : {};
  const rules = interview.rules;
  return {
    ...(typeof interview.out === 'string' && { out: interview.out }),
    ...((typeof interview.report === 'string' || interview.report === false) && { report: interview.report }),
    ...((interview.lang === 'en' || interview.lang === 'de') && { lang: interview.lang }),
    ...(typeof interview.date === 'string' && { date: interview.date }),
    ...(Array.isArray(rules) && rules.every((r) => typeof r === 'string') && { rules: rules as string[] }),
  };
}

/** Reads a session file back; anything malformed is an input error with file:line:column. */
export function loadSession(file: string, ctx: Context): Draft {
  const source = loadYamlFile(file);
  const problems: InputError[] = [];
  const fail = (path: PathSegment[], message: string) => problems.push(new InputError(message, source.locate(path), 'a session file is written by `chanrisk interview`; restore it or start again'));
  const data = source.data;
  if (!isRecord(data)) throw new InputError('not an interview session', source.locate([]));
  const draft = emptyDraft();

  const org = data.organisation ?? {};
  if (!isRecord(org)) fail(['organisation'], '"organisation" must be a map');
  else {
    readString(org, 'name', ['organisation'], fail, (v) => (draft.organisation.name = v));
    readString(org, 'assessor', ['organisation'], fail, (v) => (draft.organisation.assessor = v));
    readAnswers(ctx, draft, 'organisation', org, ['organisation'], fail);
  }

  const channels = data.channels ?? [];
  if (!Array.isArray(channels)) fail(['channels'], '"channels" must be a list');
  else {
    channels.forEach((channel, index) => {
      const path = ['channels', index];
      if (!isRecord(channel)) return void fail(path, 'a channel must be a map');
      const target = (draft.channels[index] = { answers: {}, notes: {} } as Draft['channels'][number]);
      readString(channel, 'id', path, fail, (v) => (target.id = v));
      readString(channel, 'name', path, fail, (v) => (target.name = v));
      readString(channel, PLATFORM, path, fail, (v) => (target.platform = v));
      const platforms = ctx.policy.questionnaire.questions.get(PLATFORM)?.options?.map((o) => o.value) ?? [];
      if (target.platform !== undefined && !platforms.includes(target.platform)) fail([...path, PLATFORM], `unknown platform "${target.platform}"`);
      readAnswers(ctx, draft, index, channel, path, fail);
    });
  }

  const interview = isRecord(data.interview) ? data.interview : {};
  draft.channelsComplete = interview.channels_complete === true;
  draft.reask = Array.isArray(interview.reask) ? interview.reask.filter((k): k is string => typeof k === 'string') : [];
  draft.sameDecided = Array.isArray(interview.same_decided) ? interview.same_decided.filter((i): i is number => Number.isInteger(i) && i > 0 && i < draft.channels.length) : [];
  if (problems.length) throw new InputErrors(problems);
  return draft;
}

type Fail = (path: PathSegment[], message: string) => void;

function readString(map: Record<string, unknown>, key: string, path: PathSegment[], fail: Fail, set: (value: string) => void): void {
  const value = map[key];
  if (value === undefined || value === null) return;
  if (typeof value !== 'string' || value.length > 200) return fail([...path, key], `"${key}" must be a text of at most 200 characters`);
  set(value);
}

/** Answers are checked against the questionnaire as far as the earlier answers allow (options with their own `when`). */
function readAnswers(ctx: Context, draft: Draft, target: Target, map: Record<string, unknown>, path: PathSegment[], fail: Fail): void {
  const answers = map.answers ?? {};
  const notes = map.notes ?? {};
  if (!isRecord(answers)) return fail([...path, 'answers'], '"answers" must be a map');
  if (!isRecord(notes)) return fail([...path, 'notes'], '"notes" must be a map');
  const scope = target === 'organisation' ? 'organisation' : 'channel';
  const own = target === 'organisation' ? draft.organisation : (draft.channels[target] as Draft['channels'][number]);
  for (const [id, value] of Object.entries(answers)) {
    const question = ctx.policy.questionnaire.questions.get(id);
    if (!question || question.scope !== scope || id === PLATFORM) {
      fail([...path, 'answers', id], `"${id}" is not a ${scope} question of this questionnaire`);
      continue;
    }
    own.answers[id] = value;
  }
  const facts = targetFacts(ctx.policy, draft, target);
  for (const [id, value] of Object.entries(own.answers)) {
    const question = ctx.policy.questionnaire.questions.get(id);
    const problem = question && facts.has(id) ? answerProblem(question, value, facts) : undefined;
    if (problem) fail([...path, 'answers', id], `${id}: ${problem}`);
  }
  for (const [id, note] of Object.entries(notes)) {
    if (typeof note !== 'string' || note.length > 2000) fail([...path, 'notes', id], 'a note must be a text of at most 2000 characters');
    else own.notes[id] = note;
  }
}
