import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { cli, example, ROOT, tempDir } from '../helpers.js';

const DATE = ['--date', '2026-11-27'];

/** A git repository with two channel configs under channels/ and an empty subfolder to run from. */
function repository(project?: string): string {
  const dir = tempDir('chanrisk-project-');
  expect(spawnSync('git', ['init', '-q', dir]).status).toBe(0);
  mkdirSync(join(dir, 'channels'));
  mkdirSync(join(dir, 'src', 'deep'), { recursive: true });
  copyFileSync(example('whatsapp-unofficial-marketing.yaml'), join(dir, 'channels', 'marketing.yaml'));
  copyFileSync(example('whatsapp-cloud-api-service.yaml'), join(dir, 'channels', 'service.yaml'));
  if (project !== undefined) writeFileSync(join(dir, '.chanrisk.yaml'), project);
  return dir;
}

describe('check without a config: the project file .chanrisk.yaml', () => {
  it('is found from a subfolder up to the repository root; its globs and paths are relative to its own folder', () => {
    const dir = repository();
    expect(cli(['check', 'channels/marketing.yaml', 'channels/service.yaml', '--write-baseline', 'bl.json', ...DATE], { cwd: dir }).code).toBe(0);
    writeFileSync(join(dir, '.chanrisk.yaml'), 'configs:\n  - "channels/*.yaml"\nfail_on: critical\nlang: de\nbaseline: bl.json\n');
    const run = cli(['check', '--format', 'json', ...DATE], { cwd: join(dir, 'src', 'deep') });
    expect(run.code, run.stderr).toBe(0);
    const doc = JSON.parse(run.stdout);
    expect(doc.assessments.map((a: { file: string }) => a.file)).toEqual(['../../channels/marketing.yaml', '../../channels/service.yaml']);
    expect(doc.failOn).toBe('critical');
    expect(doc.lang).toBe('de');
    // The baseline from the project file is in force: every finding is known.
    const states = doc.assessments.flatMap((a: { targets: { findings: { baseline: string }[] }[] }) => a.targets.flatMap((t) => t.findings.map((f) => f.baseline)));
    expect(new Set(states)).toEqual(new Set(['known']));
  });

  it('is overridden by flags', () => {
    const dir = repository('configs: [channels/marketing.yaml]\nfail_on: never\n');
    expect(cli(['check', ...DATE], { cwd: dir }).code).toBe(0);
    expect(cli(['check', '--fail-on', 'critical', ...DATE], { cwd: dir }).code).toBe(1);
    // A config named on the command line replaces the file's list, not its other settings: fail_on still holds.
    expect(cli(['check', 'channels/marketing.yaml', ...DATE], { cwd: dir }).code).toBe(0);
    expect(cli(['check', 'channels/marketing.yaml', '--fail-on', 'high', ...DATE], { cwd: dir }).code).toBe(1);
  });

  it('keeps its scan for a config named on the command line, as a pre-commit hook names the staged files', () => {
    const dir = repository('configs: ["channels/*.yaml"]\nscan: .\n');
    writeFileSync(join(dir, 'package.json'), '{ "name": "shop", "dependencies": { "@whiskeysockets/baileys": "^6.7.0" } }\n');
    // The service config declares the official Cloud API; the code shows an unofficial client.
    const named = cli(['check', 'channels/service.yaml', '--format', 'json', ...DATE], { cwd: dir });
    expect(named.code, named.stderr).toBe(1);
    const rules = JSON.parse(named.stdout).assessments[0].targets.flatMap((t: { findings: { rule: string }[] }) => t.findings.map((f) => f.rule));
    expect(rules).toContain('evidence-contradiction');
    // A broken project file is reported even then, instead of being skipped silently.
    writeFileSync(join(dir, '.chanrisk.yaml'), 'not: [valid');
    expect(cli(['check', 'channels/service.yaml', ...DATE], { cwd: dir }).code).toBe(2);
  });

  it('falls back to chanrisk.yaml in the working folder, the file init writes', () => {
    const dir = repository();
    expect(cli(['init'], { cwd: dir }).code).toBe(0);
    expect(readdirSync(dir)).toContain('chanrisk.yaml');
    const run = cli(['check', '--format', 'json', ...DATE], { cwd: dir });
    expect([0, 1]).toContain(run.code);
    expect(JSON.parse(run.stdout).assessments.map((a: { file: string }) => a.file)).toEqual(['chanrisk.yaml']);
  });

  it('exits 2 with a clear message when there is neither', () => {
    const run = cli(['check'], { cwd: repository() });
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/no config named, and neither \.chanrisk\.yaml .* nor chanrisk\.yaml here\n {2}hint: .*chanrisk init/);
  });

  it.each([
    ['an unknown key, with a suggestion', 'configs: [channels/marketing.yaml]\nfail_onn: high\n', /^chanrisk: \.chanrisk\.yaml:2:1: unknown key "fail_onn" in the file\n {2}hint: did you mean "fail_on"\?/],
    ['a wrong level', 'configs: [channels/marketing.yaml]\nfail_on: hihg\n', /^chanrisk: \.chanrisk\.yaml:2:10: fail_on: "hihg" is not allowed\n {2}hint: did you mean "high"\?/],
    ['a glob that matches nothing', 'configs:\n  - "chanels/*.yaml"\n', /^chanrisk: \.chanrisk\.yaml:2:5: configs: "chanels\/\*\.yaml" matches no file/],
    ['scan_exclude that is not a list', 'configs: [channels/marketing.yaml]\nscan_exclude: test/**\n', /^chanrisk: \.chanrisk\.yaml:2:15: scan_exclude: expected array, got/],
    ['a missing configs key', 'fail_on: high\n', /^chanrisk: \.chanrisk\.yaml:1:1: configs: required array is missing/],
    ['broken YAML', 'configs: [channels/marketing.yaml\n', /^chanrisk: \.chanrisk\.yaml:\d+:\d+: /],
  ])('validates like a channel config: %s → exit 2 with file:line:column', (_name, text, message) => {
    const run = cli(['check'], { cwd: repository(text) });
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(message);
    expect(run.stderr).not.toMatch(/\n\s+at /);
  });

  it('keeps the project-file code out of the bundle a plain check loads', () => {
    const bundle = readFileSync(join(ROOT, 'dist', 'chanrisk.js'), 'utf8');
    expect(bundle).not.toContain('matches no file');
    expect(bundle).toMatch(/import\("\.\/chunks\/project-file-[\w]+\.js"\)/);
  });
});
