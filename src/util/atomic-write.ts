import { closeSync, fsyncSync, linkSync, openSync, renameSync, rmSync, statSync, writeSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { InputError } from './errors.js';

/** Why a file was not written; each command words it for its users (see writeFileAtomicChunks, the report). */
export type WriteProblem = 'missing-folder' | 'not-a-folder' | 'is-a-folder' | 'exists' | 'permission' | 'failed';

export class WriteFailure extends Error {
  constructor(
    readonly problem: WriteProblem,
    /** The file-system error code, where one caused it. */
    readonly code?: string,
  ) {
    super(`${problem}${code ? ` (${code})` : ''}`);
  }
}

/**
 * Writes a whole file or nothing: a temp file beside the target, flushed to disk, then renamed into place or, with
 * `replace: false`, hard-linked, which fails instead of replacing a file that exists. Pieces of content are written
 * as they come, so a large output is never held whole. A failure leaves no temp file and the target as it was; it
 * is a WriteFailure, while an error thrown while making the content is passed on as it is.
 */
export function publishFile(file: string, chunks: Iterable<string | Uint8Array>, { replace }: { replace: boolean }): void {
  const target = resolve(file);
  const dir = dirname(target);
  if (!exists(dir)) throw new WriteFailure('missing-folder');
  if (!isFolder(dir)) throw new WriteFailure('not-a-folder');
  if (isFolder(target)) throw new WriteFailure('is-a-folder');
  if (!replace && exists(target)) throw new WriteFailure('exists');
  const temp = join(dir, `.${basename(target)}.${process.pid}.tmp`);
  rmSync(temp, { force: true }); // left over only by a crashed run that had this same process id
  let open: number | undefined;
  try {
    const fd = (open = fsStep(() => openSync(temp, 'wx', 0o644)));
    for (const chunk of chunks) writeWhole(fd, chunk);
    fsStep(() => fsyncSync(fd));
    open = undefined;
    fsStep(() => closeSync(fd));
    fsStep(() => (replace ? renameSync(temp, target) : publishWithoutReplacing(temp, target)));
  } finally {
    if (open !== undefined) closeSync(open);
    rmSync(temp, { force: true });
  }
}

/** publishFile for the CLI's plain outputs (-o, --write-baseline, init, interview): problems as exit-2 errors. */
export function writeFileAtomicChunks(file: string, chunks: Iterable<string>, flag: string): void {
  try {
    publishFile(file, chunks, { replace: true });
  } catch (error) {
    if (!(error instanceof WriteFailure)) throw error;
    if (error.problem === 'missing-folder') throw new InputError(`${flag}: the folder ${dirname(file)} does not exist`, undefined, 'create it first');
    if (error.problem === 'not-a-folder') throw new InputError(`${flag}: ${dirname(file)} is not a directory`);
    const reason = error.problem === 'is-a-folder' ? 'it is a directory' : error.problem === 'permission' ? 'permission denied' : (error.code ?? 'error');
    throw new InputError(`${flag}: cannot write ${file} (${reason})`);
  }
}

export function writeFileAtomic(file: string, content: string, flag: string): void {
  writeFileAtomicChunks(file, [content], flag);
}

/** A hard link fails if the file appeared meanwhile; where the file system has no hard links, check and rename. */
function publishWithoutReplacing(temp: string, file: string): void {
  try {
    linkSync(temp, file);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    // The temp file was just written here, so EPERM means "no hard links" (FAT, some network shares), not access.
    if (!['EPERM', 'ENOTSUP', 'EOPNOTSUPP', 'ENOSYS'].includes(code ?? '') || exists(file)) throw error;
    renameSync(temp, file);
  }
}

function fsStep<T>(step: () => T): T {
  try {
    return step();
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'EEXIST') throw new WriteFailure('exists', code);
    if (code === 'EACCES' || code === 'EPERM' || code === 'EROFS') throw new WriteFailure('permission', code);
    if (code === 'ENOENT' || code === 'ENOTDIR') throw new WriteFailure('missing-folder', code);
    if (code === 'EISDIR') throw new WriteFailure('is-a-folder', code);
    throw new WriteFailure('failed', code);
  }
}

/** writeSync may write fewer bytes than asked (near a size limit); the rest is written, or the next call fails. */
function writeWhole(fd: number, chunk: string | Uint8Array): void {
  const bytes = typeof chunk === 'string' ? Buffer.from(chunk, 'utf8') : chunk;
  for (let done = 0; done < bytes.length; ) done += fsStep(() => writeSync(fd, bytes, done));
}

function exists(path: string): boolean {
  try {
    statSync(path);
    return true;
  } catch {
    return false;
  }
}

function isFolder(path: string): boolean {
  try {
    return statSync(path).isDirectory();
  } catch {
    return false;
  }
}
