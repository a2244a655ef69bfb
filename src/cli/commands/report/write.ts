import { closeSync, fsyncSync, linkSync, openSync, renameSync, rmSync, statSync, writeSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import type { Lang } from '../../../policy/model.js';
import { InputError } from '../../../util/errors.js';
import { say } from './messages.js';

/**
 * Writes a file atomically: a temp file in the same folder, then a rename (or, without --force, a hard link, which
 * fails instead of replacing an existing file). A reader never sees a half-written report.
 */
export function writeAtomically(file: string, content: string, options: { force: boolean; lang: Lang }): void {
  const { lang } = options;
  const dir = dirname(file);
  if (!isDirectory(dir)) throw new InputError(say('missingDir', lang, { file, dir }), undefined, say('missingDirHint', lang));
  if (isDirectory(file)) throw notWritable(file, say('isDirectory', lang), lang);
  if (!options.force && exists(file)) throw new InputError(say('exists', lang, { file }), undefined, say('existsHint', lang));
  const temp = join(dir, `.${basename(file)}.${process.pid}.tmp`);
  rmSync(temp, { force: true }); // left over only by a crashed run that had this same process id
  try {
    const fd = openSync(temp, 'wx', 0o644);
    try {
      writeSync(fd, content);
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
    if (options.force) renameSync(temp, file);
    else publishWithoutReplacing(temp, file);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'EEXIST' && !options.force) throw new InputError(say('exists', lang, { file }), undefined, say('existsHint', lang));
    if (code === 'EACCES' || code === 'EPERM' || code === 'EROFS') throw notWritable(file, say('permission', lang), lang);
    if (code === 'ENOENT' || code === 'ENOTDIR') throw new InputError(say('missingDir', lang, { file, dir }), undefined, say('missingDirHint', lang));
    if (code) throw notWritable(file, code, lang);
    throw error;
  } finally {
    rmSync(temp, { force: true });
  }
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

const notWritable = (file: string, reason: string, lang: Lang): InputError =>
  new InputError(say('notWritable', lang, { file, reason }), undefined, say('notWritableHint', lang));

function isDirectory(path: string): boolean {
  try {
    return statSync(path).isDirectory();
  } catch {
    return false;
  }
}

function exists(path: string): boolean {
  try {
    statSync(path);
    return true;
  } catch {
    return false;
  }
}
