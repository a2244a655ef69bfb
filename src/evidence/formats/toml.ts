import { parse, TomlError } from 'smol-toml';
import { ManifestError, type Dependency } from '../manifests.js';
import { escapeRegExp, SourceText } from '../source-text.js';
import { pep508Name } from './lines.js';

type Table = Record<string, unknown>;

function parseToml(text: string): Table {
  try {
    return parse(text) as Table;
  } catch (error) {
    if (error instanceof TomlError) throw new ManifestError(`invalid TOML at ${error.line}:${error.column}: ${error.message.split('\n')[0] ?? ''}`);
    throw error;
  }
}

const table = (value: unknown): Table => (value && typeof value === 'object' && !Array.isArray(value) ? (value as Table) : {});
const strings = (value: unknown): string[] => (Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : []);
const dig = (root: Table, ...keys: string[]): unknown => keys.reduce<unknown>((node, key) => table(node)[key], root);

/**
 * Finds where each parsed value stands by searching the source after parsing: the parser gives values, not
 * positions. Searches move forward through the text, so a name listed twice gets the line of each occurrence.
 */
class Locator {
  private readonly source: SourceText;
  private readonly cursors = new Map<string, number>();

  constructor(text: string) {
    this.source = new SourceText(text);
  }

  /** The line of a TOML string literal with this exact content ("…" or '…'). */
  string(value: string): number {
    const quoted = escapeRegExp(value);
    return this.next(`s:${value}`, new RegExp(`"${quoted.replace(/"/g, '\\\\"')}"|'${quoted}'`));
  }

  /** The line of a key (bare or quoted) being assigned, below a table header when one is given. */
  key(key: string, header?: string): number {
    const start = header ? Math.max(0, this.source.find(new RegExp(`^\\s*\\[\\s*${header.split('.').map(escapeRegExp).join('\\s*\\.\\s*')}\\s*\\]`, 'm'))) : 0;
    const name = escapeRegExp(key);
    return this.next(`k:${header ?? ''}:${key}`, new RegExp(`(?:^|[\\s{,.])(?:${name}|"${name}"|'${name}')\\s*=`, 'm'), start);
  }

  private next(id: string, pattern: RegExp, start = 0): number {
    const offset = this.source.find(pattern, Math.max(start, this.cursors.get(id) ?? 0));
    if (offset === -1) return 1;
    this.cursors.set(id, offset + 1);
    // A match may begin on the newline or separator before the key.
    const text = this.source.text;
    let at = offset;
    while (at < text.length && /[\s{,.]/.test(text[at] ?? '')) at++;
    return this.source.lineAt(at);
  }
}

const pypi = (name: string, line: number): Dependency => ({ ecosystem: 'pypi', name, line });

/** PEP 508 strings of an array, each at the line of its literal. */
const requirementArray = (value: unknown, at: Locator): Dependency[] =>
  strings(value).flatMap((requirement) => {
    const name = pep508Name(requirement);
    return name ? [pypi(name, at.string(requirement))] : [];
  });

/** A table of name = version (Poetry, Pipfile), each at the line of its key; "python" is the interpreter. */
const requirementTable = (value: unknown, header: string, at: Locator): Dependency[] =>
  Object.keys(table(value))
    .filter((name) => name.toLowerCase() !== 'python')
    .map((name) => pypi(name, at.key(name, header)));

function pyproject(text: string): Dependency[] {
  const data = parseToml(text);
  const at = new Locator(text);
  const poetry = table(dig(data, 'tool', 'poetry'));
  const groups = table(poetry.group);
  return [
    ...requirementArray(dig(data, 'project', 'dependencies'), at),
    ...Object.values(table(dig(data, 'project', 'optional-dependencies'))).flatMap((list) => requirementArray(list, at)),
    ...Object.values(table(data['dependency-groups'])).flatMap((list) => requirementArray(list, at)),
    ...Object.values(table(dig(data, 'tool', 'pdm', 'dev-dependencies'))).flatMap((list) => requirementArray(list, at)),
    ...requirementArray(dig(data, 'tool', 'uv', 'dev-dependencies'), at),
    ...requirementTable(poetry.dependencies, 'tool.poetry.dependencies', at),
    ...requirementTable(poetry['dev-dependencies'], 'tool.poetry.dev-dependencies', at),
    ...Object.entries(groups).flatMap(([group, body]) => requirementTable(table(body).dependencies, `tool.poetry.group.${group}.dependencies`, at)),
  ];
}

function pipfile(text: string): Dependency[] {
  const data = parseToml(text);
  const at = new Locator(text);
  return [...requirementTable(data.packages, 'packages', at), ...requirementTable(data['dev-packages'], 'dev-packages', at)];
}

/** poetry.lock and uv.lock: one [[package]] table per resolved distribution, with its name. */
function packageArray(text: string): Dependency[] {
  const data = parseToml(text);
  const at = new Locator(text);
  const packages = Array.isArray(data.package) ? data.package : [];
  return packages.flatMap((entry) => {
    const name = table(entry).name;
    return typeof name === 'string' ? [pypi(name, at.string(name))] : [];
  });
}

/** gradle/libs.versions.toml: [libraries] aliases as "group:name:version", { module = "group:name" } or { group, name }. */
function gradleCatalog(text: string): Dependency[] {
  const data = parseToml(text);
  const at = new Locator(text);
  return Object.entries(table(data.libraries)).flatMap(([alias, value]) => {
    const entry = table(value);
    const coordinates = typeof value === 'string' ? value : typeof entry.module === 'string' ? entry.module : `${String(entry.group)}:${String(entry.name)}`;
    const [group, artifact] = coordinates.split(':');
    return group && artifact && group !== 'undefined' && artifact !== 'undefined' ? [{ ecosystem: 'maven' as const, name: `${group}:${artifact}`, line: at.key(alias, 'libraries') }] : [];
  });
}

export const parsers = { pyproject, pipfile, packageArray, gradleCatalog };
