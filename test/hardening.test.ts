import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { parseConfig } from '../src/config/load.js';
import { loadPolicyStrict } from '../src/policy/load.js';
import type { Questionnaire } from '../src/policy/model.js';
import { InputError, InputErrors } from '../src/util/errors.js';
import { parseYaml } from '../src/util/yaml-file.js';
import { ROOT } from './helpers.js';

let questionnaire: Questionnaire;
beforeAll(() => {
  questionnaire = loadPolicyStrict().questionnaire;
});

const prototypeKeys = () => Object.getOwnPropertyNames(Object.prototype).sort();

describe('prototype pollution', () => {
  const attacks = [
    '__proto__: {polluted: yes}',
    '"__proto__": {polluted: yes}',
    '{__proto__: {polluted: yes}}',
    'organisation: {name: x, answers: {__proto__: {polluted: yes}}}',
    'a: &a {polluted: yes}\n__proto__: *a',
    'base: &b {polluted: yes}\nx: {<<: *b, __proto__: *b}',
    'constructor: {prototype: {polluted: yes}}',
    '? __proto__\n: {polluted: yes}',
  ];
  it.each(attacks)('rejects %j with a location and leaves Object.prototype alone', (text) => {
    const before = prototypeKeys();
    for (const parse of [() => parseYaml(text, 'attack.yaml'), () => parseConfig(text, 'attack.yaml', questionnaire)]) {
      let thrown: unknown;
      try {
        parse();
      } catch (error) {
        thrown = error;
      }
      const errors = thrown instanceof InputErrors ? thrown.errors : thrown instanceof InputError ? [thrown] : [];
      expect(errors.length, String(thrown)).toBeGreaterThan(0);
      expect(errors[0]?.location?.file).toBe('attack.yaml');
    }
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(prototypeKeys()).toEqual(before);
  });
});

describe('no code from data', () => {
  // The lint rules that keep pack content from ever becoming code must not silently disappear from the config.
  it.each([
    ["new Function('x');", 'no-new-func'],
    ["eval('x');", 'no-eval'],
    ["globalThis.setTimeout('x()', 1);", 'no-implied-eval'],
    ["const m = require('./pack');\nexport { m };", 'no-restricted-syntax'],
    ["export const m = await import('./packs/' + name);", 'no-restricted-syntax'],
  ])('eslint with the project config fails on %s', (code, rule) => {
    const run = spawnSync(join(ROOT, 'node_modules', '.bin', 'eslint'), ['--stdin', '--stdin-filename', 'src/hardening-probe.ts', '--format', 'json'], {
      cwd: ROOT,
      input: `${code}\n`,
      encoding: 'utf8',
    });
    expect(run.status, run.stderr).toBe(1);
    const messages = (JSON.parse(run.stdout) as { messages: { ruleId: string; severity: number }[] }[])[0]?.messages ?? [];
    expect(messages.filter((m) => m.severity === 2).map((m) => m.ruleId)).toContain(rule);
  });
});
