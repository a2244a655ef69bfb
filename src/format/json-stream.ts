/**
 * Parts of a JSON document written piece by piece. A StreamedArray's items are made one at a time while the document
 * is written; a StreamedObject is written key by key, so a StreamedArray may sit inside it. Everything else is a
 * plain value, written whole by JSON.stringify.
 */
export class StreamedArray {
  constructor(readonly items: Iterable<unknown>) {}
  toJSON(): never {
    throw new Error('a StreamedArray can only sit in a StreamedArray or a StreamedObject');
  }
}

export class StreamedObject {
  constructor(readonly entries: Record<string, unknown>) {}
  toJSON(): never {
    throw new Error('a StreamedObject can only sit in a StreamedArray or a StreamedObject');
  }
}

/**
 * The text `JSON.stringify(value, null, 2)` would give with each streamed part replaced by the plain array or object
 * it stands for, in pieces: one per plain value, and the punctuation between them. A large document is never held
 * whole, neither as objects nor as one string.
 */
export function* streamJson(value: unknown, depth = 0): Generator<string> {
  const indent = '  '.repeat(depth);
  if (value instanceof StreamedArray) {
    let empty = true;
    for (const item of value.items) {
      yield `${empty ? '[' : ','}\n${indent}  `;
      yield* streamJson(item, depth + 1);
      empty = false;
    }
    yield empty ? '[]' : `\n${indent}]`;
  } else if (value instanceof StreamedObject) {
    let empty = true;
    for (const [key, item] of Object.entries(value.entries)) {
      if (item === undefined || typeof item === 'function' || typeof item === 'symbol') continue; // as JSON.stringify
      yield `${empty ? '{' : ','}\n${indent}  ${JSON.stringify(key)}: `;
      yield* streamJson(item, depth + 1);
      empty = false;
    }
    yield empty ? '{}' : `\n${indent}}`;
  } else {
    yield stringifyAt(value, depth);
  }
}

/**
 * JSON.stringify(value, null, 2) as it reads `depth` levels deep: stringified inside `depth` arrays, which indents
 * it, then cut out of them (cheaper than re-indenting every line).
 */
function stringifyAt(value: unknown, depth: number): string {
  let wrapped = value;
  for (let i = 0; i < depth; i++) wrapped = [wrapped];
  const text = JSON.stringify(wrapped, null, 2) ?? 'null';
  // Each wrapper adds "[", a line break and its indent before the value, and a line break, indent and "]" after it.
  return text.slice(depth * (depth + 3), text.length - depth * (depth + 1));
}
