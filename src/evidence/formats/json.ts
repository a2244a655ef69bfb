import { printParseErrorCode, visit, type JSONPath } from 'jsonc-parser';
import type { Ecosystem } from '../catalogue.js';
import { ManifestError, type Dependency } from '../manifests.js';

/** A property of a JSON object with the 1-based line of its key, and its value when that is a literal. */
interface Property {
  parent: JSONPath;
  key: string;
  line: number;
  value?: unknown;
}

/** A literal value inside an array, with its line (composer.lock names, bun.lock entries). */
interface Literal {
  path: JSONPath;
  value: unknown;
  line: number;
}

/**
 * One pass of a real JSON parser over the text, keeping the properties whose parent path `wanted` accepts: lockfiles
 * have 100 000s of keys, so no tree is built. `comments` allows JSONC (bun.lock, deno.jsonc).
 */
function read(text: string, wanted: (parent: JSONPath) => boolean, comments = false): { properties: Property[]; literals: Literal[] } {
  const properties: Property[] = [];
  const literals: Literal[] = [];
  let last: Property | undefined;
  visit(
    text,
    {
      onObjectProperty: (key, _offset, _length, line, _column, path) => {
        const parent = path();
        last = wanted(parent) ? { parent, key, line: line + 1 } : undefined;
        if (last) properties.push(last);
      },
      onLiteralValue: (value, _offset, _length, line, _column, path) => {
        const at = path();
        if (last && at.length === last.parent.length + 1 && at[at.length - 1] === last.key) last.value = value;
        else if (typeof at[at.length - 1] === 'number' && wanted(at.slice(0, -1))) literals.push({ path: at, value, line: line + 1 });
      },
      onError: (error, _offset, _length, line, column) => {
        throw new ManifestError(`invalid JSON at ${line + 1}:${column + 1}: ${printParseErrorCode(error)}`);
      },
    },
    { disallowComments: !comments, allowTrailingComma: comments },
  );
  return { properties, literals };
}

const samePath = (path: JSONPath, ...expected: (string | number)[]): boolean => path.length === expected.length && path.every((p, i) => p === expected[i]);

/** "name@version" (scoped or not) → name. */
const withoutVersion = (spec: string): string => {
  const at = spec.indexOf('@', 1);
  return at > 0 ? spec.slice(0, at) : spec;
};

/** An npm alias ("npm:@whiskeysockets/baileys@^6") names the package actually installed. */
const npmTarget = (key: string, value: unknown): string => (typeof value === 'string' && value.startsWith('npm:') ? withoutVersion(value.slice(4)) : key);

const npm = (name: string, line: number): Dependency => ({ ecosystem: 'npm', name, line });
const NPM_SECTIONS = ['dependencies', 'devDependencies', 'optionalDependencies', 'peerDependencies'];

function packageJson(text: string): Dependency[] {
  const { properties } = read(text, (p) => p.length === 1 && NPM_SECTIONS.includes(String(p[0])));
  return properties.map((p) => npm(npmTarget(p.key, p.value), p.line));
}

function packageLock(text: string): Dependency[] {
  const marker = 'node_modules/';
  // v2/v3: "packages" keyed by install path, an alias carrying the real "name"; v1: nested "dependencies" by name.
  const isV1Dependencies = (p: JSONPath) => p.length % 2 === 1 && p.every((part, i) => i % 2 === 1 || part === 'dependencies');
  const { properties } = read(text, (p) => samePath(p, 'packages') || (p.length === 2 && p[0] === 'packages') || isV1Dependencies(p));
  const found: Dependency[] = [];
  const installed = new Map<string, Dependency>();
  for (const p of properties) {
    if (samePath(p.parent, 'packages') && p.key.includes(marker)) {
      const dependency = npm(p.key.slice(p.key.lastIndexOf(marker) + marker.length), p.line);
      installed.set(p.key, dependency);
      found.push(dependency);
    } else if (p.parent.length === 2 && p.key === 'name' && typeof p.value === 'string') {
      const aliased = installed.get(String(p.parent[1]));
      if (aliased) aliased.name = p.value;
    } else if (isV1Dependencies(p.parent)) found.push(npm(p.key, p.line));
  }
  return found;
}

function bunLock(text: string): Dependency[] {
  // Workspaces list what was asked for; "packages" maps an install key to ["name@version", …].
  const { properties, literals } = read(
    text,
    (p) => (p.length === 3 && p[0] === 'workspaces' && NPM_SECTIONS.includes(String(p[2]))) || (p.length === 2 && p[0] === 'packages'),
    true,
  );
  const declared = properties.filter((p) => p.parent[0] === 'workspaces').map((p) => npm(npmTarget(p.key, p.value), p.line));
  const resolved = literals.filter((l) => l.path[0] === 'packages' && l.path[2] === 0 && typeof l.value === 'string').map((l) => npm(withoutVersion(l.value as string), l.line));
  return [...declared, ...resolved];
}

/** An "npm:" specifier of Deno ("npm:grammy@^1.30/types") → the package name; "jsr:" and URL imports name no npm package. */
const denoNpmName = (spec: string): string | undefined => {
  if (!spec.startsWith('npm:')) return undefined;
  const bare = withoutVersion(spec.slice(4).replace(/^\//, ''));
  const parts = bare.split('/');
  return bare.startsWith('@') ? parts.slice(0, 2).join('/') : parts[0];
};

function denoJson(text: string): Dependency[] {
  const { properties } = read(text, (p) => samePath(p, 'imports'), true);
  return properties.flatMap((p) => {
    const name = typeof p.value === 'string' ? denoNpmName(p.value) : undefined;
    return name ? [npm(name, p.line)] : [];
  });
}

function denoLock(text: string): Dependency[] {
  // v3 nests under "packages"; v4 and v5 put "specifiers" and "npm" at the top.
  const { properties } = read(text, (p) => samePath(p, 'npm') || samePath(p, 'packages', 'npm') || samePath(p, 'specifiers') || samePath(p, 'packages', 'specifiers'));
  return properties.flatMap((p) => {
    const isSpecifier = p.parent[p.parent.length - 1] === 'specifiers';
    const name = isSpecifier ? denoNpmName(p.key) : withoutVersion(p.key);
    return name ? [npm(name, p.line)] : [];
  });
}

const keysUnder = (text: string, ecosystem: Ecosystem, sections: string[]): Dependency[] =>
  read(text, (p) => p.length === 1 && sections.includes(String(p[0]))).properties.map((p) => ({ ecosystem, name: p.key, line: p.line }));

function composerLock(text: string): Dependency[] {
  const { properties } = read(text, (p) => p.length === 2 && (p[0] === 'packages' || p[0] === 'packages-dev') && typeof p[1] === 'number');
  return properties.filter((p) => p.key === 'name' && typeof p.value === 'string').map((p) => ({ ecosystem: 'composer', name: p.value as string, line: p.line }));
}

export const parsers = {
  packageJson,
  packageLock,
  bunLock,
  denoJson,
  denoLock,
  composerJson: (text: string) => keysUnder(text, 'composer', ['require', 'require-dev']),
  composerLock,
  pipfileLock: (text: string) => keysUnder(text, 'pypi', ['default', 'develop']),
};
