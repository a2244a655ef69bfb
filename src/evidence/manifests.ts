import type { Ecosystem } from './catalogue.js';

/** One dependency named in a manifest, with the 1-based line where it stands. */
export interface Dependency {
  ecosystem: Ecosystem;
  name: string;
  line: number;
}

export type ManifestParser = (text: string) => Dependency[];

/** Thrown for a manifest that cannot be parsed; the scan reports it and carries on. */
export class ManifestError extends Error {}

/** The parser modules, one per underlying parser library, imported only when a file of theirs is found. */
const FORMATS = {
  json: () => import('./formats/json.js'),
  toml: () => import('./formats/toml.js'),
  xml: () => import('./formats/xml.js'),
  yaml: () => import('./formats/yaml.js'),
  lines: () => import('./formats/lines.js'),
};
type Format = keyof typeof FORMATS;
type ParserName<F extends Format> = keyof Awaited<ReturnType<(typeof FORMATS)[F]>>['parsers'];

export interface ManifestKind {
  format: Format;
  parser: string;
}

const kind = <F extends Format>(format: F, parser: ParserName<F>): ManifestKind => ({ format, parser: parser as string });

/** pip requirement files: requirements*.txt, dev-requirements.txt, requirements/*.txt and their pip-tools *.in sources. */
const isRequirements = (name: string, folder: string): boolean =>
  /\.(txt|in)$/.test(name) && (/^requirements/i.test(name) || /[-_.]requirements\.(txt|in)$/i.test(name) || folder === 'requirements');

/**
 * Which parser reads the file at `path` (forward slashes, relative to the scanned folder); anything else is not a
 * manifest. `binary` marks a lockfile that exists but cannot be read (bun.lockb).
 */
export function manifestKind(path: string): ManifestKind | 'binary' | undefined {
  const parts = path.split('/');
  const name = parts[parts.length - 1] ?? '';
  const folder = parts[parts.length - 2] ?? '';
  switch (name) {
    case 'package.json':
      return kind('json', 'packageJson');
    case 'package-lock.json':
    case 'npm-shrinkwrap.json':
      return kind('json', 'packageLock');
    case 'bun.lock':
      return kind('json', 'bunLock');
    case 'bun.lockb':
      return 'binary';
    case 'deno.json':
    case 'deno.jsonc':
      return kind('json', 'denoJson');
    case 'deno.lock':
      return kind('json', 'denoLock');
    case 'composer.json':
      return kind('json', 'composerJson');
    case 'composer.lock':
      return kind('json', 'composerLock');
    case 'Pipfile.lock':
      return kind('json', 'pipfileLock');
    case 'pnpm-lock.yaml':
      return kind('yaml', 'pnpmLock');
    case 'yarn.lock':
      return kind('lines', 'yarnLock');
    case 'pyproject.toml':
      return kind('toml', 'pyproject');
    case 'Pipfile':
      return kind('toml', 'pipfile');
    case 'poetry.lock':
    case 'uv.lock':
      return kind('toml', 'packageArray');
    case 'libs.versions.toml':
      return folder === 'gradle' ? kind('toml', 'gradleCatalog') : undefined;
    case 'setup.py':
      return kind('lines', 'setupPy');
    case 'setup.cfg':
      return kind('lines', 'setupCfg');
    case 'go.mod':
      return kind('lines', 'goMod');
    case 'go.sum':
      return kind('lines', 'goSum');
    case 'Gemfile':
      return kind('lines', 'gemfile');
    case 'Gemfile.lock':
      return kind('lines', 'gemfileLock');
    case 'pom.xml':
      return kind('xml', 'pom');
    case 'build.gradle':
    case 'build.gradle.kts':
      return kind('lines', 'gradle');
    default:
      return isRequirements(name, folder) ? kind('lines', 'requirements') : undefined;
  }
}

/** Loads the parser of a manifest kind; each parser library is imported once, on first use. */
export async function loadParser(manifest: ManifestKind): Promise<ManifestParser> {
  const { parsers } = (await FORMATS[manifest.format]()) as { parsers: Record<string, ManifestParser> };
  const parser = parsers[manifest.parser];
  if (!parser) throw new Error(`no parser ${manifest.format}.${manifest.parser}`);
  return parser;
}

/** The parser for a path, or undefined when it is no readable manifest (for tests and one-off use). */
export async function parserFor(path: string): Promise<ManifestParser | undefined> {
  const manifest = manifestKind(path);
  return manifest && manifest !== 'binary' ? loadParser(manifest) : undefined;
}
