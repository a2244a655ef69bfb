import { isDeepStrictEqual } from 'node:util';
import type { SourceLocation } from '../src/util/errors.js';
import { parseYamlFull, type PathSegment, type YamlSource } from '../src/util/yaml-file.js';
import { parseYamlFast } from '../src/util/yaml-fast.js';

const FILE = 'agreement.yaml';

/**
 * Runs the fast path and the `yaml` path on one input. The fast path must either decline, or give deep-equal data
 * and the same location for every value and key of it (and for paths that lead nowhere). Returns which of the two
 * happened; throws, naming the first difference, when the fast path answered differently.
 */
export function fastAgreesWithFull(text: string): 'declined' | 'same' {
  const fast = parseYamlFast(text, FILE);
  let full: YamlSource;
  try {
    full = parseYamlFull(text, FILE);
  } catch (error) {
    if (fast) throw new Error(`the fast path accepted what the yaml path rejects (${error instanceof Error ? error.message : String(error)})`);
    return 'declined';
  }
  if (!fast) return 'declined';
  if (!isDeepStrictEqual(fast.data, full.data)) throw new Error(`data differs: fast ${JSON.stringify(fast.data)}, yaml ${JSON.stringify(full.data)}`);
  for (const path of probePaths(full.data)) {
    const [a, b] = [fast.locate(path), full.locate(path)];
    if (!sameLocation(a, b)) throw new Error(`locate ${JSON.stringify(path)}: fast ${a.line}:${a.column}, yaml ${b.line}:${b.column}`);
  }
  for (const { path, key } of probeKeys(full.data)) {
    const [a, b] = [fast.locateKey(path, key), full.locateKey(path, key)];
    if (!sameLocation(a, b)) throw new Error(`locateKey ${JSON.stringify(path)} "${key}": fast ${a.line}:${a.column}, yaml ${b.line}:${b.column}`);
  }
  return 'same';
}

const sameLocation = (a: SourceLocation, b: SourceLocation): boolean => a.file === b.file && a.line === b.line && a.column === b.column;

/** Every path to a value, plus paths that leave the data at each level (a missing key, an index past the end). */
export function probePaths(data: unknown): PathSegment[][] {
  const paths: PathSegment[][] = [];
  const visit = (value: unknown, path: PathSegment[]): void => {
    paths.push(path, [...path, 'no-such-key'], [...path, 0], [...path, 99]);
    if (Array.isArray(value)) value.forEach((item, i) => visit(item, [...path, i]));
    else if (value !== null && typeof value === 'object') for (const [key, item] of Object.entries(value)) visit(item, [...path, key]);
  };
  visit(data, []);
  return paths;
}

function probeKeys(data: unknown): { path: PathSegment[]; key: string }[] {
  const probes: { path: PathSegment[]; key: string }[] = [];
  const visit = (value: unknown, path: PathSegment[]): void => {
    probes.push({ path, key: 'no-such-key' });
    if (Array.isArray(value)) value.forEach((item, i) => visit(item, [...path, i]));
    else if (value !== null && typeof value === 'object') {
      for (const [key, item] of Object.entries(value)) {
        probes.push({ path, key });
        visit(item, [...path, key]);
      }
    }
  };
  visit(data, []);
  return probes;
}
