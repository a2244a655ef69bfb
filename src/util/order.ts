/**
 * Locale-independent string order (UTF-16 code units) for ids: the same on every machine and ICU build, and free of
 * the ~15 ms the first localeCompare of a process spends setting up ICU's collator.
 */
export const byCodeUnits = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);
