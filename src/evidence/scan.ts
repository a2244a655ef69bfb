import { readdirSync, readFileSync, realpathSync, statSync, type Dirent } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import picomatch from 'picomatch';
import { InputError } from '../util/errors.js';
import { normaliseName, type Ecosystem, type EvidenceCatalogue, type EvidenceLibrary } from './catalogue.js';
import { loadParser, ManifestError, manifestKind, type ManifestKind } from './manifests.js';

/** A messenger library found in a manifest. */
export interface EvidenceHit {
  /** The manifest, as the scanned folder was given plus the path inside it (forward slashes). */
  file: string;
  /** The manifest's path inside the scanned folder (forward slashes), what a channel's code_paths match. */
  path: string;
  line: number;
  ecosystem: Ecosystem;
  package: string;
  library: EvidenceLibrary;
}

export interface ScanProblem {
  file: string;
  reason: string;
}

export interface ScanReport {
  root: string;
  manifests: number;
  hits: EvidenceHit[];
  /** Files that could not be read or parsed; reported, never fatal. */
  problems: ScanProblem[];
  /** Folders and files left out as tests, fixtures, examples or docs, or by --scan-exclude (paths inside the root). */
  skipped: string[];
  /** Set when a bound stopped the walk early: the result may be incomplete. */
  truncated?: 'files' | 'bytes' | 'time';
}

export interface ScanLimits {
  maxEntries: number;
  maxManifestBytes: number;
  maxTotalBytes: number;
  maxMillis: number;
}

export interface ScanOptions {
  /** Globs (picomatch, relative to the scanned folder) of folders and files to leave out, besides the defaults. */
  exclude?: readonly string[];
  limits?: ScanLimits;
}

export const DEFAULT_LIMITS: ScanLimits = { maxEntries: 200_000, maxManifestBytes: 32 * 1024 * 1024, maxTotalBytes: 256 * 1024 * 1024, maxMillis: 20_000 };

/** Dependency folders and vendored code: their manifests describe other projects, not this one. Never listed. */
const DEPENDENCY_DIRS = new Set(['node_modules', '.git', '.hg', '.svn', 'vendor', 'vendors', 'third_party', 'bower_components', 'jspm_packages', '.venv', 'venv', '__pycache__', '.tox', '.yarn', '.pnpm-store']);

/**
 * Folders whose manifests are not what the product runs: tests and their fixtures, examples and samples, docs.
 * Skipped by default (and listed as skipped); the scanned folder itself is never skipped, whatever its name.
 */
export const NOT_EVIDENCE_DIRS: readonly string[] = ['test', 'tests', '__tests__', 'spec', 'specs', 'fixtures', '__fixtures__', 'testdata', 'e2e', 'examples', 'example', 'samples', 'sample', 'docs', 'doc'];

interface Manifest {
  absolute: string;
  path: string;
  kind: ManifestKind | 'binary';
}

/** Walks `dir` (sorted, so the report is stable), reads every manifest and matches its dependencies with the catalogue. */
export async function scanTree(dir: string, catalogue: EvidenceCatalogue, options: ScanOptions = {}): Promise<ScanReport> {
  const limits = options.limits ?? DEFAULT_LIMITS;
  const root = resolve(dir);
  let realRoot: string;
  try {
    if (!statSync(root).isDirectory()) throw new InputError(`${dir} is not a directory`, undefined, 'scan takes the folder of a code base');
    realRoot = realpathSync(root);
  } catch (error) {
    if (error instanceof InputError) throw error;
    throw new InputError(`${dir}: no such folder`, undefined, 'scan takes the folder of a code base');
  }
  const inside = (path: string) => relative(root, path).split(sep).join('/');
  const display = (path: string) => [dir.replace(/[\\/]+$/, ''), inside(path)].filter((p) => p !== '' && p !== '.').join('/') || '.';
  const excluded = options.exclude?.length ? picomatch([...options.exclude], { dot: true }) : () => false;
  const report: ScanReport = { root: dir, manifests: 0, hits: [], problems: [], skipped: [] };
  const manifests = walk(root, realRoot, limits, report, inside, display, excluded);

  let bytes = 0;
  const read = new Set<string>();
  const queue = [...manifests];
  for (let manifest = queue.shift(); manifest && !report.truncated; manifest = queue.shift()) {
    if (read.has(manifest.path)) continue;
    read.add(manifest.path);
    const shown = display(manifest.absolute);
    if (manifest.kind === 'binary') {
      report.problems.push({ file: shown, reason: 'binary lockfile, not read (bun.lock, its text form, is)' });
      continue;
    }
    const text = readManifest(manifest.absolute, limits, bytes, report, shown);
    if (text === undefined) continue;
    bytes += Buffer.byteLength(text);
    report.manifests++;
    try {
      const parse = await loadParser(manifest.kind);
      for (const dependency of parse(text)) {
        const library = catalogue.byPackage.get(`${dependency.ecosystem}:${normaliseName(dependency.ecosystem, dependency.name)}`);
        if (library) report.hits.push({ file: shown, path: manifest.path, line: dependency.line, ecosystem: dependency.ecosystem, package: dependency.name, library });
      }
      if (manifest.kind.parser === 'requirements') queue.unshift(...(await includedRequirements(manifest, text, realRoot, inside, report, shown)));
    } catch (error) {
      report.problems.push({ file: shown, reason: error instanceof ManifestError ? error.message : errorReason(error) });
    }
  }
  report.hits = dedupe(report.hits).sort((a, b) => a.file.localeCompare(b.file) || a.line - b.line || a.package.localeCompare(b.package));
  return report;
}

