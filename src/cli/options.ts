import { LANGS, type Lang } from '../policy/schema.js';
import { InputError } from '../util/errors.js';
import { didYouMean } from '../util/did-you-mean.js';

/** The system locale decides the default language: German where LANG or LC_ALL says so. */
export function defaultLang(env: NodeJS.ProcessEnv = process.env): Lang {
  const locale = env.LC_ALL || env.LC_MESSAGES || env.LANG || '';
  return locale.toLowerCase().startsWith('de') ? 'de' : 'en';
}

/** The language a usage error is reported in: the command line's, whichever option is checked first. */
const usageLang = (): Lang => langFromArgv(process.argv.slice(2));

export function parseChoice<T extends string>(flag: string, value: string, allowed: readonly T[], lang: Lang = usageLang()): T {
  if ((allowed as readonly string[]).includes(value)) return value as T;
  const suggestion = didYouMean(value, allowed);
  const choices = allowed.join(', ');
  if (lang === 'de') throw new InputError(`${flag}: „${value}“ ist keiner der Werte ${choices}`, undefined, suggestion ? `meinten Sie „${suggestion}“?` : undefined);
  throw new InputError(`${flag}: "${value}" is not one of ${choices}`, undefined, suggestion ? `did you mean "${suggestion}"?` : undefined);
}

/**
 * The language of help and usage errors, known before commander parses: `--lang de` / `--lang=de` on the command
 * line, else the locale. A wrong value is left for the option's own check to report.
 */
export function langFromArgv(argv: readonly string[], env: NodeJS.ProcessEnv = process.env): Lang {
  const at = argv.findIndex((a) => a === '--lang' || a.startsWith('--lang='));
  const value = at < 0 ? undefined : argv[at]?.startsWith('--lang=') ? argv[at]?.slice('--lang='.length) : argv[at + 1];
  return value === 'de' || value === 'en' ? value : defaultLang(env);
}

export const parseLang = (value: string | undefined): Lang => (value === undefined ? defaultLang() : parseChoice('--lang', value, LANGS));

/** --date or today (local calendar day): the only place the clock is read. */
export function parseDate(value: string | undefined, now: Date = new Date(), lang: Lang = usageLang()): string {
  if (value === undefined) {
    const pad = (n: number) => String(n).padStart(2, '0');
    return `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}`;
  }
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  const date = match ? new Date(Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3]))) : undefined;
  if (!date || date.toISOString().slice(0, 10) !== value) {
    throw lang === 'de'
      ? new InputError(`--date: „${value}“ ist kein gültiges Datum`, undefined, 'Format JJJJ-MM-TT, z. B. 2026-11-27')
      : new InputError(`--date: "${value}" is not a valid date`, undefined, 'use YYYY-MM-DD, e.g. 2026-11-27');
  }
  return value;
}
