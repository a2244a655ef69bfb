import { renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { InputError } from './errors.js';

/**
 * Writes a whole file or nothing: a temp file beside the target, then a rename. A missing folder or a path that
 * cannot be written is an InputError (exit 2), and no partial file is left behind.
 */
export function writeFileAtomic(file: string, content: string, flag: string): void {
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
  try {
    writeFileSync(temp, content, { encoding: 'utf8', flag: 'wx' });
    renameSync(temp, target);
  } catch (error) {
    rmSync(temp, { force: true });
    const code = (error as NodeJS.ErrnoException).code;
    const reason = code === 'EACCES' || code === 'EPERM' ? 'permission denied' : code === 'EISDIR' ? 'it is a directory' : (code ?? 'error');
    throw new InputError(`${flag}: cannot write ${file} (${reason})`);
  }
}
