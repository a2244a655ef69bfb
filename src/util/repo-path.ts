import { statSync } from 'node:fs';
import { dirname, isAbsolute, relative, resolve, sep } from 'node:path';

const roots = new Map<string, string | undefined>();

/** The folder holding `.git` (a folder, or a file in a worktree or submodule), from `dir` upward; undefined outside a repository. */
export function findRepoRoot(dir: string): string | undefined {
  const start = resolve(dir);
  if (roots.has(start)) return roots.get(start);
  let root: string | undefined;
  for (let current = start; ; current = dirname(current)) {
    if (statSync(resolve(current, '.git'), { throwIfNoEntry: false })) {
      root = current;
      break;
    }
    if (dirname(current) === current) break;
  }
  roots.set(start, root);
  return root;
}

/**
 * A file's path relative to the root of the repository it lies in (the working folder outside one), with forward
 * slashes: the same from every working folder, as CI tools and baselines need it.
 */
export function repoRelativePath(file: string, cwd: string = process.cwd()): string {
  const absolute = resolve(cwd, file);
  const root = findRepoRoot(dirname(absolute)) ?? cwd;
  const inside = relative(root, absolute);
  return isAbsolute(inside) ? absolute.split(sep).join('/') : inside.split(sep).join('/');
}
