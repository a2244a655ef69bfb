import { describe, expect, it } from 'vitest';
import { data, property } from '../src/format/github.js';

// The escaping GitHub's runner undoes (@actions/core toCommandValue/escapeData/escapeProperty).
describe('GitHub workflow command escaping', () => {
  it('escapes %, CR and LF in messages, and leaves ":" and "," alone there', () => {
    expect(data('100% sure\r\nnext: a, b')).toBe('100%25 sure%0D%0Anext: a, b');
  });

  it('also escapes ":" and "," in properties, which would otherwise end a property', () => {
    expect(property('C:\\x,y%\n')).toBe('C%3A\\x%2Cy%25%0A');
  });

  it('escapes "%" first, so an escape sequence already in the text survives the round trip', () => {
    expect(data('%0A')).toBe('%250A');
  });
});
