import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { batched } from '../src/format/chunks.js';
import { StreamedArray, StreamedObject, streamJson } from '../src/format/json-stream.js';
import { fcParams } from './property/fc-params.js';

const streamed = (value: unknown): string => [...streamJson(value)].join('');
const reference = (value: unknown): string => JSON.stringify(value, null, 2);

/**
 * The value with the arrays and objects `choose` picks turned into streamed parts (a streamed array made lazily).
 * Streamed parts may only sit inside streamed parts: a plain parent is written by JSON.stringify, which cannot stream.
 */
function streamedOnlyUnderStreamed(value: unknown, choose: () => boolean): unknown {
  const pick = choose();
  if (Array.isArray(value)) {
    const items = value.map((item) => (pick ? streamedOnlyUnderStreamed(item, choose) : item));
    return pick ? new StreamedArray((function* () { yield* items; })()) : items;
  }
  if (value !== null && typeof value === 'object') {
    const entries = Object.fromEntries(Object.entries(value).map(([key, item]) => [key, pick ? streamedOnlyUnderStreamed(item, choose) : item]));
    return pick ? new StreamedObject(entries) : entries;
  }
  return value;
}

describe('streamJson', () => {
  it('writes exactly what JSON.stringify(value, null, 2) writes, for any value and any choice of streamed parts', () => {
    fc.assert(
      fc.property(fc.jsonValue(), fc.array(fc.boolean(), { minLength: 1, maxLength: 64 }), (value, choices) => {
        let i = 0;
        const choose = () => choices[i++ % choices.length] ?? false;
        expect(streamed(streamedOnlyUnderStreamed(value, choose))).toBe(reference(value));
      }),
      fcParams(500),
    );
  });

  it('leaves out what JSON.stringify leaves out, and writes empty streamed parts as [] and {}', () => {
    const plain = { a: undefined, b: () => 1, c: [undefined, 1], d: [], e: {}, f: 'ä → "x"\n' };
    const parts = new StreamedObject({ ...plain, d: new StreamedArray([]), e: new StreamedObject({}), g: new StreamedArray([undefined]) });
    expect(streamed(parts)).toBe(reference({ ...plain, g: [null] }));
    expect(streamed(new StreamedArray([new StreamedArray([new StreamedObject({ x: [1, { y: 2 }] })])]))).toBe(reference([[{ x: [1, { y: 2 }] }]]));
  });

  it('makes a streamed array\'s items only as it writes them', () => {
    const made: number[] = [];
    const items = (function* () {
      for (let i = 0; i < 3; i++) {
        made.push(i);
        yield { i };
      }
    })();
    const pieces = streamJson(new StreamedObject({ items: new StreamedArray(items) }));
    pieces.next();
    pieces.next();
    expect(made).toEqual([0]);
    expect([...pieces].length).toBeGreaterThan(3);
    expect(made).toEqual([0, 1, 2]);
  });

  it('refuses a streamed part inside a plain value rather than write it wrongly', () => {
    expect(() => streamed({ a: new StreamedArray([1]) })).toThrow(/can only sit in/);
    expect(() => streamed([new StreamedObject({})])).toThrow(/can only sit in/);
  });
});

describe('batched', () => {
  it('keeps the text and its order, joining small pieces into pieces of about the size asked', () => {
    fc.assert(
      fc.property(fc.array(fc.string({ maxLength: 40 }), { maxLength: 200 }), fc.integer({ min: 1, max: 100 }), (pieces, size) => {
        const out = [...batched(pieces, size)];
        expect(out.join('')).toBe(pieces.join(''));
        expect(out.slice(0, -1).every((piece) => piece.length >= size)).toBe(true);
      }),
      fcParams(300),
    );
  });
});
