import {
  createPrompt,
  isBackspaceKey,
  isDownKey,
  isEnterKey,
  isSpaceKey,
  isUpKey,
  makeTheme,
  Separator,
  useKeypress,
  usePagination,
  usePrefix,
  useRef,
  useState,
  type Status,
} from '@inquirer/core';
import chalk from 'chalk';

const POINTER = '❯';
const TICKED = '◉';
const UNTICKED = '◯';
const CURSOR_HIDE = '\u001b[?25l';

/**
 * The interview's own prompts. Inquirer's select and checkbox cannot take the keys the interview promises at every
 * question: `?` explains it, `<` goes back to the previous question, `!` adds a note to the answer.
 */

/** What a prompt ended with: an answer (and whether a note should follow), or a wish for help or to go back. */
export type Outcome<T> = { kind: 'answer'; value: T; note: boolean } | { kind: 'help'; active: unknown; checked: unknown[]; note: boolean } | { kind: 'back' };

export interface Choice {
  value: unknown;
  name: string;
  description?: string;
}

export interface KeyWords {
  /** The key line under the prompt, already in the interview's language. */
  keys: string;
  /** Shown beside the prompt while a note is to follow the answer. */
  noteMarked: string;
  /** How a question left for its explanation, or for the previous one, reads in the conversation. */
  helpShort: string;
  back: string;
}

export interface ChoiceConfig {
  message: string;
  choices: (Choice | Separator)[];
  multiple: boolean;
  /** The choice the cursor starts on. */
  active?: unknown;
  /** The values ticked at the start (single: the first is the default). */
  checked: unknown[];
  /** Why a submitted selection is refused, or undefined. */
  validate: (values: unknown[]) => string | undefined;
  /** How the submitted answer reads in the conversation. */
  summary: (values: unknown[]) => string;
  note: boolean;
  canBack: boolean;
  words: KeyWords;
  pageSize: number;
}

const isChoice = (item: Choice | Separator): item is Choice => !Separator.isSeparator(item);

/** A list to pick one (Enter) or several (Space, then Enter) from. */
export const choicePrompt = createPrompt<Outcome<unknown[]>, ChoiceConfig>((config, done) => {
  const theme = makeTheme({});
  const items = config.choices;
  const start = items.findIndex((item) => isChoice(item) && item.value === (config.active ?? config.checked[0]));
  const [active, setActive] = useState(start >= 0 ? start : items.findIndex(isChoice));
  const [checked, setChecked] = useState<unknown[]>(config.checked);
  const [note, setNote] = useState(config.note);
  const [status, setStatus] = useState<Status>('idle');
  const [error, setError] = useState<string | undefined>(undefined);
  const [answer, setAnswer] = useState('');
  const typed = useRef('');
  const prefix = usePrefix({ status, theme });
  const current = items[active];
  const currentValue = current && isChoice(current) ? current.value : undefined;

  useKeypress((key, rl) => {
    if (status !== 'idle') return;
    const char = rl.line.slice(-1);
    const move = (offset: number) => {
      for (let next = active + offset; next >= 0 && next < items.length; next += offset) {
        if (isChoice(items[next] as Choice | Separator)) return setActive(next);
      }
    };
    if (isEnterKey(key)) {
      const values = config.multiple ? checked : [currentValue];
      const problem = config.validate(values);
      if (problem) return setError(problem);
      setAnswer(config.summary(values));
      setStatus('done');
      return done({ kind: 'answer', value: values, note });
    }
    if (isUpKey(key) || isDownKey(key)) {
      setError(undefined);
      return move(isUpKey(key) ? -1 : 1);
    }
    if (isSpaceKey(key) && config.multiple) {
      rl.clearLine(0);
      setError(undefined);
      return setChecked(checked.includes(currentValue) ? checked.filter((v) => v !== currentValue) : [...checked, currentValue]);
    }
    if (char === '?' || (char === '<' && config.canBack)) {
      rl.clearLine(0);
      setAnswer(char === '?' ? config.words.helpShort : config.words.back);
      setStatus('done');
      return done(char === '?' ? { kind: 'help', active: currentValue, checked, note } : { kind: 'back' });
    }
    if (char === '!') {
      rl.clearLine(0);
      return setNote(!note);
    }
    if (isBackspaceKey(key) || !char) return;
    // Typing the start of a choice jumps to it, as in inquirer's select.
    typed.current = rl.line.toLowerCase();
    const found = items.findIndex((item) => isChoice(item) && item.name.toLowerCase().startsWith(typed.current));
    if (found >= 0) setActive(found);
    if (found < 0 || rl.line.length > 20) rl.clearLine(0);
  });

  const message = chalk.bold(config.message);
  if (status === 'done') return [prefix, message, answer ? chalk.cyan(answer) : ''].filter(Boolean).join(' ');
  let description: string | undefined;
  const page = usePagination({
    items,
    active,
    pageSize: config.pageSize,
    loop: false,
    renderItem({ item, isActive }) {
      if (!isChoice(item)) return ` ${item.separator}`;
      if (isActive) description = item.description;
      const cursor = isActive ? POINTER : ' ';
      const box = config.multiple ? `${checked.includes(item.value) ? chalk.green(TICKED) : UNTICKED} ` : '';
      const line = `${cursor} ${box}${item.name}`;
      return isActive ? chalk.cyan(line) : line;
    },
  });
  return [
    [prefix, message, note ? chalk.yellow(config.words.noteMarked) : ''].filter(Boolean).join(' '),
    page,
    ' ',
    description ? chalk.cyan(description) : '',
    error ? chalk.red(`> ${error}`) : '',
    chalk.dim(config.words.keys),
  ]
    .filter(Boolean)
    .join('\n')
    .concat(CURSOR_HIDE);
});

