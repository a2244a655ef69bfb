import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { formatNumber, parseNumber } from '../src/cli/commands/interview/numbers.js';

const value = (text: string, lang: 'de' | 'en') => {
  const read = parseNumber(text, lang);
  return read.ok ? read.value : read.problem;
};

describe('numbers read by the interview language', () => {
  it('reads German thousands dots and decimal commas', () => {
    expect(value('5.000', 'de')).toBe(5000);
    expect(value('1.250', 'de')).toBe(1250);
    expect(value('5000', 'de')).toBe(5000);
    expect(value('1.250.000', 'de')).toBe(1_250_000);
    expect(value('1,25', 'de')).toBe(1.25);
    expect(value('12.345,5', 'de')).toBe(12345.5);
  });

  it('reads English thousands commas and decimal points', () => {
    expect(value('5,000', 'en')).toBe(5000);
    expect(value('1,250,000', 'en')).toBe(1_250_000);
    expect(value('1.25', 'en')).toBe(1.25);
  });

  it('asks back instead of guessing where the other language reads the entry differently', () => {
    expect(value('5,000', 'de')).toBe('ambiguous');
    expect(value('5.000', 'en')).toBe('ambiguous');
    expect(value('1,250', 'de')).toBe('ambiguous');
  });

  it('rejects what is no number in the language: misplaced groups, the other language’s decimals, words', () => {
    for (const text of ['5.00', '50.00.000', '1.25', '', 'zehn', '5 000', '1e3', '0x10', '5.000,', '.5'])
      expect(value(text, 'de'), text).toBe('notANumber');
    for (const text of ['5,00', '1,25', 'ten', '1,2,3'])
      expect(value(text, 'en'), text).toBe('notANumber');
  });

  it('echoes a number as the language writes it', () => {
    expect(formatNumber(5000, 'de')).toBe('5.000');
    expect(formatNumber(1250, 'en')).toBe('1,250');
    expect(formatNumber(1.5, 'de')).toBe('1,5');
  });

  it('round trip: every whole number formatted in a language reads back as itself', () => {
    fc.assert(
      fc.property(fc.maxSafeInteger(), fc.constantFrom('de' as const, 'en' as const), (n, lang) => {
        expect(parseNumber(formatNumber(n, lang), lang)).toEqual({ ok: true, value: n });
      }),
    );
  });

  it('round trip for decimals: read back as itself, or asked back exactly when the form is ambiguous', () => {
    fc.assert(
      // Decimals as people type them: up to four places (a double's far tail is no entry anyone makes).
      fc.property(fc.integer({ min: -1e12, max: 1e12 }), fc.integer({ min: 0, max: 4 }), fc.constantFrom('de' as const, 'en' as const), (units, places, lang) => {
        const n = units / 10 ** places;
        const text = formatNumber(n, lang);
        const ambiguous = /^-?\d{1,3}[.,]\d{3}$/.test(text) && !Number.isInteger(n);
        expect(parseNumber(text, lang)).toEqual(ambiguous ? { ok: false, problem: 'ambiguous' } : { ok: true, value: Object.is(n, -0) ? 0 : n });
      }),
    );
  });
});
