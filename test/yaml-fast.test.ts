import { spawnSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { parseYaml, parseYamlFull } from '../src/util/yaml-file.js';
import { parseYamlFast } from '../src/util/yaml-fast.js';
import { ROOT, tempDir } from './helpers.js';
import { fastAgreesWithFull } from './yaml-agreement.js';

const FILE = 'fast.yaml';

describe('the fast YAML path', () => {
  describe('resolves plain scalars as yaml 1.2 core does', () => {
    const cases: [string, unknown][] = [
      ['0b101', '0b101'], ['0o17', 15], ['0o8', '0o8'], ['0x1F', 31], ['0X1F', '0X1F'], ['-0x1F', '-0x1F'], ['017', 17], ['+12', 12],
      ['-0', -0], ['1_000', '1_000'], ['.inf', Infinity], ['-.Inf', -Infinity], ['+.INF', Infinity], ['.NaN', NaN], ['-.nan', '-.nan'],
      ['~', null], ['null', null], ['Null', null], ['NULL', null], ['nULL', 'nULL'], ['true', true], ['True', true], ['TRUE', true],
      ['tRUE', 'tRUE'], ['False', false], ['yes', 'yes'], ['no', 'no'], ['on', 'on'], ['off', 'off'], ['y', 'y'], ['12:30', '12:30'],
      ['2026-11-27', '2026-11-27'], ['2026-11-27T10:00:00Z', '2026-11-27T10:00:00Z'], ['1e3', 1000], ['1.e3', 1000], ['1E-3', 0.001],
      ['1.', 1], ['.5', 0.5], ['+.5', 0.5], ['1.50', 1.5], ['123456789012345678901', 123456789012345678901], ['=', '='], ['<', '<'],
    ];
    it.each(cases)('%s', (text, expected) => {
      const fast = parseYamlFast(`v: ${text}\n`, FILE);
      expect(fast?.data).toEqual({ v: expected });
      expect(Object.is((fast?.data as { v: unknown }).v, expected)).toBe(true);
      expect(parseYamlFull(`v: ${text}\n`, FILE).data).toEqual(fast?.data);
    });
  });

  describe('declines what it does not take (the yaml path then parses or rejects it as before)', () => {
    const cases: [string, string][] = [
      ['an anchor and an alias', 'a: &x 1\nb: *x\n'],
      ['an anchor on an empty value', 'a: &x\nb: 1\n'],
      ['an alias bomb', 'a: &a [x, x]\nb: &b [*a, *a]\nc: [*b, *b]\n'],
      ['a tag', 'a: !!str 1\n'],
      ['a local tag', 'a: !thing x\n'],
      ['a directive', '%YAML 1.1\n---\na: yes\n'],
      ['a document start marker', '---\na: 1\n'],
      ['a document end marker', 'a: 1\n...\n'],
      ['two documents', 'a: 1\n---\nb: 2\n'],
      ['an explicit key', '? a\n: 1\n'],
      ['an explicit key in a flow map', 'a: {? b: 1}\n'],
      ['a merge key', 'base: {a: 1}\nmerged:\n  <<: {b: 2}\n'],
      ['a quoted merge key', '"<<": 1\n'],
      ['a duplicate key', 'a: 1\na: 2\n'],
      ['__proto__', 'a:\n  __proto__: {polluted: true}\n'],
      ['constructor', 'constructor: 1\n'],
      ['prototype', 'a: [{prototype: 1}]\n'],
      ['a list as a key', '[a, b]: 1\n'],
      ['a map as a key', '{a: 1}: 2\n'],
      ['a number as a key', '1: a\n'],
      ['a null as a key', '~: a\n'],
      ['a boolean as a key', 'true: a\n'],
      ['an integer-like quoted key', '"2": a\n"1": b\n'],
      ['nesting deeper than 64', `${'- '.repeat(70)}x\n`.replace(/^/, 'a:\n')],
      ['deep flow nesting', `a: ${'['.repeat(70)}${']'.repeat(70)}\n`],
      ['an empty document', ''],
      ['a comment only', '# nothing\n'],
      ['a list at the root', '- a\n- b\n'],
      ['a scalar at the root', 'hello\n'],
      ['a literal block scalar', 'a: |\n  line\n'],
      ['a folded block scalar', 'a: >-\n  line\n'],
      ['a multi-line plain scalar', 'a: one\n  two\n'],
      ['a multi-line quoted scalar', 'a: "one\n  two"\n'],
      ['a multi-line flow list', 'a: [x,\n  y]\n'],
      ['a comment in a flow map', 'a: {b: 1} # c\nd: {e: "#"}\n'],
      ['a comment right after a quote', 'a: "x"#c\n'],
      ['a tab', 'a:\t1\n'],
      ['a lone CR', 'a: 1\rb: 2\n'],
      ['a byte order mark', '\ufeffa: 1\n'],
      ['a control character', 'a: x\u0007y\n'],
      ['a Unicode line separator', 'a: x\u2028y\n'],
      ['an empty list entry', 'a:\n  -\n  - x\n'],
      ['a flow map entry without value', 'a: {b}\n'],
      ['a pair in a flow list', 'a: [b: 1]\n'],
      ['an unknown escape', 'a: "\\q"\n'],
      ['bad indentation', 'a:\n    b: 1\n  c: 2\n'],
      ['a key over 1000 characters', `${'k'.repeat(1030)}: 1\n`],
      ['an empty value at the end without a newline', 'a: 1\nb:'],
    ];
    it.each(cases)('%s', (_name, text) => {
      expect(parseYamlFast(text, FILE)).toBeUndefined();
      let full: unknown;
      try {
        full = parseYamlFull(text, FILE).data;
      } catch (error) {
        expect(() => parseYaml(text, FILE)).toThrow((error as Error).message);
        return;
      }
      expect(parseYaml(text, FILE).data).toEqual(full);
    });
  });

  describe('takes ordinary configs, with the same data and locations as the yaml path', () => {
    const takes: [string, string][] = [
      ['comments everywhere', '# head\na: 1 # c\n#d\n  #e\nb:  # f\n  - x # g\n  # h\n  - y\n'],
      ['a comment before a nested map', 'a:\n  # c\n  b: 1\n'],
      ['empty values', 'a:\nb:   \nc: # note\nd: 1\n'],
      ['a list at the key indentation', 'a:\n- x\n- y\nb: 1\n'],
      ['nested and compact lists', 'a:\n- - x\n  - y\n- z\nb:\n  - c: 1\n    d: 2\n  - e\n'],
      ['a value on the next line', 'a:\n  x\nb:\n  "y"\nc:\n  [z]\nd:\n  {e: 1}\n'],
      ['flow collections', 'a: [x, {b: [1, 2]}, "q"]\nc: {d: e, f: []}\ng: [ ]\nh: {}\n'],
      ['quoted keys and strings', '"a b": 1\n\'c\': "d\\te\\u00e9"\ne: \'it\'\'s\'\n"": x\n'],
      ['unicode', 'ä: ü€😀\nname: Physio am Park\n'],
      ['CRLF line ends', 'a: 1\r\nb:\r\n  - x # c\r\n  - "y"\r\n'],
      ['an indented root', '  a: 1\n  b:\n    c: 2\n'],
      ['spaces before a colon and trailing spaces', 'a   : 1   \nb :\n   \nc: x\n'],
      ['plain text with punctuation', 'a: x?\nb: b#c\nc: x]\nd: x,y\ne: -1\nf: "? x"\ng: a & b\n'],
    ];
    it.each(takes)('%s', (_name, text) => {
      expect(fastAgreesWithFull(text)).toBe('same');
    });
  });

  describe('agrees with the yaml path on every value and key location of real configs', () => {
    let benchDir: string;
    beforeAll(() => {
      // The benchmark's own 1,000 generated configs (bench/generate.mjs, fixed seed).
      benchDir = tempDir('chanrisk-yaml-fast-');
      const script = `import('./bench/generate.mjs').then((m) => m.writeConfigs(${JSON.stringify(benchDir)}, 1000, { rulesDir: 'rules' }))`;
      const run = spawnSync(process.execPath, ['-e', script], { cwd: ROOT, encoding: 'utf8' });
      expect(run.status, run.stderr).toBe(0);
    });

    it('the examples', () => {
      const dir = join(ROOT, 'examples');
      for (const name of readdirSync(dir).filter((n) => n.endsWith('.yaml'))) expect(fastAgreesWithFull(readFileSync(join(dir, name), 'utf8')), name).toBe('same');
    });

    it('the 1,000 benchmark configs', () => {
      const names = readdirSync(benchDir);
      expect(names).toHaveLength(1000);
      for (const name of names) expect(fastAgreesWithFull(readFileSync(join(benchDir, name), 'utf8')), name).toBe('same');
    }, 60_000);
  });
});
