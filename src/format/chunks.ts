/** What an output format of `check` produces: the document in pieces, in order, never the whole at once. */
export type Chunks = Iterable<string>;

/**
 * Joins small pieces into pieces of about `size` characters, so writing them costs few system calls. Kept well
 * below V8's large-object size (128 KiB; a character may take two bytes), as such strings are only freed by a full
 * garbage collection and would pile up.
 */
export function* batched(chunks: Chunks, size = 16 * 1024): Generator<string> {
  let pending: string[] = [];
  let length = 0;
  for (const chunk of chunks) {
    pending.push(chunk);
    length += chunk.length;
    if (length >= size) {
      yield pending.join('');
      pending = [];
      length = 0;
    }
  }
  if (pending.length) yield pending.join('');
}
