import { existsSync, rmSync } from 'node:fs';
import { parseConfig } from '../../../config/load.js';
import { evaluateAssessment } from '../../../engine/evaluate.js';
import { DONT_KNOW } from '../../../engine/facts.js';
import type { CheckRun } from '../../../format/run.js';
import { formatText } from '../../../format/text.js';
import type { Lang, Policy, Question } from '../../../policy/model.js';
import { loadPolicyStrict } from '../../../policy/load.js';
import { writeFileAtomic } from '../../../util/atomic-write.js';
import { InputError, isInputProblem } from '../../../util/errors.js';
import { packageInfo } from '../../../util/package-root.js';
import { EXIT, type Io } from '../../io.js';
import { parseDate, parseLang } from '../../options.js';
import { runReport } from '../report/index.js';
import {
  answersOf,
  applicableOptions,
  emptyDraft,
  fieldValue,
  isAnswered,
  nextStep,
  notesOf,
  PLATFORM,
  progressOf,
  recordAnswer,
  recordNote,
  stepsOf,
  stepsToReask,
  targetFacts,
  type AskStep,
  type Draft,
  type Target,
} from './flow.js';
import { EXIT_PAUSED } from './help.js';
import { m } from './messages.js';
import { ADD_CHANNEL, askField, askMoreChannels, askNote, askQuestion, askReview, CONFIRM, type PromptEnv, type ReviewItem } from './prompts.js';
import { configText, draftToConfig, loadSession, readSessionSettings, saveSession, sessionPathFor } from './session.js';

export interface InterviewOptions {
  out?: string;
  resume?: string;
  /** A file name, false for --no-report, undefined for the default. */
  report?: string | false;
  lang?: string;
  date?: string;
  rules?: string[];
}

export interface InterviewEnv {
  /** Whether stdin is an interactive terminal; the interview refuses to run without one. */
  isTTY: boolean;
  /** Another rules folder instead of the built-in one (tests). */
  rulesDir?: string;
}

export const DEFAULT_OUT = 'chanrisk.yaml';

const CHANNEL_ID = /^[A-Za-z0-9][A-Za-z0-9._-]*$/;

/** Runs the guided interview: organisation, channels, review, then the config, the report and the check summary. */
export async function runInterview(options: InterviewOptions, io: Io, env: InterviewEnv = { isTTY: Boolean(process.stdin.isTTY) }): Promise<number> {
  if (!env.isTTY) {
    const said = parseLang(options.lang);
    throw new InputError(m('noTty', said), undefined, m('noTtyHint', said));
  }
  // A resumed interview keeps the language, date, packs and files it was started with, unless told otherwise.
  const saved = options.resume ? readSessionSettings(options.resume) : {};
  const lang = parseLang(options.lang ?? saved.lang);
  const date = parseDate(options.date ?? saved.date);
  const rules = options.rules ?? saved.rules ?? [];
  const policy = loadPolicyStrict({ ...(env.rulesDir && { rulesDir: env.rulesDir }), extraDirs: rules });
  const ctx = { policy, date };

  let draft: Draft;
  let out: string;
  const report = options.report ?? saved.report;
  let sessionFile: string;
  if (options.resume) {
    draft = loadSession(options.resume, ctx);
    out = options.out ?? saved.out ?? DEFAULT_OUT;
    sessionFile = options.resume;
    io.out(`${m('resumed', lang)} ${sessionFile}\n`);
  } else {
    out = options.out ?? DEFAULT_OUT;
    sessionFile = sessionPathFor(out);
    if (existsSync(sessionFile)) throw new InputError(`${m('sessionExists', lang)} ${sessionFile}`, undefined, `${m('sessionExistsHint', lang)} chanrisk interview --resume ${sessionFile}`);
    draft = emptyDraft();
  }
  // Found out now, not after an hour of questions: neither the config nor the report is ever overwritten.
  if (existsSync(out)) throw new InputError(`${out} ${m('outExists', lang)}`, undefined, m('outExistsHint', lang));
  if (typeof report === 'string' && existsSync(report)) throw new InputError(`${report} ${m('outExists', lang)}`, undefined, m('reportExistsHint', lang));
  const resumeCommand = `chanrisk interview --resume ${sessionFile}`;
  io.out(`${m('welcome', lang)} ${sessionFile}\n${m('welcomeHelp', lang)}\n${m('welcomeKeys', lang)}: ${resumeCommand}\n\n`);

  const controller = new AbortController();
  const stop = () => controller.abort();
  // `on`, not `once`: while our listener is attached, inquirer's signal-exit leaves the process alive for the save.
  process.on('SIGTERM', stop);
  process.on('SIGHUP', stop);
  const promptEnv: PromptEnv = { lang, signal: controller.signal, echo: (text) => io.out(text) };
  const save = (position: string) => saveSession(sessionFile, draft, { out, ...(report !== undefined && { report }), lang, date, rules, position }, lang);
  try {
    for (;;) {
      const step = nextStep(ctx, draft);
      save(step.key);
      if (step.kind !== 'review') {
        await askStep(ctx, draft, step, promptEnv, save);
        continue;
      }
      const choice = await askReview(reviewItems(ctx, draft, lang), promptEnv);
      if (choice === CONFIRM) break;
      if (choice === ADD_CHANNEL) {
        recordAnswer(draft, { kind: 'more', key: 'more' }, true);
        continue;
      }
      const changed = stepsOf(ctx, draft).find((s) => s.key === choice);
      if (!changed) continue;
      const before = JSON.stringify(stepValue(draft, changed));
      await askStep(ctx, draft, changed, promptEnv, save);
      // Only a changed answer can change what depends on it.
      if (JSON.stringify(stepValue(draft, changed)) !== before) draft.reask = [...new Set([...draft.reask, ...stepsToReask(ctx, draft, changed)])];
    }
  } catch (error) {
    if (!(error instanceof Error) || !['ExitPromptError', 'AbortPromptError'].includes(error.name)) throw error;
    save(nextStep(ctx, draft).key);
    io.out(`\n${m('paused', lang)} ${sessionFile}\n${m('resumeWith', lang)}: ${resumeCommand}\n`);
    return EXIT_PAUSED;
  } finally {
    process.removeListener('SIGTERM', stop);
    process.removeListener('SIGHUP', stop);
  }

  return finish(policy, draft, { out, report, sessionFile, date, lang, rules }, io);
}

