import fc from 'fast-check';
import { stringify, type ToStringOptions } from 'yaml';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Assessment } from '../../src/engine/assessment.js';
import { loadPolicyStrict } from '../../src/policy/load.js';
import type { Policy } from '../../src/policy/model.js';
import { fastAgreesWithFull } from '../yaml-agreement.js';
import { assessmentArbitrary } from './arbitraries.js';
import { fcParams, propertyTimeout } from './fc-params.js';

let policy: Policy;
beforeAll(() => {
  policy = loadPolicyStrict();
});

// Scalars where YAML schemas and parsers tend to differ, written plain by hand or quoted by the serialiser.
const EDGE_SCALARS = [
  '0b101', '0o17', '0o8', '0x1F', '0X1F', '-0x1F', '017', '+12', '-0', '1_000', '.inf', '-.Inf', '+.INF', '.NaN', '.nan', '-.nan',
  '~', 'null', 'Null', 'NULL', 'nULL', 'true', 'True', 'TRUE', 'tRUE', 'yes', 'no', 'on', 'off', 'y', 'n', '12:30', '1:20:30',
  '2026-11-27', '2026-11-27T10:00:00Z', '1e3', '1E-3', '1.e3', '.5', '1.', '+.5', '-1.5e+3', '0.', '00', '0o', '0x', '1e', 'e3',
  '123456789012345678901234567890', '=', '<<', '-', '--', 'a b', ' lead', 'trail ', 'a: b', 'a:b', '- x', '#x', 'a #b', 'a#b',
  '"q"', "'s'", "it's", '[x]', '{x}', '&a', '*a', '!t', '%p', '@x', '`x', '|', '>', '?', '? x', 'ä€😀', '\\', 'x\\ny', '',
];
const scalarText = fc.oneof(fc.constantFrom(...EDGE_SCALARS), fc.string({ unit: 'grapheme', maxLength: 12 }), fc.string({ maxLength: 8 }));
const scalar = fc.oneof(
  scalarText,
  fc.integer(),
  fc.double(),
  fc.boolean(),
  fc.constant(null),
);
const key = fc.oneof(
  { weight: 4, arbitrary: fc.stringMatching(/^[a-z_][a-z0-9_-]{0,10}$/) },
  { weight: 1, arbitrary: fc.constantFrom('organisation', 'answers', 'channels', '1', '10', '__proto__', 'constructor', '<<', '~', 'true', '1.5') },
  { weight: 1, arbitrary: scalarText },
);
const value = fc.letrec((tie) => ({
  value: fc.oneof({ depthSize: 'small', withCrossShrink: true }, scalar, tie('map'), tie('list')),
  map: fc.dictionary(key, tie('value'), { maxKeys: 5 }),
  list: fc.array(tie('value'), { maxLength: 4 }),
})).value;

// How a person or a tool might write the same data.
const styles: fc.Arbitrary<ToStringOptions> = fc.record({
  collectionStyle: fc.constantFrom('any', 'block', 'flow'),
  defaultStringType: fc.constantFrom('PLAIN', 'QUOTE_DOUBLE', 'QUOTE_SINGLE'),
  defaultKeyType: fc.constantFrom(null, 'PLAIN', 'QUOTE_DOUBLE', 'QUOTE_SINGLE'),
  indent: fc.constantFrom(2, 4),
  indentSeq: fc.boolean(),
  lineWidth: fc.constantFrom(0, 20, 80),
  nullStr: fc.constantFrom('null', '~', ''),
  trueStr: fc.constantFrom('true', 'True'),
  flowCollectionPadding: fc.boolean(),
  doubleQuotedAsJSON: fc.boolean(),
});

// Edits a person might make (or get wrong): comments, blank and stray lines, indentation, YAML's punctuation.
const TOKENS = [' # note', '#x', '\n', '\n# comment\n', '\n  ', ' ', '  ', '- ', ': ', ':', '?', '? ', '&a ', '*a', '!!str ', '<<: ', '---\n', '...\n', '%YAML 1.1\n', '|\n', '>-\n', '"', "'", '[', ']', '{', '}', ',', '\t', '\r\n', '\r', '\\', 'x', 'key: value\n', 'a: 1\n', '0x1F', '~', '\ufeff', '\u2028', '\u0085', '\u00a0', '\u200b'];
const edit = fc.record({ at: fc.nat(), remove: fc.nat({ max: 3 }), insert: fc.constantFrom(...TOKENS) });
function applyEdits(text: string, edits: { at: number; remove: number; insert: string }[]): string {
  return edits.reduce((t, { at, remove, insert }) => {
    const i = at % (t.length + 1);
    return t.slice(0, i) + insert + t.slice(i + remove);
  }, text);
}

