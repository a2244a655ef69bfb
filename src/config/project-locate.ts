import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { findRepoRoot } from '../util/repo-path.js';

/** The project file `check` reads: its configs when none is named, its other settings always. */
export const PROJECT_FILE = '.chanrisk.yaml';

/** The project file from `cwd` up to the repository root (only `cwd` outside a repository), if there is one. */
export function findProjectFile(cwd: string = process.cwd()): string | undefined {
  const root = findRepoRoot(cwd);
  for (let dir = resolve(cwd); ; dir = dirname(dir)) {
    const file = join(dir, PROJECT_FILE);
    if (existsSync(file)) return file;
    if (root === undefined || dir === root || dirname(dir) === dir) return undefined;
  }
}