async function askStep(ctx: { policy: Policy; date: string }, draft: Draft, step: AskStep, env: PromptEnv, save: (position: string) => void): Promise<void> {
  const { lang } = env;
  if (step.kind === 'more') {
    recordAnswer(draft, step, await askMoreChannels(env));
    save(nextStep(ctx, draft).key);
    return;
  }
  const label = progressLabel(ctx, draft, step, lang);
  if (step.kind === 'field') {
    const current = fieldValue(draft, step.target, step.field);
    const optional = (v: string) => (v.length > 200 ? m('tooLong', lang) : undefined);
    const value =
      step.field === 'name'
        ? await askField(label, m('orgName', lang), undefined, current, (v) => (!v ? m('orgNameRequired', lang) : optional(v)), env)
        : step.field === 'assessor'
          ? await askField(label, m('assessor', lang), m('skipHint', lang), current, optional, env)
          : step.field === 'channelName'
            ? await askField(label, m('channelName', lang), m('channelNameHint', lang), current, optional, env)
            : await askField(label, m('channelId', lang), m('channelIdHint', lang), current ?? suggestedId(draft, step.target as number), (v) => channelIdProblem(draft, step.target as number, v, lang), env);
    recordAnswer(draft, step, value);
    save(nextStep(ctx, draft).key);
    return;
  }
  const facts = targetFacts(ctx.policy, draft, step.target);
  const current = answersOf(draft, step.target)[step.question.id];
  recordAnswer(draft, step, await askQuestion(step.question, applicableOptions(step.question, facts), current, label, env));
  save(nextStep(ctx, draft).key);
  if (step.question.id === PLATFORM) return;
  recordNote(draft, step, await askNote(notesOf(draft, step.target)[step.question.id], env));
  save(nextStep(ctx, draft).key);
}

function stepValue(draft: Draft, step: AskStep): unknown {
  if (step.kind === 'field') return fieldValue(draft, step.target, step.field);
  return step.kind === 'question' ? answersOf(draft, step.target)[step.question.id] : undefined;
}

function sectionName(policy: Policy, draft: Draft, target: Target, lang: Lang): string {
  if (target === 'organisation') return policy.questionnaire.sections.find((s) => s.scope === 'organisation')?.title[lang] ?? 'Organisation';
  const platform = draft.channels[target]?.platform;
  const label = platform && policy.questionnaire.questions.get(PLATFORM)?.options?.find((o) => o.value === platform)?.label[lang];
  return `${m('channel', lang)} ${target + 1}${label ? ` (${label})` : ''}`;
}

