import type { Lang } from '../../../policy/model.js';

/**
 * Numbers as a consultant types them in the interview's language: German "5.000" and "1,5", English "5,000" and "1.5".
 * An entry that the other language reads differently ("5,000" in German, "5.000" in English) is never guessed.
 */

export type NumberReading = { ok: true; value: number } | { ok: false; problem: 'notANumber' | 'ambiguous' };

const SEPARATORS: Record<Lang, { group: string; decimal: string }> = {
  de: { group: '.', decimal: ',' },
  en: { group: ',', decimal: '.' },
};

const escape = (char: string): string => `\\${char}`;

/** Digits grouped by threes with the group mark, or plain digits; then an optional decimal part. */
function pattern(lang: Lang): RegExp {
  const { group, decimal } = SEPARATORS[lang];
  return new RegExp(`^-?(\\d{1,3}(${escape(group)}\\d{3})+|\\d+)(${escape(decimal)}\\d+)?$`);
}

/** One decimal mark followed by exactly three digits: a thousands group in the other language. */
function readsOtherwiseElsewhere(text: string, lang: Lang): boolean {
  const { decimal } = SEPARATORS[lang];
  return new RegExp(`^-?\\d{1,3}${escape(decimal)}\\d{3}$`).test(text);
}

export function parseNumber(raw: string, lang: Lang): NumberReading {
  const text = raw.trim();
  if (readsOtherwiseElsewhere(text, lang)) return { ok: false, problem: 'ambiguous' };
  if (!pattern(lang).test(text)) return { ok: false, problem: 'notANumber' };
  const { group, decimal } = SEPARATORS[lang];
  const value = Number(text.split(group).join('').replace(decimal, '.'));
  return Number.isFinite(value) ? { ok: true, value } : { ok: false, problem: 'notANumber' };
}

/** The number as the language writes it, without rounding ("5.000", "1,25"); parseNumber reads it back. */
export function formatNumber(value: number, lang: Lang): string {
  return new Intl.NumberFormat(lang === 'de' ? 'de-DE' : 'en-GB', { maximumFractionDigits: 20, useGrouping: true }).format(value);
}
