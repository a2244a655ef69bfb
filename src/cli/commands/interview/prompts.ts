import { input, search, Separator } from '@inquirer/prompts';
import chalk from 'chalk';
import { DONT_KNOW } from '../../../engine/facts.js';
import type { Lang, Option, Question } from '../../../policy/model.js';
import { allowsDontKnow } from './flow.js';
import { choicePrompt, linePrompt, type Choice, type KeyWords } from './keyed-prompts.js';
import { formatNumber, parseNumber } from './numbers.js';
import { m, type InterviewMessage } from './messages.js';

/** The inquirer calls of the interview: one function per kind of prompt. Help is shown on request by re-asking. */

/** The option value the questionnaire gives "none of these" in a multi-select. */
const NONE = 'none';
export const CONFIRM = '\u0000confirm';
export const ADD_CHANNEL = '\u0000add';

export interface PromptEnv {
  lang: Lang;
  signal: AbortSignal;
  /** Whether there is a question before this one to go back to. */
  canBack: boolean;
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

/** The key line under a prompt: the keys it takes, in the interview's language. */
function keyWords(lang: Lang, kind: 'single' | 'multi' | 'line', canBack: boolean, extra: string[] = []): KeyWords {
  const keys = [
    ...(kind === 'line' ? [] : [`↑↓ ${m('navigate', lang)}`]),
    ...(kind === 'multi' ? [`${m('space', lang)} ${m('select', lang)}`] : []),
    `⏎ ${m('submit', lang)}`,
    ...extra,
    `? ${m('keyExplain', lang)}`,
    ...(canBack ? [`< ${m('keyBack', lang)}`] : []),
    `! ${m('keyNote', lang)}`,
  ];
  return { keys: keys.join(' • '), noteMarked: m('noteMarked', lang), helpShort: m('helpShort', lang), back: m('wentBack', lang) };
}

const dontKnowChoice = (lang: Lang): Choice => ({ value: DONT_KNOW, name: m('dontKnow', lang) });
const optionChoice = (option: Option, lang: Lang): Choice => ({ value: option.value, name: option.label[lang], ...(option.help && { description: option.help[lang] }) });

/** What the consultant did at a question: answered it (and wants to add a note, or not), or went back. */
export type Asked = { kind: 'answer'; value: unknown; note: boolean } | { kind: 'back' };

/** Asks one questionnaire question; the answer in config form (DONT_KNOW for "don't know"). `?` re-asks with help. */
export async function askQuestion(question: Question, options: Option[], current: unknown, label: string, env: PromptEnv): Promise<Asked> {
  let showHelp = false;
  let active: unknown;
  let selected = current;
  let note = false;
  for (;;) {
    const outcome = await askOnce(question, options, selected, active, note, message(label, question, env, showHelp), env);
    if (outcome.kind !== 'help') return outcome;
    // Back with the explanation, the cursor and every tick where they were.
    showHelp = true;
    note = outcome.note;
    active = outcome.active;
    if (question.type === 'multi') selected = outcome.checked;
  }
}

type Once = Asked | { kind: 'help'; active: unknown; checked: unknown[]; note: boolean };

async function askOnce(question: Question, options: Option[], current: unknown, active: unknown, note: boolean, text: string, env: PromptEnv): Promise<Once> {
  const { lang, canBack } = env;
  const dontKnow = allowsDontKnow(question) ? [new Separator(), dontKnowChoice(lang)] : [];
  const label = (value: unknown) => [...options.map((o) => optionChoice(o, lang)), dontKnowChoice(lang)].find((c) => c.value === value)?.name ?? String(value);
  switch (question.type) {
    case 'single':
    case 'boolean': {
      const choices: (Choice | Separator)[] =
        question.type === 'boolean'
          ? [{ value: true, name: m('yes', lang) }, { value: false, name: m('no', lang) }, ...dontKnow]
          : [...options.map((o) => optionChoice(o, lang)), ...dontKnow];
      const names = (values: unknown[]) => (question.type === 'boolean' && typeof values[0] === 'boolean' ? m(values[0] ? 'yes' : 'no', lang) : label(values[0]));
      const outcome = await choicePrompt(
        { message: text, choices, multiple: false, active, checked: current === undefined ? [] : [current], validate: () => undefined, summary: names, note, canBack, words: keyWords(lang, 'single', canBack), pageSize: 14 },
        context(env),
      );
      return outcome.kind === 'answer' ? { kind: 'answer', value: outcome.value[0], note: outcome.note } : outcome;
    }
    case 'multi': {
      const checked = Array.isArray(current) ? current : current === DONT_KNOW ? [DONT_KNOW] : [];
      const outcome = await choicePrompt(
        {
          message: text,
          choices: [...options.map((o) => optionChoice(o, lang)), ...dontKnow],
          multiple: true,
          active,
          checked,
          validate: (values) => selectionProblem(question, options, values, lang),
          summary: (values) => values.map(label).join(', ') || '—',
          note,
          canBack,
          words: keyWords(lang, 'multi', canBack),
          pageSize: 14,
        },
        context(env),
      );
      if (outcome.kind !== 'answer') return outcome;
      // In the questionnaire's order, whatever order the ticks came in.
      const values = outcome.value.includes(DONT_KNOW) ? DONT_KNOW : options.map((o) => o.value).filter((v) => outcome.value.includes(v));
      return { kind: 'answer', value: values, note: outcome.note };
    }
    case 'number': {
      const canDontKnow = allowsDontKnow(question);
      const outcome = await linePrompt(
        {
          message: text,
          ...(current !== undefined && { default: current === DONT_KNOW ? '-' : typeof current === 'number' ? formatNumber(current, lang) : String(current) }),
          validate: (value) => numberProblem(value, question, canDontKnow, lang),
          summary: (value) => (value === '-' ? m('dontKnow', lang) : `${formatNumber(readNumber(value, lang), lang)}${question.unit ? ` ${question.unit[lang]}` : ''}`),
          hint: m('numberHint', lang),
          note,
          canBack,
          canHelp: true,
          words: keyWords(lang, 'line', canBack, canDontKnow ? [`- ${m('dontKnow', lang)}`] : []),
        },
        context(env),
      );
      if (outcome.kind !== 'answer') return outcome;
      return { kind: 'answer', value: outcome.value === '-' ? DONT_KNOW : readNumber(outcome.value, lang), note: outcome.note };
    }
    case 'text': {
      const outcome = await linePrompt(
        {
          message: text,
          ...(typeof current === 'string' && { default: current }),
          validate: (value) => (value.length > 2000 ? m('tooLong', lang) : undefined),
          summary: (value) => value,
          note,
          canBack,
          canHelp: true,
          words: keyWords(lang, 'line', canBack),
        },
        context(env),
      );
      return outcome;
    }
  }
}

/** "None of these" stands alone, "don't know" too; where "none" is offered, an empty selection says nothing. */
function selectionProblem(question: Question, options: Option[], values: unknown[], lang: Lang): string | undefined {
  if (values.includes(DONT_KNOW) && values.length > 1) return m('dontKnowAlone', lang);
  const none = options.find((o) => o.value === NONE);
  if (!none) return undefined;
  if (values.includes(NONE) && values.length > 1) return m('noneAlone', lang, { none: none.label[lang] });
  if (!values.length) return m('noneOrOne', lang, { none: none.label[lang] });
  return undefined;
}

function readNumber(value: string, lang: Lang): number {
  const read = parseNumber(value, lang);
  return read.ok ? read.value : Number.NaN;
}

/** Why an entry is no valid answer to a number question: every number the questionnaire asks for is a count. */
function numberProblem(value: string, question: Question, dontKnow: boolean, lang: Lang): string | undefined {
  if (dontKnow && value === '-') return undefined;
  const read = parseNumber(value, lang);
  if (!read.ok) return read.problem === 'ambiguous' ? m('numberAmbiguous', lang, { entry: value, ...ambiguousReadings(value, lang) }) : m('notANumber', lang);
  if (!Number.isInteger(read.value)) return m('notWhole', lang);
  if (question.min !== undefined && read.value < question.min) return `${m('atLeast', lang)} ${formatNumber(question.min, lang)}.`;
  if (question.max !== undefined && read.value > question.max) return `${m('atMost', lang)} ${formatNumber(question.max, lang)}.`;
  return undefined;
}

/** The two numbers an ambiguous entry may mean, as the interview's language writes them. */
function ambiguousReadings(value: string, lang: Lang): { small: string; large: string } {
  const digits = value.replace(/[.,]/g, '');
  const large = Number(digits);
  return { small: formatNumber(large / 1000, lang), large: formatNumber(large, lang) };
}

/** A free-text header field (organisation name, channel id …): `?` shows its help, `<` goes back. */
export async function askField(label: string, prompt: string, help: string, hint: string | undefined, current: string | undefined, validate: (value: string) => string | undefined, env: PromptEnv): Promise<Asked> {
  let showHelp = false;
  for (;;) {
    const title = `${chalk.cyan(`[${label}]`)} ${prompt}`;
    const outcome = await linePrompt(
      {
        message: showHelp ? `${title}\n  ${chalk.italic(help)}\n ` : title,
        ...(current && { default: current }),
        validate,
        summary: (value) => value || m('empty', env.lang),
        ...(hint && { hint }),
        note: false,
        canBack: env.canBack,
        canHelp: true,
        words: { ...keyWords(env.lang, 'line', env.canBack), keys: [`⏎ ${m('submit', env.lang)}`, `? ${m('keyExplain', env.lang)}`, ...(env.canBack ? [`< ${m('keyBack', env.lang)}`] : [])].join(' • ') },
      },
      context(env),
    );
    if (outcome.kind === 'help') showHelp = true;
    else return outcome.kind === 'back' ? outcome : { kind: 'answer', value: outcome.value, note: false };
  }
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

/** A yes/no choice with the interview's keys (`<` back, `?` the explanation given beside it). */
async function askYesNo(text: string, help: string, yesFirst: boolean, env: PromptEnv): Promise<Asked> {
  let showHelp = false;
  for (;;) {
    const choices = [{ value: true, name: m('yes', env.lang) }, { value: false, name: m('no', env.lang) }];
    const outcome = await choicePrompt(
      {
        message: showHelp ? `${text}\n  ${chalk.italic(help)}\n ` : text,
        choices: yesFirst ? choices : choices.reverse(),
        multiple: false,
        checked: [],
        validate: () => undefined,
        summary: (values) => m(values[0] ? 'yes' : 'no', env.lang),
        note: false,
        canBack: env.canBack,
        words: { ...keyWords(env.lang, 'single', env.canBack), keys: [`↑↓ ${m('navigate', env.lang)}`, `⏎ ${m('submit', env.lang)}`, `? ${m('keyExplain', env.lang)}`, ...(env.canBack ? [`< ${m('keyBack', env.lang)}`] : [])].join(' • ') },
        pageSize: 4,
      },
      context(env),
    );
    if (outcome.kind === 'help') showHelp = true;
    else return outcome.kind === 'back' ? outcome : { kind: 'answer', value: outcome.value[0], note: false };
  }
}

export const askMoreChannels = (env: PromptEnv): Promise<Asked> => askYesNo(m('moreChannels', env.lang), m('moreHelp', env.lang), false, env);

/** One question for a block of answers a later channel may take over: the earlier answers are listed beside it. */
export const askSame = (label: string, question: string, answers: string[], env: PromptEnv): Promise<Asked> =>
  askYesNo(`${chalk.cyan(`[${label}]`)} ${question}\n${answers.map((a) => `  · ${a}`).join('\n')}\n `, m('sameHelp', env.lang), true, env);

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
