import { readFileSync, statSync } from 'node:fs';
import type * as YamlLibrary from 'yaml';
import type { Document, Node } from 'yaml';
import { InputError, type SourceLocation } from './errors.js';
import { parseYamlFast } from './yaml-fast.js';
import { FORBIDDEN_KEYS, MAX_DEPTH } from './yaml-limits.js';

export const MAX_INPUT_BYTES = 2 * 1024 * 1024;
const MAX_ALIASES = 100;

export type PathSegment = string | number;

/** A parsed YAML file that can say where any value in it came from. */
export interface YamlSource {
  file: string;
  data: unknown;
  /** Location of the value at `path`, or of the nearest ancestor that exists. */
  locate(path: readonly PathSegment[]): SourceLocation;
  /** Location of the key `key` in the map at `path` (for unknown keys). */
  locateKey(path: readonly PathSegment[], key: string): SourceLocation;
}

/** Reads a file with the guards every input needs: exists, regular file, bounded size, text. */
export function readTextFile(file: string, maxBytes = MAX_INPUT_BYTES): string {
  let size: number;
  try {
    const stat = statSync(file);
    if (stat.isDirectory()) throw new InputError(`${file} is a directory, not a file`, undefined, 'name a YAML file');
    if (!stat.isFile()) throw new InputError(`${file} is not a regular file`);
    size = stat.size;
  } catch (error) {
    if (error instanceof InputError) throw error;
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') throw new InputError(`${file}: no such file`);
    if (code === 'EACCES') throw new InputError(`${file}: permission denied`);
    throw new InputError(`${file}: cannot read (${code ?? 'unknown error'})`);
  }
  if (size > maxBytes) {
    throw new InputError(
      `${file} is ${formatBytes(size)}, larger than the ${formatBytes(maxBytes)} limit`,
      undefined,
      'a channel config or rule pack is a few kilobytes; is this the right file?',
    );
  }
  let buffer: Buffer;
  try {
    buffer = readFileSync(file);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new InputError(`${file}: cannot read (${code === 'EACCES' ? 'permission denied' : (code ?? 'unknown error')})`);
  }
  if (buffer.includes(0)) throw new InputError(`${file} is a binary file, not YAML`);
  return buffer.toString('utf8');
}

export function loadYamlFile(file: string): YamlSource {
  return parseYaml(readTextFile(file), file);
}

/** Parses with the fast path when the input allows it, else with `yaml`, which also locates every error. */
export function parseYaml(text: string, file: string): YamlSource {
  return parseYamlFast(text, file) ?? parseYamlFull(text, file);
}

let library: typeof YamlLibrary | undefined;

/**
 * The `yaml` package, loaded on first use: a plain config never needs it, and evaluating its modules was about 5 %
 * of a one-file check. esbuild bundles it as a module that initialises on this call.
 */
function yamlLibrary(): typeof YamlLibrary {
  // eslint-disable-next-line no-restricted-syntax, @typescript-eslint/no-require-imports -- a package, named literally, loaded late (see above)
  return (library ??= require('yaml') as typeof YamlLibrary);
}

/** The `yaml` path: takes any input, enforces every guard and words every error. */
export function parseYamlFull(text: string, file: string): YamlSource {
  const { LineCounter, isAlias, isMap, isScalar, isSeq, parseDocument } = yamlLibrary();
  const lineCounter = new LineCounter();
  const at = (offset: number): SourceLocation => {
    const { line, col } = lineCounter.linePos(offset);
    return { file, line, column: col };
  };
  let doc: Document;
  let data: unknown;
  try {
    doc = parseDocument(text, { lineCounter, uniqueKeys: true, prettyErrors: false, strict: true });
    const first = doc.errors[0];
    if (first) {
      const message = first.message.split('\n')[0] ?? first.message;
      throw new InputError(`invalid YAML: ${message.replace(/ at line \d+, column \d+:?$/, '')}`, at(first.pos[0]));
    }
    rejectDangerousKeys(doc.contents, at, 0);
    data = doc.toJS({ maxAliasCount: MAX_ALIASES });
  } catch (error) {
    if (error instanceof InputError) throw error;
    if (error instanceof RangeError) {
      throw new InputError('the YAML is nested too deeply', at(0), `at most ${MAX_DEPTH} levels`);
    }
    const message = error instanceof Error ? error.message : String(error);
    if (/alias/i.test(message)) {
      throw new InputError('the YAML expands too many aliases (possible alias bomb)', at(0), `at most ${MAX_ALIASES} alias uses`);
    }
    throw new InputError(`invalid YAML: ${message}`, at(0));
  }
  if (data === null || data === undefined) throw new InputError('the file is empty', at(0), 'see examples/ for the format');

  const nodeAt = (path: readonly PathSegment[]): Node | undefined => {
    let node = doc.contents as Node | null;
    let found: Node | undefined = node ?? undefined;
    for (const segment of path) {
      if (node && isAlias(node)) node = node.resolve(doc) ?? null;
      let next: unknown;
      if (node && isMap(node)) next = node.items.find((pair) => isScalar(pair.key) && pair.key.value === segment)?.value;
      else if (node && isSeq(node) && typeof segment === 'number') next = node.items[segment];
      if (!next || !(isScalar(next) || isMap(next) || isSeq(next) || isAlias(next))) break;
      node = next as Node;
      found = node;
    }
    return found;
  };
  const locationOf = (node: Node | undefined): SourceLocation => at(node?.range?.[0] ?? 0);

  return {
    file,
    data,
    locate: (path) => locationOf(nodeAt(path)),
    locateKey: (path, key) => {
      const parent = nodeAt(path);
      if (parent && isMap(parent)) {
        const pair = parent.items.find((p) => isScalar(p.key) && String(p.key.value) === key);
        if (pair && isScalar(pair.key)) return locationOf(pair.key);
      }
      return locationOf(parent);
    },
  };
}

function rejectDangerousKeys(node: unknown, at: (offset: number) => SourceLocation, depth: number): void {
  const { isMap, isPair, isScalar, isSeq } = yamlLibrary();
  if (depth > MAX_DEPTH) {
    const range = (node as Node | undefined)?.range;
    throw new InputError('the YAML is nested too deeply', at(range?.[0] ?? 0), `at most ${MAX_DEPTH} levels`);
  }
  if (isMap(node)) {
    for (const pair of node.items) {
      if (isPair(pair) && pair.key !== null && !isScalar(pair.key)) {
        const range = (pair.key as Node).range;
        throw new InputError('a key must be a plain word, not a list or map', at(range?.[0] ?? 0));
      }
      if (isPair(pair) && isScalar(pair.key) && FORBIDDEN_KEYS.has(String(pair.key.value))) {
        throw new InputError(`the key "${String(pair.key.value)}" is not allowed`, at(pair.key.range?.[0] ?? 0), 'rename or remove it');
      }
      rejectDangerousKeys(pair.key, at, depth + 1);
      rejectDangerousKeys(pair.value, at, depth + 1);
    }
  } else if (isSeq(node)) {
    for (const item of node.items) rejectDangerousKeys(item, at, depth + 1);
  }
}

function formatBytes(bytes: number): string {
  return bytes >= 1024 * 1024 ? `${(bytes / 1024 / 1024).toFixed(1)} MiB` : `${Math.ceil(bytes / 1024)} KiB`;
}
