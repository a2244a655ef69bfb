import { load, type EventType, type State } from 'js-yaml';
import type { SourceLocation } from './errors.js';
import { yamlCoreSchema } from './yaml-core-schema.js';
import { FORBIDDEN_KEYS, MAX_DEPTH } from './yaml-limits.js';
import type { PathSegment, YamlSource } from './yaml-file.js';

/** One node as js-yaml composed it, with the offsets `yaml` would give it. */
interface ComposedNode {
  /** Offset of the content; for an empty value, where `yaml` places it (after the indicator and any spaces). */
  start: number;
  /** Offset at which js-yaml finished reading the node. */
  end: number;
  /** The content began after separation space: among keys, only an explicit key (`? key`) does. */
  seeked: boolean;
  kind: 'scalar' | 'sequence' | 'mapping' | null;
  value: unknown;
  /** A mapping's keys and values alternately; a sequence's entries; nothing for a scalar. */
  children: ComposedNode[];
}

interface Frame {
  open: number;
  children: ComposedNode[];
}

type ComposeState = State & { kind: ComposedNode['kind'] };

// Thrown from inside js-yaml to stop at the first sign of input the fast path does not take.
const DECLINE = new Error('outside the fast YAML subset');

// Tabs, a CR outside CRLF, a BOM, control characters, lone surrogates and Unicode line breaks (where parsers
// disagree), and lines starting a directive or a document marker.
const UNUSUAL_TEXT =
  /[\x00-\x09\x0b\x0c\x0e-\x1f\x7f-\x9f\u2028\u2029\ufeff\ufffe\uffff]|\r(?!\n)|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]|(?:^|\n)(?:%|---|\.\.\.)/;
// Anchors, aliases, tags, block scalars and explicit keys all show in a node's first character (as do the
// reserved indicators, which are errors anyway).
const UNSUPPORTED_START = new Set(['&', '*', '!', '|', '>', '?', '%', '@', '`']);
// `yaml` (strict) rejects an implicit key whose `:` is more than 1024 characters after its start.
const MAX_KEY_SPAN = 1000;
const SPACE = 0x20;
const LF = 0x0a;
const CR = 0x0d;
const HASH = 0x23;

/**
 * Parses the plain subset of YAML configs use (block and flow maps and lists, single-line plain and quoted scalars,
 * comments) with js-yaml, which is several times faster than `yaml`, and rebuilds each node's position from js-yaml's
 * compose events. Returns exactly what the `yaml` path returns, or undefined for anything else (the caller then takes
 * the `yaml` path, which also words every error): every composed node is checked against the data js-yaml returned.
 */
export function parseYamlFast(text: string, file: string): YamlSource | undefined {
  if (UNUSUAL_TEXT.test(text)) return undefined;
  const composed = compose(text);
  if (!composed) return undefined;
  const { root, data } = composed;

  let lineStarts: number[] | undefined;
  const at = (offset: number): SourceLocation => {
    lineStarts ??= lineStartsOf(text);
    const line = lastAtOrBefore(lineStarts, offset);
    return { file, line: line + 1, column: offset - (lineStarts[line] ?? 0) + 1 };
  };
  const nodeAt = (path: readonly PathSegment[]): ComposedNode => {
    let node = root;
    for (const segment of path) {
      const next = node.kind === 'mapping' ? valueOf(node, segment) : node.kind === 'sequence' && typeof segment === 'number' ? node.children[segment] : undefined;
      if (!next) break;
      node = next;
    }
    return node;
  };

  return {
    file,
    data,
    locate: (path) => at(nodeAt(path).start),
    locateKey: (path, key) => {
      const parent = nodeAt(path);
      const keyNode = parent.kind === 'mapping' ? parent.children.find((child, i) => i % 2 === 0 && child.value === key) : undefined;
      return at((keyNode ?? parent).start);
    },
  };
}

function compose(text: string): { root: ComposedNode; data: unknown } | undefined {
  const stack: Frame[] = [];
  let root: ComposedNode | undefined;
  const listener = (event: EventType, state: State): void => {
    if (event === 'open') {
      // Declining here also keeps js-yaml's recursion shallow on deeply nested input.
      if (stack.length >= MAX_DEPTH) throw DECLINE;
      stack.push({ open: state.position, children: [] });
      return;
    }
    const node = closeNode(text, stack.pop() as Frame, state as ComposeState);
    const parent = stack[stack.length - 1];
    if (parent) parent.children.push(node);
    else root = node;
  };
  let data: unknown;
  try {
    data = load(text, {
      schema: yamlCoreSchema,
      listener,
      onWarning: () => {
        throw DECLINE;
      },
    });
  } catch {
    return undefined;
  }
  if (!root || root.kind !== 'mapping' || root.value !== data) return undefined;
  return { root, data };
}