/** The manifests in the tree, in a stable order; records skipped folders and an early stop in the report. */
function walk(
  root: string,
  realRoot: string,
  limits: ScanLimits,
  report: ScanReport,
  inside: (path: string) => string,
  display: (path: string) => string,
  excluded: (path: string) => boolean,
): Manifest[] {
  // The walk is bounded by wall time on purpose; the clock never reaches the result, only whether it is complete.
  const started = performance.now();
  let entries = 0;
  const found: Manifest[] = [];
  const stack: string[] = [root];
  while (stack.length && !report.truncated) {
    const current = stack.pop() as string;
    let children: Dirent[];
    try {
      children = readdirSync(current, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    } catch (error) {
      report.problems.push({ file: display(current), reason: errorReason(error) });
      continue;
    }
    const subdirs: string[] = [];
    for (const child of children) {
      if (++entries > limits.maxEntries) report.truncated = 'files';
      else if (performance.now() - started > limits.maxMillis) report.truncated = 'time';
      if (report.truncated) break;
      const path = join(current, child.name);
      const relativePath = inside(path);
      if (child.isDirectory()) {
        if (DEPENDENCY_DIRS.has(child.name)) continue;
        if (NOT_EVIDENCE_DIRS.includes(child.name) || excluded(relativePath) || excluded(`${relativePath}/`)) report.skipped.push(relativePath);
        else subdirs.push(path);
        continue;
      }
      const kind = manifestKind(relativePath);
      if (!kind) continue;
      if (excluded(relativePath)) {
        report.skipped.push(relativePath);
        continue;
      }
      // Symlinked folders are never entered; a symlinked manifest is read only when it points inside the tree.
      if (child.isSymbolicLink() && !insideRoot(path, realRoot)) continue;
      if (!child.isFile() && !child.isSymbolicLink()) continue;
      found.push({ absolute: path, path: relativePath, kind });
    }
    stack.push(...subdirs.reverse());
  }
  return found;
}

/** The files a requirements file includes with -r, when they lie inside the tree (an included file is read once). */
async function includedRequirements(manifest: Manifest, text: string, realRoot: string, inside: (path: string) => string, report: ScanReport, shown: string): Promise<Manifest[]> {
  const { requirementIncludes } = await import('./formats/lines.js');
  const kind = manifest.kind as ManifestKind;
  return requirementIncludes(text).flatMap((include) => {
    const absolute = resolve(dirname(manifest.absolute), include.path);
    if (!insideRoot(absolute, realRoot)) {
      report.problems.push({ file: `${shown}:${include.line}`, reason: `-r ${include.path}: not found inside the scanned folder` });
      return [];
    }
    return [{ absolute, path: inside(absolute), kind }];
  });
}

function insideRoot(path: string, realRoot: string): boolean {
  try {
    const real = realpathSync(path);
    return (real === realRoot || real.startsWith(realRoot + sep)) && statSync(real).isFile();
  } catch {
    return false;
  }
}

function readManifest(path: string, limits: ScanLimits, bytesSoFar: number, report: ScanReport, shown: string): string | undefined {
  try {
    const size = statSync(path).size;
    if (size > limits.maxManifestBytes) {
      report.problems.push({ file: shown, reason: `larger than ${Math.round(limits.maxManifestBytes / 1024 / 1024)} MiB, skipped` });
      return undefined;
    }
    if (bytesSoFar + size > limits.maxTotalBytes) {
      report.truncated = 'bytes';
      return undefined;
    }
    return readFileSync(path, 'utf8');
  } catch (error) {
    report.problems.push({ file: shown, reason: errorReason(error) });
    return undefined;
  }
}

const errorReason = (error: unknown): string => {
  const code = (error as NodeJS.ErrnoException).code;
  return code === 'EACCES' || code === 'EPERM' ? 'permission denied' : (code ?? (error instanceof Error ? error.message : String(error)));
};

/** A lockfile may list a package many times (several versions); one hit per file and package is enough. */
function dedupe(hits: EvidenceHit[]): EvidenceHit[] {
  const seen = new Map<string, EvidenceHit>();
  for (const hit of hits) {
    const key = `${hit.file}\0${hit.package}`;
    const known = seen.get(key);
    if (!known || hit.line < known.line) seen.set(key, hit);
  }
  return [...seen.values()];
}
