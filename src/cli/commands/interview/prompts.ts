import { checkbox, input, search, select, Separator } from '@inquirer/prompts';
import chalk from 'chalk';
import { DONT_KNOW } from '../../../engine/facts.js';
import type { Lang, Option, Question } from '../../../policy/model.js';
import { allowsDontKnow } from './flow.js';
import { m, type InterviewMessage } from './messages.js';

/** The inquirer calls of the interview: one function per kind of prompt. Help is shown on request by re-asking. */

const HELP = '\u0000help';
export const CONFIRM = '\u0000confirm';
export const ADD_CHANNEL = '\u0000add';

export interface PromptEnv {
  lang: Lang;
  signal: AbortSignal;
  /** Prints a line into the conversation (the command's Io). */
  echo: (text: string) => void;
}

const KEY_ACTIONS: Record<string, InterviewMessage> = { navigate: 'navigate', select: 'select', submit: 'submit', all: 'all', invert: 'invert' };

/** Inquirer's key hints in the interview's language; a hint after the message only while the prompt is open. */
const theme = (lang: Lang, hint?: string) => ({
  style: {
    message: (text: string, status: string) => (status === 'done' || !hint ? chalk.bold(text) : `${chalk.bold(text)} ${chalk.dim(hint)}`),
    keysHelpTip: (keys: [string, string][]) =>
      keys
        .map(([key, action]) => {
          const word = KEY_ACTIONS[action];
          return `${chalk.bold(key === 'space' ? m('space', lang) : key)} ${chalk.dim(word ? m(word, lang) : action)}`;
        })
        .join(chalk.dim(' • ')),
  },
});

const context = (env: PromptEnv) => ({ signal: env.signal });

function message(label: string, question: Question, env: PromptEnv, showHelp: boolean): string {
  const unit = question.unit ? ` (${question.unit[env.lang]})` : '';
  const title = `${chalk.cyan(`[${label}]`)} ${question.title[env.lang]}${unit}`;
  return showHelp ? `${title}\n  ${chalk.italic(question.help[env.lang])}\n ` : title;
}

const helpChoice = (lang: Lang) => ({ value: HELP, name: m('showHelp', lang), short: m('helpShort', lang), description: m('showHelpHint', lang) });
const dontKnowChoice = (lang: Lang) => ({ value: DONT_KNOW, name: m('dontKnow', lang) });
const optionChoice = (option: Option, lang: Lang) => ({ value: option.value, name: option.label[lang], ...(option.help && { description: option.help[lang] }) });

/** Asks one questionnaire question; returns the answer in config form (DONT_KNOW for "don't know"). */
export async function askQuestion(question: Question, options: Option[], current: unknown, label: string, env: PromptEnv): Promise<unknown> {
  let showHelp = false;
  let selected = current;
  for (;;) {
    const answer = await askOnce(question, options, selected, message(label, question, env, showHelp), env);
    if (answer.help) {
      showHelp = true;
      selected = answer.keep ?? selected;
      continue;
    }
    return answer.value;
  }
}

type Once = { help: true; keep?: unknown } | { help: false; value: unknown };

async function askOnce(question: Question, options: Option[], current: unknown, text: string, env: PromptEnv): Promise<Once> {
  const { lang } = env;
  const extra = [...(allowsDontKnow(question) ? [dontKnowChoice(lang)] : []), helpChoice(lang)];
  switch (question.type) {
    case 'single':
    case 'boolean': {
      const choices =
        question.type === 'boolean'
          ? [{ value: true as unknown, name: m('yes', lang) }, { value: false as unknown, name: m('no', lang) }]
          : options.map((o) => optionChoice(o, lang) as { value: unknown; name: string });
      const value = await select<unknown>(
        { message: text, choices: [...choices, new Separator(), ...extra], pageSize: 14, loop: false, theme: theme(lang), ...(current !== undefined && { default: current }) },
        context(env),
      );
      return value === HELP ? { help: true } : { help: false, value };
    }
    case 'multi': {
      const chosen = Array.isArray(current) ? current : current === DONT_KNOW ? [DONT_KNOW] : [];
      const values = await checkbox<string>(
        {
          message: text,
          choices: [...options.map((o) => ({ ...optionChoice(o, lang), checked: chosen.includes(o.value) })), new Separator(), ...extra.map((c) => ({ ...c, checked: chosen.includes(c.value) }))],
          pageSize: 14,
          loop: false,
          theme: theme(lang),
          validate: (items) => (items.some((i) => i.value === DONT_KNOW) && items.filter((i) => i.value !== HELP).length > 1 ? m('dontKnowAlone', lang) : true),
        },
        context(env),
      );
      if (values.includes(HELP)) return { help: true, keep: values.filter((v) => v !== HELP) };
      return { help: false, value: values.includes(DONT_KNOW) ? DONT_KNOW : values };
    }
    case 'number': {
      const dontKnow = allowsDontKnow(question);
      const raw = await input(
        {
          message: text,
          ...(current !== undefined && { default: current === DONT_KNOW ? '-' : String(current) }),
          validate: (value) => numberProblem(value.trim(), question, dontKnow, lang) ?? true,
          transformer: (value, { isFinal }) => (isFinal ? finalInput(value, lang) : value),
          theme: theme(lang, m(dontKnow ? 'numberHint' : 'numberHintNoDontKnow', lang)),
        },
        context(env),
      );
      const value = raw.trim();
      if (value === '?') return { help: true };
      return { help: false, value: value === '-' ? DONT_KNOW : Number(value) };
    }
    case 'text': {
      const raw = await input(
        {
          message: text,
          ...(typeof current === 'string' && { default: current }),
          transformer: (value, { isFinal }) => (isFinal && value.trim() === '?' ? m('helpShort', lang) : value),
          theme: theme(lang, m('textHint', lang)),
        },
        context(env),
      );
      return raw.trim() === '?' ? { help: true } : { help: false, value: raw.trim() };
    }
  }
}

