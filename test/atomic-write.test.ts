import { mkdirSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { writeFileAtomic, writeFileAtomicChunks } from '../src/util/atomic-write.js';
import { InputError } from '../src/util/errors.js';
import { tempDir } from './helpers.js';

describe('writeFileAtomicChunks', () => {
  it('writes the pieces in order, multi-byte characters intact, and replaces the target as a whole', () => {
    const dir = tempDir();
    const file = join(dir, 'out.txt');
    writeFileSync(file, 'an older and much longer content that must not shine through');
    writeFileAtomicChunks(file, ['ä → ', '', 'x'.repeat(100_000), '\n'], '--output');
    expect(readFileSync(file, 'utf8')).toBe(`ä → ${'x'.repeat(100_000)}\n`);
    expect(readdirSync(dir)).toEqual(['out.txt']);
  });

  it('leaves the target untouched and no temp file when making the content fails half-way, and passes the error on', () => {
    const dir = tempDir();
    const file = join(dir, 'out.txt');
    writeFileSync(file, 'previous run');
    const failing = (function* () {
      yield 'first piece\n';
      throw new RangeError('formatter bug');
    })();
    expect(() => writeFileAtomicChunks(file, failing, '--output')).toThrow(RangeError);
    expect(readFileSync(file, 'utf8')).toBe('previous run');
    expect(readdirSync(dir)).toEqual(['out.txt']);
  });

  it('reports a target it cannot replace as an input error (exit 2), leaving nothing behind', () => {
    const dir = tempDir();
    mkdirSync(join(dir, 'taken'));
    const write = () => writeFileAtomicChunks(join(dir, 'taken'), ['text'], '--output');
    expect(write).toThrow(InputError);
    expect(write).toThrow(/--output: cannot write .*taken \(it is a directory\)/);
    expect(readdirSync(dir)).toEqual(['taken']);
  });

  it('writes a whole string the same way', () => {
    const file = join(tempDir(), 'out.txt');
    writeFileAtomic(file, 'whole', '--output');
    expect(readFileSync(file, 'utf8')).toBe('whole');
  });
});
