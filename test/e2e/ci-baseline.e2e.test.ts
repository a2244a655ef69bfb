import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { cli, example, tempDir } from '../helpers.js';

const DATE = ['--date', '2026-11-27'];

/** A temporary git repository with the unofficial-marketing example as channels/prod.yaml. */
function repository(): string {
  const dir = tempDir('chanrisk-repo-');
  expect(spawnSync('git', ['init', '-q', dir]).status).toBe(0);
  mkdirSync(join(dir, 'channels', 'nested'), { recursive: true });
  copyFileSync(example('whatsapp-unofficial-marketing.yaml'), join(dir, 'channels', 'prod.yaml'));
  return dir;
}

const fingerprints = (sarifText: string): string[] =>
  (JSON.parse(sarifText) as { runs: { results: { partialFingerprints: Record<string, string> }[] }[] }).runs[0]!.results.map((r) => r.partialFingerprints['chanrisk/v2']!);

describe('baseline fingerprints hold the config file', () => {
  it('a staging config copied from prod fails against a baseline written from prod alone', () => {
    const dir = repository();
    copyFileSync(join(dir, 'channels', 'prod.yaml'), join(dir, 'channels', 'staging.yaml'));
    expect(cli(['check', 'channels/prod.yaml', '--write-baseline', 'bl.json', ...DATE], { cwd: dir }).code).toBe(0);
    const recorded = JSON.parse(readFileSync(join(dir, 'bl.json'), 'utf8'));
    expect(recorded.formatVersion).toBe(2);
    expect(new Set(recorded.findings.map((f: { config: string }) => f.config))).toEqual(new Set(['channels/prod.yaml']));

    const run = cli(['check', 'channels/prod.yaml', 'channels/staging.yaml', '--baseline', 'bl.json', '--format', 'json', ...DATE], { cwd: dir });
    expect(run.code).toBe(1);
    const [prod, staging] = JSON.parse(run.stdout).assessments as { targets: { findings: { baseline: string }[] }[] }[];
    const states = (a: typeof prod) => new Set(a!.targets.flatMap((t) => t.findings.map((f) => f.baseline)));
    expect(states(prod)).toEqual(new Set(['known']));
    expect(states(staging)).toEqual(new Set(['new']));
  });

  it('gives the same fingerprints and paths from the root, a subfolder and outside the repository', () => {
    const dir = repository();
    const fromRoot = cli(['check', 'channels/prod.yaml', '--format', 'sarif', ...DATE], { cwd: dir });
    const fromSub = cli(['check', '../prod.yaml', '--format', 'sarif', ...DATE], { cwd: join(dir, 'channels', 'nested') });
    const fromOutside = cli(['check', join(dir, 'channels', 'prod.yaml'), '--format', 'sarif', ...DATE], { cwd: tempDir() });
    expect(fingerprints(fromRoot.stdout).length).toBeGreaterThan(0);
    expect(fingerprints(fromSub.stdout)).toEqual(fingerprints(fromRoot.stdout));
    expect(fingerprints(fromOutside.stdout)).toEqual(fingerprints(fromRoot.stdout));
    expect(fromSub.stdout).toBe(fromRoot.stdout);
    expect(fromOutside.stdout).toBe(fromRoot.stdout);

    // A baseline written in a subfolder hides the same findings when checked from the root.
    expect(cli(['check', '../prod.yaml', '--write-baseline', join(dir, 'bl.json'), ...DATE], { cwd: join(dir, 'channels', 'nested') }).code).toBe(0);
    expect(cli(['check', 'channels/prod.yaml', '--baseline', 'bl.json', ...DATE], { cwd: dir }).code).toBe(0);
  });

  it('reads a version-1 baseline with a warning in the output language that says how to rewrite it', () => {
    const dir = repository();
    expect(cli(['check', 'channels/prod.yaml', '--write-baseline', 'bl.json', ...DATE], { cwd: dir }).code).toBe(0);
    // A version-1 file as chanrisk 0.1.0 wrote it: no config, fingerprints over rule, target and answers.
    const current = JSON.parse(readFileSync(join(dir, 'bl.json'), 'utf8')) as { findings: { rule: string; target: string; answers: string[] }[] };
    const { createHash } = process.getBuiltinModule('node:crypto');
    const v1 = {
      formatVersion: 1,
      date: '2026-11-27',
      findings: current.findings.map(({ rule, target, answers, level }: { rule: string; target: string; answers: string[]; level?: string }) => ({
        fingerprint: createHash('sha256').update(JSON.stringify([rule, target, answers])).digest('hex').slice(0, 32),
        rule,
        target,
        answers,
        level,
      })),
    };
    writeFileSync(join(dir, 'v1.json'), JSON.stringify(v1));
    const en = cli(['check', 'channels/prod.yaml', '--baseline', 'v1.json', ...DATE], { cwd: dir });
    expect(en.code).toBe(0);
    expect(en.stderr).toMatch(/^warning: v1\.json: a version-1 baseline.*Rewrite it with chanrisk check … --write-baseline v1\.json$/m);
    const de = cli(['check', 'channels/prod.yaml', '--baseline', 'v1.json', '--lang', 'de', ...DATE], { cwd: dir });
    expect(de.stderr).toMatch(/^warning: v1\.json: eine Baseline im Format 1, .* mit chanrisk check … --write-baseline v1\.json neu\.$/m);
  });
});
