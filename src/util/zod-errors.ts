import type * as z from 'zod/mini';
import { didYouMean } from './did-you-mean.js';
import { InputError } from './errors.js';
import type { PathSegment, YamlSource } from './yaml-file.js';

type Issue = z.core.$ZodIssue;
type AnySchema = z.core.$ZodType;

/** Validates YAML data with a zod schema; problems become located InputErrors with allowed values and suggestions. */
export function validateWithSchema<T>(schema: z.ZodMiniType<T>, source: YamlSource, data: unknown = source.data, base: PathSegment[] = []): { value?: T; errors: InputError[] } {
  const result = schema.safeParse(data);
  if (result.success) return { value: result.data, errors: [] };
  return { errors: result.error.issues.map((issue) => issueToError(issue, schema, source, base)) };
}

function issueToError(issue: Issue, schema: AnySchema, source: YamlSource, base: PathSegment[]): InputError {
  const path = [...base, ...(issue.path as PathSegment[])];
  if (issue.code === 'invalid_union') {
    // A "value or unknown" union: report the branch that got furthest (e.g. a misspelt item of a list).
    const deepest = issue.errors.map((branch) => branch[0]).filter((i) => i !== undefined).sort((a, b) => b.path.length - a.path.length)[0];
    if (deepest && deepest.path.length > 0) return issueToError(deepest, schema, source, path);
    return new InputError(`${path.join('.') || 'the file'}: ${issue.message}, got ${describe(valueAt(source.data, path))}`, source.locate(path));
  }
  const where = path.length ? path.join('.') : 'the file';
  if (issue.code === 'unrecognized_keys') {
    const key = issue.keys[0] ?? '';
    const allowed = allowedKeysAt(schema, issue.path as PathSegment[]);
    const suggestion = didYouMean(key, allowed);
    return new InputError(
      `unknown key "${key}" in ${where}`,
      source.locateKey(path, key),
      suggestion ? `did you mean "${suggestion}"?` : allowed.length ? `allowed keys: ${allowed.join(', ')}` : undefined,
    );
  }
  if (issue.code === 'invalid_value') {
    const allowed = issue.values.map(String);
    const given = valueAt(source.data, path);
    const suggestion = typeof given === 'string' ? didYouMean(given, allowed) : undefined;
    return new InputError(
      // A map or list is described, never stringified: a map with a "toString" key would throw.
      `${where}: ${given === undefined ? 'missing' : `${typeof given === 'object' && given !== null ? describe(given) : `"${String(given)}"`} is not allowed`}`,
      source.locate(path),
      suggestion ? `did you mean "${suggestion}"? allowed: ${allowed.join(', ')}` : `allowed: ${allowed.join(', ')}`,
    );
  }
  if (issue.code === 'invalid_type' && valueAt(source.data, path) === undefined) {
    return new InputError(`${where}: required ${issue.expected} is missing`, source.locate(path));
  }
  if (issue.code === 'invalid_type') {
    return new InputError(`${where}: expected ${issue.expected}, got ${describe(valueAt(source.data, path))}`, source.locate(path));
  }
  return new InputError(`${where}: ${issue.message}`, source.locate(path));
}

function valueAt(data: unknown, path: readonly PathSegment[]): unknown {
  let current = data;
  for (const segment of path) {
    if (current === null || typeof current !== 'object') return undefined;
    if (!Object.hasOwn(current, segment)) return undefined;
    current = (current as Record<PathSegment, unknown>)[segment];
  }
  return current;
}

function describe(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'object') return 'a map';
  return `${typeof value} ${JSON.stringify(value)}`;
}

/** The keys a map at `path` may have, read from the schema itself so suggestions never drift from it. */
function allowedKeysAt(schema: AnySchema, path: readonly PathSegment[]): string[] {
  let candidates: AnySchema[] = [schema];
  for (const segment of path) {
    candidates = candidates.flatMap((s) => unwrap(s)).flatMap((s) => {
      const def = s._zod.def as unknown as Record<string, unknown>;
      if (def.type === 'object') {
        const shape = def.shape as Record<string, AnySchema>;
        return typeof segment === 'string' && shape[segment] ? [shape[segment]] : [];
      }
      if (def.type === 'array') return [def.element as AnySchema];
      if (def.type === 'record') return [def.valueType as AnySchema];
      return [];
    });
  }
  const keys = candidates
    .flatMap((s) => unwrap(s))
    .flatMap((s) => ((s._zod.def as unknown as Record<string, unknown>).type === 'object' ? Object.keys((s._zod.def as unknown as { shape: object }).shape) : []));
  return [...new Set(keys)];
}

function unwrap(schema: AnySchema): AnySchema[] {
  const def = schema._zod.def as unknown as Record<string, unknown>;
  if (def.type === 'optional' || def.type === 'nullable' || def.type === 'default') return unwrap(def.innerType as AnySchema);
  if (def.type === 'union') return (def.options as AnySchema[]).flatMap(unwrap);
  if (def.type === 'pipe') return unwrap(def.in as AnySchema);
  return [schema];
}
