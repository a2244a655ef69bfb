import { dirname } from 'node:path';
import type { Lang } from '../../../policy/model.js';
import { publishFile, WriteFailure } from '../../../util/atomic-write.js';
import { InputError } from '../../../util/errors.js';
import { say } from './messages.js';

/**
 * Writes the report whole or not at all (see publishFile); without --force an existing file is never replaced. The
 * HTML comes in pieces, so a large report is not held twice; a Word file comes as bytes. Problems are worded in the
 * report's language.
 */
export function writeReport(file: string, chunks: Iterable<string | Uint8Array>, options: { force: boolean; lang: Lang }): void {
  const { lang } = options;
  try {
    publishFile(file, chunks, { replace: options.force });
  } catch (error) {
    if (!(error instanceof WriteFailure)) throw error;
    throw reportWriteError(error, file, lang);
  }
}

function reportWriteError({ problem, code }: WriteFailure, file: string, lang: Lang): InputError {
  const notWritable = (reason: string) => new InputError(say('notWritable', lang, { file, reason }), undefined, say('notWritableHint', lang));
  switch (problem) {
    case 'missing-folder':
    case 'not-a-folder':
      return new InputError(say('missingDir', lang, { file, dir: dirname(file) }), undefined, say('missingDirHint', lang));
    case 'exists':
      return new InputError(say('exists', lang, { file }), undefined, say('existsHint', lang));
    case 'is-a-folder':
      return notWritable(say('isDirectory', lang));
    case 'permission':
      return notWritable(say('permission', lang));
    case 'failed':
      return notWritable(code ?? 'error');
  }
}