export interface LineConfig {
  message: string;
  default?: string;
  /** Why the entry is refused, or undefined; `?` and `<` never reach it. */
  validate: (value: string) => string | undefined;
  /** How the submitted entry reads in the conversation (a number as stored, say). */
  summary: (value: string) => string;
  hint?: string;
  note: boolean;
  canBack: boolean;
  canHelp: boolean;
  words: KeyWords;
}

/** A line of text. `?` alone explains, `<` alone goes back, `!` on an empty line marks a note to follow. */
export const linePrompt = createPrompt<Outcome<string>, LineConfig>((config, done) => {
  const theme = makeTheme({});
  const [value, setValue] = useState('');
  const [fallback, setFallback] = useState(config.default ?? '');
  const [note, setNote] = useState(config.note);
  const [status, setStatus] = useState<Status>('idle');
  const [error, setError] = useState<string | undefined>(undefined);
  const [answer, setAnswer] = useState('');
  const prefix = usePrefix({ status, theme });

  useKeypress((key, rl) => {
    if (status !== 'idle') return;
    if (isEnterKey(key)) {
      const entry = (value || fallback).trim();
      if ((entry === '?' && config.canHelp) || (entry === '<' && config.canBack)) {
        setAnswer(entry === '?' ? config.words.helpShort : config.words.back);
        setStatus('done');
        return done(entry === '?' ? { kind: 'help', active: undefined, checked: [], note } : { kind: 'back' });
      }
      const problem = config.validate(entry);
      if (problem) {
        rl.write(value);
        return setError(problem);
      }
      setAnswer(config.summary(entry));
      setStatus('done');
      return done({ kind: 'answer', value: entry, note });
    }
    if (rl.line === '!') {
      rl.clearLine(0);
      return setNote(!note);
    }
    if (isBackspaceKey(key) && !value) setFallback('');
    setValue(rl.line);
    setError(undefined);
  });

  const message = chalk.bold(config.message);
  if (status === 'done') return [prefix, message, chalk.cyan(answer)].filter(Boolean).join(' ');
  const shown = value ? value : fallback ? chalk.dim(`(${fallback})`) : '';
  return [
    [prefix, message, config.hint ? chalk.dim(config.hint) : '', note ? chalk.yellow(config.words.noteMarked) : '', shown].filter(Boolean).join(' '),
    [error ? chalk.red(`> ${error}`) : '', chalk.dim(config.words.keys)].filter(Boolean).join('\n'),
  ];
});
