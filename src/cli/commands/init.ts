import { existsSync } from 'node:fs';
import { dirname, isAbsolute, join, relative, resolve, sep } from 'node:path';
import { SCHEMA_FILE } from '../../config/json-schema.js';
import { starterConfig } from '../../config/starter.js';
import { loadPolicyStrict } from '../../policy/load.js';
import { writeFileAtomic } from '../../util/atomic-write.js';
import { InputError } from '../../util/errors.js';
import { packageInfo } from '../../util/package-root.js';
import { EXIT, type Io } from '../io.js';
import { parseLang } from '../options.js';

export const DEFAULT_CONFIG_FILE = 'chanrisk.yaml';

/** Writes a commented starter config that points editors at the JSON Schema; never overwrites. */
export function runInit(file: string | undefined, options: { lang?: string }, io: Io): number {
  const lang = parseLang(options.lang);
  const target = file ?? DEFAULT_CONFIG_FILE;
  if (existsSync(target)) {
    throw lang === 'de'
      ? new InputError(`${target} existiert bereits; chanrisk init überschreibt keine Datei`, undefined, 'nennen Sie eine andere Datei: chanrisk init <Datei>')
      : new InputError(`${target} exists already; chanrisk init never overwrites`, undefined, 'name another file: chanrisk init <file>');
  }
  // yaml-language-server resolves a relative schema path against the config's own folder.
  const schema = join(packageInfo().root, SCHEMA_FILE);
  const fromConfig = relative(dirname(resolve(target)), schema).split(sep).join('/');
  const ref = isAbsolute(fromConfig) ? fromConfig : fromConfig.startsWith('.') ? fromConfig : `./${fromConfig}`;
  writeFileAtomic(target, starterConfig(loadPolicyStrict().questionnaire, ref, lang), 'init');
  io.out(lang === 'de' ? `${target} geschrieben. Prüfen mit: chanrisk check ${target}\n` : `wrote ${target}. Check it with: chanrisk check ${target}\n`);
  return EXIT.ok;
}