const yamlish = fc.string({
  unit: fc.oneof(fc.constantFrom(...TOKENS, 'key', 'a', '1', 'true', '-', '"', "'"), fc.string({ maxLength: 1 })),
  maxLength: 200,
});

// Lines shaped like YAML (indentation, list dashes, keys, values, comments), so that many are valid, few are plain.
const yamlLine = fc
  .tuple(
    fc.constantFrom('', ' ', '  ', '    ', '      '),
    fc.constantFrom('', '', '- ', '- - ', '-'),
    fc.constantFrom('', 'a:', 'b:', 'key:', '"q k":', "'s':", 'a :', '? a', ': b', 'a:b'),
    fc.oneof(fc.constant(''), fc.constantFrom(...EDGE_SCALARS).map((v) => ` ${v}`), fc.constantFrom(' [x, y]', ' {k: v}', ' []', ' {}', ' "d q"', " 's q'", ' x  ', ' [a, [b]]', ' {a: [1]}')),
    fc.constantFrom('', '', ' # c', '#c', '   '),
  )
  .map((parts) => parts.join(''));
const yamlLines = fc.array(yamlLine, { minLength: 1, maxLength: 12 }).map((lines) => `${lines.join('\n')}\n`);

function configText(assessment: Assessment): string {
  const config = {
    chanrisk: 1,
    organisation: { name: assessment.organisation.name, answers: assessment.organisation.answers },
    channels: assessment.channels.map((c) => ({ id: c.id, platform: c.platform, answers: c.answers })),
  };
  return stringify(config);
}

describe('the fast YAML path', () => {
  it(
    'declines or agrees with the yaml path on any YAML-ish text',
    () => {
      fc.assert(
        fc.property(fc.oneof(yamlish, yamlLines), (text) => {
          fastAgreesWithFull(text);
        }),
        fcParams(2000),
      );
    },
    propertyTimeout(2000),
  );

  it(
    'declines or agrees on any data in any style, with edits, and takes most of the unedited block-style texts',
    () => {
      let taken = 0;
      let blockPlain = 0;
      fc.assert(
        fc.property(fc.dictionary(key, value, { minKeys: 1, maxKeys: 6 }), styles, fc.array(edit, { maxLength: 3 }), (data, style, edits) => {
          const text = stringify(data, style);
          const result = fastAgreesWithFull(text);
          if (style.collectionStyle === 'block' && style.lineWidth === 0) {
            blockPlain++;
            if (result === 'same') taken++;
          }
          fastAgreesWithFull(applyEdits(text, edits));
        }),
        fcParams(1000),
      );
      // Random keys and strings often call for declining (integer-like or non-string keys, multi-line strings,
      // `? ` in text); the point is that the fast path is exercised, not only declining.
      expect(taken).toBeGreaterThan(blockPlain / 4);
    },
    propertyTimeout(1000),
  );

  it(
    'takes every generated config and agrees with the yaml path, also after edits',
    () => {
      fc.assert(
        fc.property(assessmentArbitrary(policy), fc.array(edit, { maxLength: 4 }), (assessment, edits) => {
          const text = configText(assessment);
          expect(fastAgreesWithFull(text)).toBe('same');
          fastAgreesWithFull(applyEdits(text, edits));
        }),
        fcParams(100),
      );
    },
    propertyTimeout(100),
  );

  it(
    'resolves every edge scalar as the yaml path does, as a value, a key and a list item',
    () => {
      fc.assert(
        fc.property(fc.constantFrom(...EDGE_SCALARS), fc.constantFrom('a: %s\n', '%s: a\n', 'a:\n  - %s\n', 'a: [%s, x]\n', 'a: {k: %s}\n', '%s:\n'), (text, shape) => {
          fastAgreesWithFull(shape.replace('%s', text));
        }),
        fcParams(500),
      );
    },
    propertyTimeout(500),
  );
});
