import { isDeepStrictEqual } from 'node:util';
import { builtinRulesDir, loadPolicy } from './load.js';
import { parseSnapshot, serializeSnapshot } from './snapshot.js';

/**
 * Build step (scripts/build.mjs): the built-in policy through the same loader and lint as `rules lint`, as snapshot
 * text. Throws on any lint error, and when the snapshot would not read back as the very same policy.
 */
export function buildPolicySnapshot(): string {
  const rulesDir = builtinRulesDir();
  const { policy, problems } = loadPolicy();
  const errors = problems.filter((p) => p.severity === 'error');
  if (errors.length) {
    throw new Error(`rules lint failed:\n${errors.map((p) => `${p.location.file}:${p.location.line}:${p.location.column}: ${p.message}`).join('\n')}`);
  }
  const text = serializeSnapshot(policy, rulesDir);
  if (!isDeepStrictEqual(parseSnapshot(text, rulesDir).policy, policy)) throw new Error('the policy snapshot does not read back as the loaded policy');
  return text;
}
