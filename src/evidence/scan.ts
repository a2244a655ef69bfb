import { readdirSync, readFileSync, realpathSync, statSync, type Dirent } from 'node:fs';
import { join, relative, resolve, sep } from 'node:path';
import { InputError } from '../util/errors.js';
import { normaliseName, type Ecosystem, type EvidenceCatalogue, type EvidenceLibrary } from './catalogue.js';
import { ManifestError, parserFor } from './manifests.js';

/** A messenger library found in a manifest. */
export interface EvidenceHit {
  /** The manifest, as the scanned folder was given plus the path inside it (forward slashes). */
  file: string;
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
  /** Set when a bound stopped the walk early: the result may be incomplete. */
  truncated?: 'files' | 'bytes' | 'time';
}

export interface ScanLimits {
  maxEntries: number;
  maxManifestBytes: number;
  maxTotalBytes: number;
  maxMillis: number;
}

export const DEFAULT_LIMITS: ScanLimits = { maxEntries: 200_000, maxManifestBytes: 32 * 1024 * 1024, maxTotalBytes: 256 * 1024 * 1024, maxMillis: 20_000 };

/** Dependency folders and vendored code: their manifests describe other projects, not this one. */
const SKIPPED_DIRS = new Set(['node_modules', '.git', '.hg', '.svn', 'vendor', 'vendors', 'third_party', 'bower_components', 'jspm_packages', '.venv', 'venv', '__pycache__', '.tox', '.yarn', '.pnpm-store']);

/** Walks `dir` (sorted, so the report is stable), reads every manifest and matches its dependencies with the catalogue. */
export function scanTree(dir: string, catalogue: EvidenceCatalogue, limits: ScanLimits = DEFAULT_LIMITS): ScanReport {
  const root = resolve(dir);
  let realRoot: string;
  try {
    if (!statSync(root).isDirectory()) throw new InputError(`${dir} is not a directory`, undefined, 'scan takes the folder of a code base');
    realRoot = realpathSync(root);
  } catch (error) {
    if (error instanceof InputError) throw error;
    throw new InputError(`${dir}: no such folder`, undefined, 'scan takes the folder of a code base');
  }
  const display = (path: string) => [dir.replace(/[\\/]+$/, ''), ...relative(root, path).split(sep)].filter((p) => p !== '' && p !== '.').join('/') || '.';
  const report: ScanReport = { root: dir, manifests: 0, hits: [], problems: [] };
  // The walk is bounded by wall time on purpose; the clock never reaches the result, only whether it is complete.
  const started = performance.now();
  let entries = 0;
  let bytes = 0;
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
      if (child.isDirectory()) {
        if (!SKIPPED_DIRS.has(child.name)) subdirs.push(path);
        continue;
      }
      const parse = parserFor(child.name);
      if (!parse) continue;
      // Symlinked folders are never entered; a symlinked manifest is read only when it points inside the tree.
      if (child.isSymbolicLink() && !insideRoot(path, realRoot)) continue;
      if (!child.isFile() && !child.isSymbolicLink()) continue;
      const text = readManifest(path, limits, bytes, report, display(path));
      if (text === undefined) continue;
      bytes += Buffer.byteLength(text);
      report.manifests++;
      try {
        for (const dependency of parse(text)) {
          const library = catalogue.byPackage.get(`${dependency.ecosystem}:${normaliseName(dependency.ecosystem, dependency.name)}`);
          if (library) report.hits.push({ file: display(path), line: dependency.line, ecosystem: dependency.ecosystem, package: dependency.name, library });
        }
      } catch (error) {
        report.problems.push({ file: display(path), reason: error instanceof ManifestError ? error.message : errorReason(error) });
      }
    }
    stack.push(...subdirs.reverse());
  }
  report.hits = dedupe(report.hits).sort((a, b) => a.file.localeCompare(b.file) || a.line - b.line || a.package.localeCompare(b.package));
  return report;
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
