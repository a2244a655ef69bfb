import { isDeepStrictEqual } from 'node:util';
import { builtinRulesDir, loadPolicy } from '../policy/load.js';
import { routesFileIn } from '../policy/routes.js';
import { loadRoutesStrict } from '../routes/load.js';
import { parseSnapshot, serializeSnapshot } from '../policy/snapshot.js';

/**
 * Build step (scripts/build.mjs): the built-in policy and routes through the same loaders and lint as `rules lint`,
 * as snapshot text. Throws on any lint error, and when the snapshot would not read back as the very same data.
 */
export function buildPolicySnapshot(): string {
  const rulesDir = builtinRulesDir();
  const { policy, problems } = loadPolicy();
  const errors = problems.filter((p) => p.severity === 'error');
  if (errors.length) {
    throw new Error(`rules lint failed:\n${errors.map((p) => `${p.location.file}:${p.location.line}:${p.location.column}: ${p.message}`).join('\n')}`);
  }
  const routes = loadRoutesStrict(routesFileIn(rulesDir), policy.questionnaire);
  const text = serializeSnapshot({ policy, routes }, rulesDir);
  const readBack = parseSnapshot(text, rulesDir);
  if (!isDeepStrictEqual(readBack.policy, policy) || !isDeepStrictEqual(readBack.routes, routes)) {
    throw new Error('the policy snapshot does not read back as the loaded policy and routes');
  }
  return text;
}
