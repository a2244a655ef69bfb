import { spawnSync } from 'node:child_process';
import { cpSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { isDeepStrictEqual } from 'node:util';
import { describe, expect, it } from 'vitest';
import { builtinRulesDir, loadPolicyStrict } from '../src/policy/load.js';
import { routesFileIn } from '../src/policy/routes.js';
import { loadRoutesStrict } from '../src/routes/load.js';
import { parseSnapshot, readSnapshot, serializeSnapshot, type BuiltinSnapshot } from '../src/policy/snapshot.js';
import { example, ROOT, tempDir } from './helpers.js';

/** What the build stores: the policy and routes as the YAML loaders build them from `rulesDir`. */
function loadedFromYaml(rulesDir: string): BuiltinSnapshot {
  const policy = loadPolicyStrict({ rulesDir });
  return { policy, routes: loadRoutesStrict(routesFileIn(rulesDir), policy.questionnaire) };
}

describe('policy snapshot', () => {
  it('reads back as the very policy and routes the YAML loaders build, with paths in the rules folder it is read from', () => {
    const loaded = loadedFromYaml(builtinRulesDir());
    const text = serializeSnapshot(loaded, builtinRulesDir());
    const readBack = parseSnapshot(text, builtinRulesDir());
    expect(isDeepStrictEqual(readBack.policy, loaded.policy)).toBe(true);
    expect(isDeepStrictEqual(readBack.routes, loaded.routes)).toBe(true);
    expect(text).not.toContain(ROOT);
    const moved = parseSnapshot(text, '/elsewhere/rules');
    expect(moved.policy.packs[0]?.file.startsWith('/elsewhere/rules/packs/')).toBe(true);
    expect(moved.policy.rules[0]?.location.file.startsWith('/elsewhere/rules/packs/')).toBe(true);
    expect(moved.routes.file).toBe('/elsewhere/rules/routes.yaml');
    expect(moved.routes.routes[0]?.location.file).toBe('/elsewhere/rules/routes.yaml');
  });

  it('is never used from the sources, where it could be older than the loader', () => {
    expect(readSnapshot(builtinRulesDir())).toBeUndefined();
  });
});

/**
 * An installed copy of the package (bundle, rules), so its rules can be edited without touching the repo. Its
 * snapshot is made here from the copied rules, so the test does not depend on when dist/ was last built.
 */
function installedCopy(edit: (snapshot: string) => string = (s) => s): string {
  const dir = tempDir('chanrisk-installed-');
  for (const entry of ['package.json', 'dist', 'rules']) cpSync(join(ROOT, entry), join(dir, entry), { recursive: true });
  writeFileSync(join(dir, 'dist', 'policy.snapshot.json'), edit(serializeSnapshot(loadedFromYaml(join(dir, 'rules')), join(dir, 'rules'))));
  return dir;
}

function run(dir: string, args: string[]) {
  const result = spawnSync(process.execPath, [join(dir, 'dist', 'chanrisk.js'), ...args], { cwd: dir, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1', LANG: 'en_US.UTF-8', LC_ALL: '' } });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

describe('policy snapshot in the built CLI', () => {
  it.each([
    ['check', 'multichannel-clinic.yaml'],
    ['compare', 'whatsapp-unofficial-marketing.yaml'],
  ])('gives the same %s output as the YAML it was built from', (command, config) => {
    const dir = installedCopy();
    const args = [command, example(config), '--format', 'json', '--date', '2026-11-27'];
    const withSnapshot = run(dir, args);
    rmSync(join(dir, 'dist', 'policy.snapshot.json'));
    const fromYaml = run(dir, args);
    expect(withSnapshot.stdout.length).toBeGreaterThan(1000);
    expect(withSnapshot.stdout).toBe(fromYaml.stdout);
    expect(withSnapshot.code).toBe(fromYaml.code);
  });

  it('is what check reads while the rules are unchanged', () => {
    const dir = installedCopy((snapshot) => snapshot.replace('WhatsApp is driven through an unofficial library', 'READ FROM THE SNAPSHOT'));
    expect(run(dir, ['rules', 'show', 'wa-unofficial-client']).stdout).toContain('READ FROM THE SNAPSHOT');
  });

  it('is ignored once a rule file changes, so an edited pack counts at once', () => {
    const dir = installedCopy();
    const pack = join(dir, 'rules', 'packs', 'api-officiality.yaml');
    writeFileSync(pack, readFileSync(pack, 'utf8').replace('en: WhatsApp is driven through an unofficial library', 'en: EDITED TITLE'));
    expect(run(dir, ['rules', 'show', 'wa-unofficial-client']).stdout).toContain('EDITED TITLE');
  });

  it('is ignored once routes.yaml changes', () => {
    const dir = installedCopy((snapshot) => snapshot.replaceAll('Cloud API', 'SNAPSHOT ROUTE'));
    const routes = join(dir, 'rules', 'routes.yaml');
    expect(run(dir, ['compare', example('whatsapp-unofficial-marketing.yaml')]).stdout).toContain('SNAPSHOT ROUTE');
    writeFileSync(routes, `${readFileSync(routes, 'utf8')}\n# edited\n`);
    expect(run(dir, ['compare', example('whatsapp-unofficial-marketing.yaml')]).stdout).not.toContain('SNAPSHOT ROUTE');
  });

  it('does not hide a rule error: an edited pack that fails lint stops check with exit 2', () => {
    const dir = installedCopy();
    const pack = join(dir, 'rules', 'packs', 'api-officiality.yaml');
    writeFileSync(pack, readFileSync(pack, 'utf8').replace('{ question: integration, equals: unofficial_library }', '{ question: no_such_question, equals: x }'));
    const result = run(dir, ['check', example('whatsapp-cloud-api-service.yaml')]);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('no_such_question');
  });
});
