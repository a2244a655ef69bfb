import { closeSync, openSync, renameSync, rmSync, statSync, writeSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { InputError } from './errors.js';

/**
 * Writes a whole file or nothing: a temp file beside the target, then a rename. A missing folder or a path that
 * cannot be written is an InputError (exit 2), and no partial file is left behind.
 */
export function writeFileAtomic(file: string, content: string, flag: string): void {
  writeFileAtomicChunks(file, [content], flag);
}

/**
 * As writeFileAtomic, for content made while it is written: each piece goes to the temp file as it comes, and only
 * the complete file is renamed into place. A failure half-way (disk full, file too large) removes the temp file.
 */
export function writeFileAtomicChunks(file: string, chunks: Iterable<string>, flag: string): void {
  const target = resolve(file);
  const dir = dirname(target);
  try {
    if (!statSync(dir).isDirectory()) throw new InputError(`${flag}: ${dirname(file)} is not a directory`);
  } catch (error) {
    if (error instanceof InputError) throw error;
    throw new InputError(`${flag}: the folder ${dirname(file)} does not exist`, undefined, 'create it first');
  }
  const temp = join(dir, `.${basename(target)}.${process.pid}.tmp`);
  rmSync(temp, { force: true }); // left over only by a crashed run that had this same process id
  let open: number | undefined;
  try {
    const fd = (open = fsStep(() => openSync(temp, 'wx')));
    for (const chunk of chunks) writeWhole(fd, chunk);
    open = undefined;
    fsStep(() => closeSync(fd));
    fsStep(() => renameSync(temp, target));
  } catch (error) {
    if (open !== undefined) closeSync(open);
    rmSync(temp, { force: true });
    if (!(error instanceof WriteFailed)) throw error;
    const code = error.cause.code;
    const reason = code === 'EACCES' || code === 'EPERM' ? 'permission denied' : code === 'EISDIR' ? 'it is a directory' : (code ?? 'error');
    throw new InputError(`${flag}: cannot write ${file} (${reason})`);
  }
}

/** A file-system failure, kept apart from an error thrown while the content is made, which is passed on as it is. */
class WriteFailed extends Error {
  constructor(override readonly cause: NodeJS.ErrnoException) {
    super(cause.message);
  }
}

function fsStep<T>(step: () => T): T {
  try {
    return step();
  } catch (error) {
    throw new WriteFailed(error as NodeJS.ErrnoException);
  }
}

/** writeSync may write fewer bytes than asked (near a size limit); the rest is written, or the next call fails. */
function writeWhole(fd: number, chunk: string): void {
  const bytes = Buffer.from(chunk, 'utf8');
  for (let done = 0; done < bytes.length; ) done += fsStep(() => writeSync(fd, bytes, done));
}