function progressLabel(ctx: { policy: Policy; date: string }, draft: Draft, step: AskStep, lang: Lang): string {
  const progress = progressOf(ctx, draft, step);
  const section = step.kind === 'more' ? '' : sectionName(ctx.policy, draft, step.target, lang);
  return progress ? `${section} · ${progress.index}/${progress.total}` : section;
}

function suggestedId(draft: Draft, index: number): string {
  const base = draft.channels[index]?.platform ?? 'channel';
  const taken = new Set(draft.channels.filter((_, i) => i !== index).map((c) => c.id));
  if (!taken.has(base)) return base;
  let n = 2;
  while (taken.has(`${base}-${n}`)) n++;
  return `${base}-${n}`;
}

function channelIdProblem(draft: Draft, index: number, value: string, lang: Lang): string | undefined {
  if (!CHANNEL_ID.test(value) || value.length > 64) return m('channelIdInvalid', lang);
  if (draft.channels.some((c, i) => i !== index && c.id === value)) return m('channelIdTaken', lang);
  return undefined;
}

/** How an answer reads on the review screen. */
function answerLabel(question: Question, value: unknown, lang: Lang): string {
  if (value === DONT_KNOW) return m('dontKnow', lang);
  const label = (v: unknown) => question.options?.find((o) => o.value === v)?.label[lang] ?? String(v);
  if (Array.isArray(value)) return value.length ? value.map(label).join(', ') : '—';
  if (typeof value === 'boolean') return m(value ? 'yes' : 'no', lang);
  if (typeof value === 'number') return `${value}${question.unit ? ` ${question.unit[lang]}` : ''}`;
  return label(value);
}

const FIELD_TITLES = { name: 'orgName', assessor: 'assessor', id: 'channelId', channelName: 'channelName' } as const;

function reviewItems(ctx: { policy: Policy; date: string }, draft: Draft, lang: Lang): ReviewItem[] {
  return stepsOf(ctx, draft)
    .filter((s): s is Exclude<AskStep, { kind: 'more' }> => s.kind !== 'more' && isAnswered(ctx, draft, s))
    .map((step) => {
      const section = sectionName(ctx.policy, draft, step.target, lang);
      if (step.kind === 'field') {
        const title = m(FIELD_TITLES[step.field], lang);
        return { key: step.key, section, title, answer: fieldValue(draft, step.target, step.field) || m('empty', lang) };
      }
      const note = notesOf(draft, step.target)[step.question.id];
      return {
        key: step.key,
        section,
        title: step.question.title[lang],
        answer: answerLabel(step.question, answersOf(draft, step.target)[step.question.id], lang),
        ...(note && { note }),
      };
    });
}

interface Destination {
  out: string;
  report: string | false | undefined;
  sessionFile: string;
  date: string;
  lang: Lang;
  rules: string[];
}

/**
 * Writes the config (validated by the same loader `check` uses), then the report through `chanrisk report`'s own
 * code, then the summary `check` prints. A report that cannot be written (it exists) leaves the config in place: exit 2.
 */
async function finish(policy: Policy, draft: Draft, dest: Destination, io: Io): Promise<number> {
  const { lang, date, out } = dest;
  const text = configText(draftToConfig({ policy, date }, draft), out, date, lang);
  const { assessment } = parseConfig(text, out, policy.questionnaire);
  writeFileAtomic(out, text, '--out');
  rmSync(dest.sessionFile, { force: true });
  io.out(`\n${m('wrote', lang)}: ${out}\n`);
  let code: number = EXIT.ok;
  if (dest.report !== false) {
    try {
      await runReport(out, { ...(dest.report && { output: dest.report }), lang, date, rules: dest.rules }, io);
    } catch (error) {
      if (!isInputProblem(error)) throw error;
      io.err(`chanrisk: ${error instanceof InputError ? error.format() : error.message}\n`);
      code = EXIT.input;
    }
  }
  io.out(`${m('checkWith', lang)}: chanrisk check ${out}\n\n`);
  const run: CheckRun = {
    tool: { name: 'chanrisk', version: packageInfo().version },
    date,
    lang,
    failOn: 'high',
    policy,
    assessments: [assessment],
    results: [evaluateAssessment(policy, assessment, { date })],
  };
  for (const chunk of formatText(run)) io.out(chunk);
  return code;
}
