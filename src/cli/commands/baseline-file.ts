import * as z from 'zod/mini';
import { BASELINE_FORMAT_VERSION, type Baseline } from '../../engine/baseline.js';
import { RISK_LEVELS } from '../../policy/schema.js';
import { InputError } from '../../util/errors.js';
import { readTextFile } from '../../util/yaml-file.js';

const BaselineFile = z.object({
  formatVersion: z.literal(BASELINE_FORMAT_VERSION),
  date: z.string(),
  findings: z.array(
    z.object({
      fingerprint: z.string(),
      rule: z.string(),
      target: z.string(),
      answers: z.array(z.string()),
      level: z.enum(RISK_LEVELS),
    }),
  ),
});

/** Reads a file written by --write-baseline; anything else is an input error (exit 2). */
export function readBaseline(file: string): Baseline {
  const text = readTextFile(file);
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (error) {
    throw new InputError(`${file}: not JSON (${(error as Error).message})`, undefined, 'write one with chanrisk check … --write-baseline <file>');
  }
  const parsed = BaselineFile.safeParse(data);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new InputError(`${file}: not a chanrisk baseline (${issue ? `${issue.path.join('.') || 'file'}: ${issue.message}` : 'invalid'})`, undefined, 'write one with chanrisk check … --write-baseline <file>');
  }
  return parsed.data as Baseline;
}
