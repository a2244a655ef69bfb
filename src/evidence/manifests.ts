import { LineCounter, isMap, isScalar, parseDocument, type Node } from 'yaml';
import type { Ecosystem } from './catalogue.js';

/** One dependency named in a manifest, with the 1-based line where it stands. */
export interface Dependency {
  ecosystem: Ecosystem;
  name: string;
  line: number;
}

export type ManifestParser = (text: string) => Dependency[];

/** Which parser reads which file name; anything else is not a manifest. */
export function parserFor(fileName: string): ManifestParser | undefined {
  if (fileName === 'package.json') return packageJson;
  if (fileName === 'package-lock.json' || fileName === 'npm-shrinkwrap.json') return packageLock;
  if (fileName === 'pnpm-lock.yaml') return pnpmLock;
  if (fileName === 'yarn.lock') return yarnLock;
  if (/^requirements.*\.txt$/.test(fileName)) return requirementsTxt;
  if (fileName === 'pyproject.toml') return pyprojectToml;
  if (fileName === 'Pipfile') return pipfile;
  if (fileName === 'go.mod') return goMod;
  if (fileName === 'composer.json') return composerJson;
  if (fileName === 'Gemfile') return gemfile;
  if (fileName === 'pom.xml') return pomXml;
  if (fileName === 'build.gradle' || fileName === 'build.gradle.kts') return buildGradle;
  return undefined;
}

/** Thrown for a manifest that cannot be parsed; the scan reports it and carries on. */
export class ManifestError extends Error {}

const lines = (text: string): string[] => text.split(/\r?\n/);

function parseJson(text: string): Record<string, unknown> {
  try {
    const data: unknown = JSON.parse(text);
    if (data && typeof data === 'object' && !Array.isArray(data)) return data as Record<string, unknown>;
  } catch (error) {
    throw new ManifestError(`invalid JSON: ${(error as Error).message}`);
  }
  throw new ManifestError('expected a JSON object');
}

const keysOf = (value: unknown): string[] => (value && typeof value === 'object' && !Array.isArray(value) ? Object.keys(value) : []);

/** Where each JSON key first stands (1-based), in one pass over the text: lockfiles have 100 000s of keys. */
function keyLines(text: string): Map<string, number> {
  const found = new Map<string, number>();
  lines(text).forEach((line, i) => {
    for (const match of line.matchAll(/"((?:[^"\\]|\\.)*)"\s*:/g)) {
      if (match[1] !== undefined && !found.has(match[1])) found.set(match[1], i + 1);
    }
  });
  return found;
}

/** JSON manifests name packages as keys; the line is the first line where that key stands. */
function locateKeys(text: string, ecosystem: Ecosystem, names: Iterable<string>): Dependency[] {
  const index = keyLines(text);
  return [...new Set(names)].map((name) => ({ ecosystem, name, line: index.get(name) ?? 1 }));
}

const NPM_SECTIONS = ['dependencies', 'devDependencies', 'optionalDependencies', 'peerDependencies', 'bundleDependencies'];

function packageJson(text: string): Dependency[] {
  const data = parseJson(text);
  return locateKeys(text, 'npm', NPM_SECTIONS.flatMap((section) => keysOf(data[section])));
}

function packageLock(text: string): Dependency[] {
  const data = parseJson(text);
  const index = keyLines(text);
  // lockfile v2/v3: "packages" keyed by install path (nested installs too: "node_modules/a/node_modules/<name>").
  const marker = 'node_modules/';
  const found: Dependency[] = keysOf(data.packages)
    .filter((key) => key.includes(marker))
    .map((key) => ({ ecosystem: 'npm', name: key.slice(key.lastIndexOf(marker) + marker.length), line: index.get(key) ?? 1 }));
  // lockfile v1: nested "dependencies" by name.
  const walk = (deps: unknown) => {
    for (const name of keysOf(deps)) {
      found.push({ ecosystem: 'npm', name, line: index.get(name) ?? 1 });
      walk((deps as Record<string, { dependencies?: unknown }>)[name]?.dependencies);
    }
  };
  walk(data.dependencies);
  return found;
}

