import chalk from 'chalk';
import { existsSync, mkdirSync, rmSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { parseConfig } from '../../../config/load.js';
import { evaluateAssessment } from '../../../engine/evaluate.js';
import { DONT_KNOW } from '../../../engine/facts.js';
import { rankActions } from '../../../engine/whatif.js';
import type { Lang, Policy, Question } from '../../../policy/model.js';
import { loadPolicyStrict } from '../../../policy/load.js';
import { slug } from '../../../report/escape.js';
import { writeFileAtomic } from '../../../util/atomic-write.js';
import { InputError, isInputProblem } from '../../../util/errors.js';
import { EXIT, type Io } from '../../io.js';
import { parseDate, parseLang } from '../../options.js';
import { runReport } from '../report/index.js';
import {
  answersOf,
  applicableOptions,
  emptyDraft,
  fieldValue,
  followingStep,
  isAnswered,
  nextStep,
  notesOf,
  PLATFORM,
  previousStep,
  progressOf,
  recordAnswer,
  recordNote,
  stepsOf,
  stepsToReask,
  targetFacts,
  type AskStep,
  type Draft,
  type Step,
  type Target,
} from './flow.js';
import { EXIT_PAUSED } from './help.js';
import { m } from './messages.js';
import { formatNumber } from './numbers.js';
import { ADD_CHANNEL, askField, askMoreChannels, askNote, askQuestion, askReview, askSame, CONFIRM, type Asked, type PromptEnv, type ReviewItem } from './prompts.js';
import { interviewSummary } from './summary.js';
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
const DEFAULT_REPORT_DIR = 'reports';

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
  const missingFolder = folderProblem(out, 'outFolderMissing', lang) ?? (typeof report === 'string' ? folderProblem(report, 'reportFolderMissing', lang) : undefined);
  if (missingFolder) throw missingFolder;
  const resumeCommand = `chanrisk interview --resume ${sessionFile}`;
  io.out(`${m('welcome', lang)} ${sessionFile}\n${m('welcomeHelp', lang)}\n${m('welcomeKeys', lang)}: ${resumeCommand}\n\n`);

  const controller = new AbortController();
  const stop = () => controller.abort();
  // `on`, not `once`: while our listener is attached, inquirer's signal-exit leaves the process alive for the save.
  process.on('SIGTERM', stop);
  process.on('SIGHUP', stop);
  const promptEnv: PromptEnv = { lang, signal: controller.signal, canBack: false, echo: (text) => io.out(text) };
  const save = (position: string) => saveSession(sessionFile, draft, { out, ...(report !== undefined && { report }), lang, date, rules, position }, lang);
  try {
    // After going back, the interview walks forward again through the answers given, each one preselected.
    let revisit: AskStep | undefined;
    for (;;) {
      const step: Step = revisit ?? nextStep(ctx, draft);
      save(step.key);
      if (step.kind !== 'review') {
        const previous = previousStep(ctx, draft, step.key);
        const went = await askStep(ctx, draft, step, { ...promptEnv, canBack: previous !== undefined }, save);
        revisit = went === 'back' ? previous : revisit && followingStep(ctx, draft, step.key);
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

/** Asks one step and records the answer; 'back' when the consultant asked for the previous question instead. */
async function askStep(ctx: { policy: Policy; date: string }, draft: Draft, step: AskStep, env: PromptEnv, save: (position: string) => void): Promise<'answered' | 'back'> {
  const asked = await askOnly(ctx, draft, step, env);
  if (asked.kind === 'back') return 'back';
  recordAnswer(draft, step, asked.value);
  save(nextStep(ctx, draft).key);
  if (asked.note && step.kind === 'question' && step.question.id !== PLATFORM) {
    recordNote(draft, step, await askNote(notesOf(draft, step.target)[step.question.id], env));
    save(nextStep(ctx, draft).key);
  }
  return 'answered';
}

function askOnly(ctx: { policy: Policy; date: string }, draft: Draft, step: AskStep, env: PromptEnv): Promise<Asked> {
  const { lang } = env;
  if (step.kind === 'more') return askMoreChannels(env);
  const label = progressLabel(ctx, draft, step, lang);
  if (step.kind === 'same') {
    const answers = answersOf(draft, step.source);
    const lines = step.questions.map((q) => `${q.title[lang]} ${chalk.bold(answerLabel(q, answers[q.id], lang))}`);
    return askSame(label, m('sameAs', lang, { channel: sectionName(ctx.policy, draft, step.source, lang) }), lines, env);
  }
  if (step.kind === 'field') {
    const current = fieldValue(draft, step.target, step.field);
    const optional = (v: string) => (v.length > 200 ? m('tooLong', lang) : undefined);
    switch (step.field) {
      case 'name':
        return askField(label, m('orgName', lang), m('orgNameHelp', lang), undefined, current, (v) => (!v ? m('orgNameRequired', lang) : optional(v)), env);
      case 'assessor':
        return askField(label, m('assessor', lang), m('assessorHelp', lang), m('skipHint', lang), current, optional, env);
      case 'channelName':
        return askField(label, m('channelName', lang), m('channelNameHelp', lang), m('channelNameHint', lang), current, optional, env);
      case 'id':
        return askField(label, m('channelId', lang), m('channelIdHelp', lang), m('channelIdHint', lang), current ?? suggestedId(draft, step.target as number), (v) => channelIdProblem(draft, step.target as number, v, lang), env);
    }
  }
  const facts = targetFacts(ctx.policy, draft, step.target);
  return askQuestion(step.question, applicableOptions(step.question, facts), answersOf(draft, step.target)[step.question.id], label, env);
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
  if (!progress) return section;
  const { index, total, estimate, percent } = progress;
  return `${section} · ${m('questionOf', lang, { index: String(index), total: `${estimate ? '~' : ''}${total}`, percent: String(percent) })}`;
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
  if (typeof value === 'number') return `${formatNumber(value, lang)}${question.unit ? ` ${question.unit[lang]}` : ''}`;
  return label(value);
}

const FIELD_TITLES = { name: 'orgName', assessor: 'assessor', id: 'channelId', channelName: 'channelName' } as const;

function reviewItems(ctx: { policy: Policy; date: string }, draft: Draft, lang: Lang): ReviewItem[] {
  return stepsOf(ctx, draft)
    .filter((s): s is Exclude<AskStep, { kind: 'more' | 'same' }> => s.kind !== 'more' && s.kind !== 'same' && isAnswered(ctx, draft, s))
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
 * code, then the verdict, the top actions and the files written. A report that cannot be written (it exists) leaves
 * the config in place: exit 2.
 */
async function finish(policy: Policy, draft: Draft, dest: Destination, io: Io): Promise<number> {
  const { lang, date, out } = dest;
  const text = configText(draftToConfig({ policy, date }, draft), out, date, lang);
  const { assessment } = parseConfig(text, out, policy.questionnaire);
  writeFileAtomic(out, text, '--out');
  rmSync(dest.sessionFile, { force: true });
  let code: number = EXIT.ok;
  let report: string | undefined;
  if (dest.report !== false) {
    // The report command's default place, named here so the list of files written can show it.
    const file = dest.report ?? join(DEFAULT_REPORT_DIR, `${slug(assessment.organisation.name)}-${date}.md`);
    if (!dest.report) mkdirSync(DEFAULT_REPORT_DIR, { recursive: true });
    try {
      // Its "written" line is left out: the summary lists every file written.
      await runReport(out, { output: file, lang, date, rules: dest.rules }, { ...io, out: () => undefined });
      report = file;
    } catch (error) {
      if (!isInputProblem(error)) throw error;
      io.err(`chanrisk: ${error instanceof InputError ? error.format() : error.message}\n`);
      code = EXIT.input;
    }
  }
  const result = evaluateAssessment(policy, assessment, { date });
  const actions = rankActions(policy, assessment, result, { date });
  io.out(interviewSummary(policy, assessment, result, actions, { config: out, ...(report && { report }) }, lang));
  return code;
}

/** A folder that does not exist is found before the first question, not after the last. */
function folderProblem(file: string, message: 'outFolderMissing' | 'reportFolderMissing', lang: Lang): InputError | undefined {
  const dir = dirname(file);
  if (existsSync(dir) && statSync(dir).isDirectory()) return undefined;
  return new InputError(m(message, lang, { file, dir }), undefined, m('folderMissingHint', lang));
}
