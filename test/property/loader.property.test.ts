import fc from 'fast-check';
import { readFileSync } from 'node:fs';
import { parse, stringify } from 'yaml';
import { beforeAll, describe, expect, it } from 'vitest';
import { parseConfig } from '../../src/config/load.js';
import { loadPolicyStrict } from '../../src/policy/load.js';
import type { Questionnaire } from '../../src/policy/model.js';
import { InputError, InputErrors } from '../../src/util/errors.js';
import { parseYaml } from '../../src/util/yaml-file.js';
import { example } from '../helpers.js';
import { fcParams, propertyTimeout } from './fc-params.js';

const FILE = 'property.yaml';
// A small YAML input must never take long: this bounds any accidental exponential path.
const TIME_LIMIT_MS = 2_000;
let questionnaire: Questionnaire;
beforeAll(() => {
  questionnaire = loadPolicyStrict().questionnaire;
});

/** Parses, and demands the only outcomes allowed: a result, or located input errors. Anything else fails. */
function parsesOrRejects(run: () => unknown): void {
  const started = performance.now();
  try {
    run();
  } catch (error) {
    const errors = error instanceof InputErrors ? error.errors : error instanceof InputError ? [error] : undefined;
    if (!errors) throw new Error(`not an input error: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
    expect(errors.length).toBeGreaterThan(0);
    for (const e of errors) {
      expect(e.location?.file, e.format()).toBe(FILE);
      expect(e.location?.line).toBeGreaterThanOrEqual(1);
      expect(e.location?.column).toBeGreaterThanOrEqual(1);
    }
  }
  expect(performance.now() - started).toBeLessThan(TIME_LIMIT_MS);
}

// Characters that matter to YAML's grammar, so random text often gets past the first token.
const yamlish = fc.string({
  unit: fc.oneof(fc.constantFrom(...':-?[]{},&*!|>\'"%@`#\n\t  \\'.split('')), fc.constantFrom('key', 'a', '1', 'true', '<<', '~', 'null', '0x1F', '.inf'), fc.string({ maxLength: 1 })),
  maxLength: 200,
});
// Any YAML value, nested up to a few levels, including the keys objects are made of.
const yamlValue = fc.letrec((tie) => ({
  value: fc.oneof({ depthSize: 'small', withCrossShrink: true }, fc.jsonValue({ maxDepth: 2 }), tie('map'), tie('list')),
  map: fc.dictionary(fc.oneof(fc.string({ maxLength: 8 }), fc.constantFrom('organisation', 'channels', 'answers', 'name', 'id', 'platform', 'toString', 'valueOf')), tie('value'), { maxKeys: 5 }),
  list: fc.array(tie('value'), { maxLength: 4 }),
})).value;

describe('loader properties', () => {
  it(
    'turns any string into a config or located input errors, quickly',
    () => {
      fc.assert(
        fc.property(fc.oneof(fc.string({ maxLength: 300 }), yamlish, fc.string({ unit: 'binary', maxLength: 100 })), (text) => {
          parsesOrRejects(() => parseConfig(text, FILE, questionnaire));
          parsesOrRejects(() => parseYaml(text, FILE));
        }),
        fcParams(1000),
      );
    },
    propertyTimeout(1000),
  );

  it(
    'turns any YAML value at any place of a real config into a config or located input errors',
    () => {
      const base = parse(readFileSync(example('multichannel-clinic.yaml'), 'utf8')) as Record<string, unknown>;
      const paths = fc.constantFrom<(string | number)[]>(
        [],
        ['organisation'],
        ['organisation', 'name'],
        ['organisation', 'answers'],
        ['organisation', 'answers', 'employees'],
        ['channels'],
        ['channels', 0],
        ['channels', 0, 'id'],
        ['channels', 0, 'platform'],
        ['channels', 0, 'answers'],
        ['channels', 1, 'answers', 'purposes'],
        ['channels', 2, 'notes'],
      );
      fc.assert(
        fc.property(paths, yamlValue, (path, value) => {
          const config = structuredClone(base);
          let node: Record<string | number, unknown> = config;
          for (const key of path.slice(0, -1)) node = node[key] as Record<string | number, unknown>;
          if (path.length) node[path[path.length - 1] as string | number] = value;
          parsesOrRejects(() => parseConfig(stringify(path.length ? config : value), FILE, questionnaire));
        }),
        fcParams(500),
      );
    },
    propertyTimeout(500),
  );

  it(
    'bounds any nesting depth: deep lists and maps are rejected with a location, never a stack overflow',
    () => {
      fc.assert(
        fc.property(fc.integer({ min: 1, max: 3000 }), fc.constantFrom('[', '{a: ', '- ', '? '), (depth, open) => {
          const text = `${open.repeat(depth)}x`;
          parsesOrRejects(() => parseConfig(text, FILE, questionnaire));
        }),
        fcParams(50),
      );
    },
    propertyTimeout(50),
  );
});