/** "name@version" or "/name@version(peer)" or "/name/version" → name, for every pnpm lockfile version. */
function pnpmName(key: string): string {
  const bare = key.replace(/^\//, '').replace(/\(.*$/, '');
  const at = bare.indexOf('@', 1);
  if (at > 0) return bare.slice(0, at);
  const parts = bare.split('/');
  return bare.startsWith('@') ? parts.slice(0, 2).join('/') : (parts[0] ?? bare);
}

function pnpmLock(text: string): Dependency[] {
  const counter = new LineCounter();
  const doc = parseDocument(text, { lineCounter: counter, uniqueKeys: false });
  if (doc.errors.length) throw new ManifestError(`invalid YAML: ${doc.errors[0]?.message.split('\n')[0] ?? ''}`);
  const found: Dependency[] = [];
  const keysWithLines = (node: unknown, name: (key: string) => string) => {
    if (!isMap(node)) return;
    for (const pair of node.items) {
      if (!isScalar(pair.key)) continue;
      const offset = (pair.key as Node).range?.[0] ?? 0;
      found.push({ ecosystem: 'npm', name: name(String(pair.key.value)), line: counter.linePos(offset).line });
    }
  };
  const root = doc.contents;
  if (!isMap(root)) return found;
  const get = (map: unknown, key: string): unknown => (isMap(map) ? map.get(key, true) : undefined);
  for (const section of ['dependencies', 'devDependencies', 'optionalDependencies']) {
    keysWithLines(get(root, section), (k) => k);
    const importers = get(root, 'importers');
    if (isMap(importers)) for (const importer of importers.items) keysWithLines(get(importer.value, section), (k) => k);
  }
  keysWithLines(get(root, 'packages'), pnpmName);
  return found;
}

function yarnLock(text: string): Dependency[] {
  const found: Dependency[] = [];
  lines(text).forEach((line, i) => {
    // Entry headers start in column 0 and end with ":", e.g. `"@scope/a@^1.0.0", "@scope/a@^1.2":` or `a@npm:^1:`.
    if (!line || /^[\s#]/.test(line) || !line.endsWith(':') || line.startsWith('__metadata')) return;
    for (const spec of line.slice(0, -1).split(/,\s*/)) {
      const unquoted = spec.trim().replace(/^"|"$/g, '');
      const at = unquoted.indexOf('@', 1);
      if (at > 0) found.push({ ecosystem: 'npm', name: unquoted.slice(0, at), line: i + 1 });
    }
  });
  return found;
}

/** The distribution name at the start of a PEP 508 requirement ("telethon[cryptg]>=1.3; python_version>'3'"). */
const PEP508_NAME = /^\s*([A-Za-z0-9](?:[A-Za-z0-9._-]*[A-Za-z0-9])?)/;

function requirementsTxt(text: string): Dependency[] {
  const found: Dependency[] = [];
  lines(text).forEach((raw, i) => {
    const line = raw.replace(/(^|\s)#.*$/, '').trim();
    if (!line || line.startsWith('-') || /^[a-z+]+:\/\//i.test(line)) return;
    const match = PEP508_NAME.exec(line.replace(/^.*#egg=/, ''));
    if (match?.[1]) found.push({ ecosystem: 'pypi', name: match[1], line: i + 1 });
  });
  return found;
}

/** Line-based TOML reading, enough for dependency tables and arrays (no TOML parser needed for that). */
function tomlDependencies(text: string, isKeyTable: (section: string) => boolean, isArrayTable: (section: string) => boolean): Dependency[] {
  const found: Dependency[] = [];
  let section = '';
  let inArray = false;
  lines(text).forEach((raw, i) => {
    const line = raw.replace(/\s#.*$/, '').trim();
    const header = /^\[\[?\s*([^\]]+?)\s*\]\]?$/.exec(line);
    if (header?.[1]) {
      section = header[1].replace(/["']/g, '');
      inArray = false;
      return;
    }
    const pushNames = (chunk: string) => {
      for (const m of chunk.matchAll(/"([^"]*)"|'([^']*)'/g)) {
        const name = PEP508_NAME.exec(m[1] ?? m[2] ?? '')?.[1];
        if (name) found.push({ ecosystem: 'pypi', name, line: i + 1 });
      }
    };
    if (inArray) {
      pushNames(line);
      if (line.includes(']')) inArray = false;
      return;
    }
    if (isArrayTable(section)) {
      const assignment = /^([A-Za-z0-9_.-]+|"[^"]+")\s*=\s*\[(.*)$/.exec(line);
      const key = assignment?.[1]?.replace(/"/g, '');
      const wanted = section === 'project' ? key === 'dependencies' : true;
      if (assignment && wanted) {
        pushNames(assignment[2] ?? '');
        inArray = !(assignment[2] ?? '').includes(']');
      }
      return;
    }
    if (isKeyTable(section)) {
      const key = /^("?)([A-Za-z0-9][A-Za-z0-9._-]*)\1\s*=/.exec(line);
      if (key?.[2] && key[2].toLowerCase() !== 'python') found.push({ ecosystem: 'pypi', name: key[2], line: i + 1 });
    }
  });
  return found;
}

function pyprojectToml(text: string): Dependency[] {
  return tomlDependencies(
    text,
    (s) => /^tool\.poetry(\.group\.[^.]+)?\.(dev-)?dependencies$/.test(s),
    (s) => s === 'project' || s === 'project.optional-dependencies' || s === 'dependency-groups' || s === 'tool.pdm.dev-dependencies' || s === 'tool.uv',
  );
}

function pipfile(text: string): Dependency[] {
  return tomlDependencies(text, (s) => s === 'packages' || s === 'dev-packages', () => false);
}

function goMod(text: string): Dependency[] {
  const found: Dependency[] = [];
  let inBlock = false;
  lines(text).forEach((raw, i) => {
    const line = raw.replace(/\/\/.*$/, '').trim();
    if (/^require\s*\($/.test(line)) inBlock = true;
    else if (inBlock && line === ')') inBlock = false;
    else {
      const match = inBlock ? /^(\S+)\s+\S+/.exec(line) : /^require\s+(\S+)\s+\S+/.exec(line);
      if (match?.[1]) found.push({ ecosystem: 'go', name: match[1], line: i + 1 });
    }
  });
  return found;
}

function composerJson(text: string): Dependency[] {
  const data = parseJson(text);
  return locateKeys(text, 'composer', [...keysOf(data.require), ...keysOf(data['require-dev'])]);
}

function gemfile(text: string): Dependency[] {
  const found: Dependency[] = [];
  lines(text).forEach((line, i) => {
    const match = /^\s*gem\s*\(?\s*["']([^"']+)["']/.exec(line);
    if (match?.[1]) found.push({ ecosystem: 'rubygems', name: match[1], line: i + 1 });
  });
  return found;
}

function pomXml(text: string): Dependency[] {
  const found: Dependency[] = [];
  let group: string | undefined;
  let artifactLine = 0;
  let artifact: string | undefined;
  let inDependency = false;
  lines(text).forEach((line, i) => {
    if (/<dependency>/.test(line)) {
      inDependency = true;
      group = artifact = undefined;
    }
    if (!inDependency) return;
    const g = /<groupId>\s*([^<\s]+)\s*<\/groupId>/.exec(line);
    if (g?.[1]) group = g[1];
    const a = /<artifactId>\s*([^<\s]+)\s*<\/artifactId>/.exec(line);
    if (a?.[1]) {
      artifact = a[1];
      artifactLine = i + 1;
    }
    if (/<\/dependency>/.test(line)) {
      inDependency = false;
      if (group && artifact) found.push({ ecosystem: 'maven', name: `${group}:${artifact}`, line: artifactLine });
    }
  });
  return found;
}

function buildGradle(text: string): Dependency[] {
  const found: Dependency[] = [];
  lines(text).forEach((line, i) => {
    if (!/^\s*(implementation|api|compile|compileOnly|runtimeOnly|testImplementation)\b/.test(line)) return;
    for (const m of line.matchAll(/["']([\w.-]+):([\w.-]+)(?::[^"']*)?["']/g)) found.push({ ecosystem: 'maven', name: `${m[1]}:${m[2]}`, line: i + 1 });
  });
  return found;
}