/** How a submitted number input reads in the conversation: "?" and "-" in words. */
function finalInput(value: string, lang: Lang): string {
  const trimmed = value.trim();
  return trimmed === '?' ? m('helpShort', lang) : trimmed === '-' ? m('dontKnow', lang) : trimmed;
}

function numberProblem(value: string, question: Question, dontKnow: boolean, lang: Lang): string | undefined {
  if (value === '?' || (dontKnow && value === '-')) return undefined;
  const number = Number(value);
  if (value === '' || !Number.isFinite(number)) return m('notANumber', lang);
  if (question.min !== undefined && number < question.min) return `${m('atLeast', lang)} ${question.min}.`;
  if (question.max !== undefined && number > question.max) return `${m('atMost', lang)} ${question.max}.`;
  return undefined;
}

/** A free-text header field (organisation name, channel id …); `hint` shows while it is open. */
export async function askField(label: string, prompt: string, hint: string | undefined, current: string | undefined, validate: (value: string) => string | undefined, env: PromptEnv): Promise<string> {
  const raw = await input(
    { message: `${chalk.cyan(`[${label}]`)} ${prompt}`, ...(current && { default: current }), validate: (value) => validate(value.trim()) ?? true, theme: theme(env.lang, hint) },
    context(env),
  );
  return raw.trim();
}

/**
 * The optional note beside an answer: Enter keeps what is there, "-" removes it. The prompt clears itself so an
 * interview without notes stays compact; a note given is echoed under its answer.
 */
export async function askNote(current: string | undefined, env: PromptEnv): Promise<string> {
  const raw = await input(
    {
      message: `  ↳ ${m('note', env.lang)}`,
      ...(current && { default: current }),
      validate: (v) => (v.length > 2000 ? m('tooLong', env.lang) : true),
      theme: theme(env.lang, m(current ? 'noteHintRemove' : 'noteHint', env.lang)),
    },
    { ...context(env), clearPromptOnDone: true },
  );
  const note = raw.trim() === '-' ? '' : raw.trim();
  if (note) env.echo(`  ${chalk.dim(`↳ ${m('note', env.lang)}:`)} ${note}\n`);
  return note;
}

export async function askMoreChannels(env: PromptEnv): Promise<boolean> {
  const value = await select<boolean>(
    { message: `${m('moreChannels', env.lang)}\n  ${chalk.italic(m('moreHelp', env.lang))}\n `, choices: [{ value: false, name: m('no', env.lang) }, { value: true, name: m('yes', env.lang) }], theme: theme(env.lang) },
    context(env),
  );
  return value;
}

export interface ReviewItem {
  key: string;
  section: string;
  title: string;
  answer: string;
  note?: string;
}

/** The review screen: every answer; typing narrows the list. Returns a step key, CONFIRM or ADD_CHANNEL. */
export async function askReview(items: ReviewItem[], env: PromptEnv): Promise<string> {
  const { lang } = env;
  // The list is long and was only a menu: cleared once a choice is made, so the conversation stays readable.
  return search<string>(
    { message: m('reviewTitle', lang), source: (term) => reviewChoices(items, term, lang), pageSize: 16, theme: theme(lang) },
    { ...context(env), clearPromptOnDone: true },
  );
}

/** Without a search term: confirm first, then every answer by section. With one: only the answers that match. */
function reviewChoices(items: ReviewItem[], term: string | undefined, lang: Lang): ({ value: string; name: string; description?: string } | Separator)[] {
  const needle = term?.trim().toLowerCase();
  const shown = needle ? items.filter((i) => [i.section, i.title, i.answer, i.note ?? ''].join(' ').toLowerCase().includes(needle)) : items;
  const choices: ({ value: string; name: string; description?: string } | Separator)[] = needle
    ? []
    : [
        { value: CONFIRM, name: chalk.green(m('confirm', lang)) },
        { value: ADD_CHANNEL, name: m('addChannel', lang) },
      ];
  let section = '';
  for (const item of shown) {
    if (item.section !== section) {
      section = item.section;
      choices.push(new Separator(chalk.bold(`── ${section}`)));
    }
    choices.push({
      value: item.key,
      name: `${item.title}: ${chalk.bold(item.answer)}${item.note ? chalk.dim(` [${m('noteMark', lang)}]`) : ''}`,
      ...(item.note && { description: `${m('noteMark', lang)}: ${item.note}` }),
    });
  }
  return choices;
}
