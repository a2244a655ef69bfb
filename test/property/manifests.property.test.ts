import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parserFor } from '../../src/evidence/manifests.js';
import { fcParams } from './fc-params.js';

const name = fc.stringMatching(/^[a-z][a-z0-9]{0,6}(?:[-_.][a-z0-9]{1,4})?$/);
const extras = fc.option(fc.constantFrom('[standard]', '[cryptg,fast]', '[]'), { nil: '' });
const specifier = fc.option(fc.constantFrom('>=1', '==2.0.1', '~=3.1', ' ; python_version > "3.8"'), { nil: '' });
const quote = fc.constantFrom('"', "'");
const filler = fc.constantFrom('', '# a comment', '  ');

describe('pyproject.toml property: every requirement of a dependency array is found, at its own line', () => {
  it('whatever extras, specifiers, quotes, comments and blank lines surround it', async () => {
    const parse = await parserFor('pyproject.toml');
    if (!parse) throw new Error('no parser');
    await fc.assert(
      fc.property(fc.uniqueArray(fc.tuple(name, extras, specifier, quote, filler), { minLength: 1, maxLength: 12, selector: ([n]) => n.toLowerCase().replace(/[-_.]+/g, '-') }), (entries) => {
        const lines = ['[project]', 'name = "x"', 'dependencies = ['];
        const expected: [string, number][] = [];
        for (const [dependency, extra, spec, q, before] of entries) {
          if (before) lines.push(before);
          // A marker quotes its version with the other kind of quote.
          lines.push(`  ${q}${dependency}${extra}${spec.replaceAll('"', q === '"' ? "'" : '"')}${q},`);
          expected.push([dependency, lines.length]);
        }
        lines.push(']', '[tool.uv]', 'cache-keys = [{ file = "x" }]');
        expect(parse(lines.join('\n')).map((d) => [d.name, d.line])).toEqual(expected);
      }),
      fcParams(200),
    );
  });
});
