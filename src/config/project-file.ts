import { existsSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { globSync } from 'tinyglobby';
import * as z from 'zod/mini';
import { FAIL_ON_VALUES, type FailOn } from '../engine/gate.js';
import { LANGS, type Lang } from '../policy/schema.js';
import { InputError, InputErrors } from '../util/errors.js';
import { byCodeUnits } from '../util/order.js';
import { findProjectFile, PROJECT_FILE } from './project-locate.js';
import { loadYamlFile } from '../util/yaml-file.js';
import { validateWithSchema } from '../util/zod-errors.js';

export { findProjectFile, PROJECT_FILE } from './project-locate.js';
/** Without a project file: the config `init` and `interview` write. */
export const DEFAULT_CONFIG = 'chanrisk.yaml';

const Paths = z.array(z.string().check(z.minLength(1))).check(z.minLength(1));

const ProjectSchema = z.strictObject({
  configs: Paths,
  fail_on: z.optional(z.enum(FAIL_ON_VALUES)),
  lang: z.optional(z.enum(LANGS)),
  rules: z.optional(Paths),
  baseline: z.optional(z.string().check(z.minLength(1))),
  scan: z.optional(z.string().check(z.minLength(1))),
  scan_exclude: z.optional(Paths),
});

/** What a project file settles for `check`; paths are relative to the working folder, like a flag's. */
export interface ProjectSettings {
  configs: string[];
  failOn?: FailOn;
  lang?: Lang;
  rules?: string[];
  baseline?: string;
  scan?: string;
  scanExclude?: string[];
}

/**
 * The settings of the project file, or `chanrisk.yaml` in the working folder without one. Config globs and paths in
 * the file are relative to its own folder, so it means the same from every subfolder.
 */
export function projectSettings(cwd: string = process.cwd(), { configsNamed = false } = {}): ProjectSettings {
  const file = findProjectFile(cwd);
  if (file === undefined) {
    if (existsSync(join(cwd, DEFAULT_CONFIG))) return { configs: [DEFAULT_CONFIG] };
    throw new InputError(
      `no config named, and neither ${PROJECT_FILE} (from here up to the repository root) nor ${DEFAULT_CONFIG} here`,
      undefined,
      `name a config (chanrisk check channels.yaml), write one with chanrisk init, or list them in ${PROJECT_FILE}`,
    );
  }
  const source = loadYamlFile(relative(cwd, file) || file);
  const { value, errors } = validateWithSchema(ProjectSchema, source);
  if (!value) throw new InputErrors(errors);
  const base = dirname(file);
  const local = (path: string): string => relative(cwd, resolve(base, path)) || '.';
  // Configs named on the command line replace the file's list; its other settings still hold.
  const configs = configsNamed ? [] : value.configs.flatMap((pattern, i) => {
    const matches = globSync(pattern, { cwd: base, onlyFiles: true, expandDirectories: false, ignore: ['**/node_modules/**'] }).sort(byCodeUnits);
    if (!matches.length) throw new InputError(`configs: "${pattern}" matches no file`, source.locate(['configs', i]), `patterns are relative to ${PROJECT_FILE}'s folder`);
    return matches.map(local);
  });
  return {
    configs: [...new Set(configs)],
    ...(value.fail_on && { failOn: value.fail_on }),
    ...(value.lang && { lang: value.lang }),
    ...(value.rules && { rules: value.rules.map(local) }),
    ...(value.baseline && { baseline: local(value.baseline) }),
    ...(value.scan && { scan: local(value.scan) }),
    ...(value.scan_exclude && { scanExclude: value.scan_exclude }),
  };
}
