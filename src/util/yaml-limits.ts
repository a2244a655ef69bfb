/** Limits every YAML input is held to, shared by the full loader and its fast path so the two never drift. */
export const MAX_DEPTH = 64;
export const FORBIDDEN_KEYS: ReadonlySet<string> = new Set(['__proto__', 'constructor', 'prototype']);