/** Builds the node js-yaml just closed and checks it against its children; throws DECLINE on anything unexpected. */
function closeNode(text: string, frame: Frame, state: ComposeState): ComposedNode {
  const { kind, result: value, position: end } = state;
  const { children, open } = frame;
  if (kind === null) {
    // Nothing was read: an empty value. Anything between its start and where js-yaml stopped was a property.
    if (value !== null || children.length || contentStart(text, open) !== end) throw DECLINE;
    return { start: skipSpaces(text, open), end, seeked: false, kind, value, children };
  }
  const start = contentStart(text, open);
  const only = children.length === 1 ? children[0] : undefined;
  if (only && only.kind === kind && Object.is(only.value, value) && (kind === 'scalar' || (typeof value === 'object' && value !== null))) {
    // js-yaml read this node while trying it as a block mapping's first key, and kept it: the child is the node.
    if (only.start !== start) throw DECLINE;
    return only;
  }
  if (UNSUPPORTED_START.has(text.charAt(start))) throw DECLINE;
  // `yaml` (strict) wants a space before a comment; js-yaml does not after a quote or a bracket.
  if (text.charCodeAt(end) === HASH && text.charCodeAt(end - 1) !== SPACE) throw DECLINE;
  const node: ComposedNode = { start, end, seeked: start !== open, kind, value, children };
  if (kind === 'scalar') checkScalar(text, node);
  else if (kind === 'sequence') checkSequence(text, node);
  else checkMapping(text, node);
  return node;
}

function checkScalar(text: string, { start, end, value, children }: ComposedNode): void {
  if (children.length || (typeof value === 'object' && value !== null)) throw DECLINE;
  // A scalar over several lines is folded; the two parsers' folding need not agree.
  const newline = text.indexOf('\n', start);
  if (newline !== -1 && newline < end) throw DECLINE;
}

function checkSequence(text: string, node: ComposedNode): void {
  const { value, children } = node;
  if (!Array.isArray(value) || value.length !== children.length) throw DECLINE;
  for (let i = 0; i < children.length; i++) if (!Object.is(children[i]?.value, value[i])) throw DECLINE;
  checkFlow(text, node);
}

function checkMapping(text: string, node: ComposedNode): void {
  const { value, children } = node;
  if (typeof value !== 'object' || value === null || Array.isArray(value)) throw DECLINE;
  // Object.keys lists integer-like keys first: such a map no longer matches document order and is declined.
  const keys = Object.keys(value);
  if (children.length !== keys.length * 2) throw DECLINE;
  keys.forEach((key, i) => {
    const keyNode = children[2 * i] as ComposedNode;
    if (keyNode.kind !== 'scalar' || keyNode.seeked || keyNode.value !== key) throw DECLINE;
    if (FORBIDDEN_KEYS.has(key) || key === '<<') throw DECLINE;
    if (skipSpaces(text, keyNode.end) - keyNode.start > MAX_KEY_SPAN) throw DECLINE;
    if (!Object.is((value as Record<string, unknown>)[key], children[2 * i + 1]?.value)) throw DECLINE;
  });
  checkFlow(text, node);
}

/** A flow collection must sit on one line, without comments or explicit keys (or any `#` or `?` at all). */
function checkFlow(text: string, { start, end }: ComposedNode): void {
  const first = text.charAt(start);
  if (first !== '[' && first !== '{') return;
  for (let i = start; i < end; i++) {
    const ch = text.charAt(i);
    if (ch === '\n' || ch === '#' || ch === '?') throw DECLINE;
  }
}

function valueOf(mapping: ComposedNode, key: PathSegment): ComposedNode | undefined {
  const { children } = mapping;
  for (let i = 0; i < children.length; i += 2) if (children[i]?.value === key) return children[i + 1];
  return undefined;
}

function skipSpaces(text: string, offset: number): number {
  while (text.charCodeAt(offset) === SPACE) offset++;
  return offset;
}

/** Skips what js-yaml's skipSeparationSpace skips before a node: spaces, line breaks and comments. */
function contentStart(text: string, offset: number): number {
  for (;;) {
    const ch = text.charCodeAt(offset);
    if (ch === SPACE || ch === LF || ch === CR) offset++;
    else if (ch === HASH) {
      const newline = text.indexOf('\n', offset);
      if (newline === -1) return text.length;
      offset = newline;
    } else return offset;
  }
}

/** Offsets at which lines start, as `yaml`'s LineCounter records them. */
function lineStartsOf(text: string): number[] {
  const starts = [0];
  for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) starts.push(i + 1);
  return starts;
}

function lastAtOrBefore(sorted: readonly number[], value: number): number {
  let low = 0;
  let high = sorted.length - 1;
  while (low < high) {
    const mid = (low + high + 1) >> 1;
    if ((sorted[mid] ?? 0) <= value) low = mid;
    else high = mid - 1;
  }
  return low;
}
