import { spawn, spawnSync } from 'node:child_process';
import { readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { CHECK_FORMATS } from '../../src/cli/commands/check.js';
import { cli, CLI, example, ROOT, tempDir } from '../helpers.js';

/**
 * check writes its output piece by piece as it makes it. These tests hold the streamed output of a multi-config run
 * to what a whole-document writer gives: the same bytes on stdout and through -o, JSON and SARIF exactly as
 * JSON.stringify writes the whole document, and config after config exactly what each config gives alone.
 */
const CONFIGS = [...readdirSync(join(ROOT, 'examples')).map((f) => example(f)), join(ROOT, 'test', 'fixtures', 'ci', 'accepted.yaml')];
const DATE = ['--date', '2026-11-27'];

/** A baseline of two configs, so a run over all of them holds new, known and accepted findings at once. */
let baselineArgs: string[] = [];
beforeAll(() => {
  const baseline = join(tempDir(), 'baseline.json');
  const written = cli(['check', ...CONFIGS.slice(0, 2), ...DATE, '--write-baseline', baseline, '--format', 'json']);
  expect([0, 1], written.stderr).toContain(written.code);
  baselineArgs = ['--baseline', baseline];
});

function check(files: string[], format: string, extra: string[] = []) {
  const run = cli(['check', ...files, ...DATE, ...baselineArgs, '--format', format, ...extra]);
  expect([0, 1], run.stderr).toContain(run.code);
  return run;
}

const lastLineCut = (text: string): string => text.slice(0, text.lastIndexOf('\n', text.length - 2) + 1);

describe('check output written in pieces', () => {
  it.each(CHECK_FORMATS)('%s: the same bytes on stdout and through -o, and the same exit code', (format) => {
    const piped = check(CONFIGS, format);
    const file = join(tempDir(), `out.${format}`);
    const written = check(CONFIGS, format, ['-o', file]);
    expect(written.stdout).toBe('');
    expect(readFileSync(file, 'utf8')).toBe(piped.stdout);
    expect(written.code).toBe(piped.code);
  });

  it.each(['json', 'sarif'])('%s: exactly the text JSON.stringify gives for the whole document', (format) => {
    const { stdout } = check(CONFIGS, format);
    expect(stdout).toBe(`${JSON.stringify(JSON.parse(stdout), null, 2)}\n`);
  });

  it.each(['text', 'github'])('%s: config after config what each gives alone, then the run\'s summary line', (format) => {
    const whole = check(CONFIGS, format).stdout;
    const alone = CONFIGS.map((file) => lastLineCut(check([file], format).stdout)).join('');
    expect(lastLineCut(whole)).toBe(alone);
  });

  it('junit: the suites of each config in turn, under totals that add them up', () => {
    const body = (xml: string) => xml.split('\n').slice(2, -2).join('\n');
    const totals = (xml: string) => /<testsuites name="chanrisk" tests="(\d+)" failures="(\d+)"/.exec(xml)?.slice(1).map(Number) ?? [];
    const whole = check(CONFIGS, 'junit').stdout;
    const alone = CONFIGS.map((file) => check([file], 'junit').stdout);
    expect(body(whole)).toBe(alone.map(body).join('\n'));
    expect(totals(whole)).toEqual(alone.map(totals).reduce((sum, [tests = 0, failures = 0]) => [(sum[0] ?? 0) + tests, (sum[1] ?? 0) + failures], [0, 0]));
  });
});

describe('-o when writing fails half-way', () => {
  it('leaves the previous file as it was, and no temp file: exit 2 with the reason', () => {
    const dir = tempDir();
    const target = join(dir, 'chanrisk.json');
    writeFileSync(target, 'previous run\n');
    // A file size limit of 8 KiB (root is bound by it too) stops the write after the first pieces. SIGXFSZ is
    // ignored so the write fails with EFBIG instead of killing the process.
    const files = CONFIGS.map((f) => `"${f}"`).join(' ');
    const run = spawnSync('bash', ['-c', `trap '' XFSZ; ulimit -f 8; exec "${process.execPath}" "${CLI}" check ${files} --format json -o "${target}"`], {
      cwd: ROOT,
      encoding: 'utf8',
      env: { ...process.env, NO_COLOR: '1' },
    });
    expect(run.status, run.stderr).toBe(2);
    expect(run.stderr).toMatch(/^chanrisk: --output: cannot write .*chanrisk\.json \(EFBIG\)/);
    expect(readFileSync(target, 'utf8')).toBe('previous run\n');
    expect(readdirSync(dir)).toEqual(['chanrisk.json']);
  });
});

describe('stdout into a pipe whose reader is slow', () => {
  /** Runs check over `files` as JSON with the bench's probe preloaded; returns stdout, exit code and peak RSS (KB). */
  async function probedRun(files: string[], stdout: 'paused-pipe' | 'file') {
    const rssFile = join(tempDir(), 'rss.txt');
    const args = ['--import', join(ROOT, 'bench', 'rss-probe.mjs'), CLI, 'check', ...files, ...DATE, '--format', 'json'];
    const out = join(tempDir(), 'out.json');
    const child = spawn(process.execPath, stdout === 'file' ? [...args, '-o', out] : args, { cwd: ROOT, env: { ...process.env, NO_COLOR: '1', CHANRISK_BENCH_RSS_FILE: rssFile } });
    const closed = new Promise<number | null>((done) => child.on('close', done));
    child.stderr.resume();
    const chunks: Buffer[] = [];
    child.stdout.pause();
    // Nothing is read for a while: a writer that does not wait would make the whole output meanwhile.
    await new Promise((done) => setTimeout(done, 1500));
    child.stdout.on('data', (chunk: Buffer) => chunks.push(chunk));
    child.stdout.resume();
    const code = await closed;
    const text = stdout === 'file' ? readFileSync(out, 'utf8') : Buffer.concat(chunks).toString('utf8');
    return { text, code, rssKb: Number(readFileSync(rssFile, 'utf8').split(' ')[0]) };
  }

  it('waits for the reader instead of piling the output up in memory, and writes every byte in order', async () => {
    // 300 generated configs give ~25 MB of JSON: held in memory it would show plainly in the peak RSS.
    const dir = tempDir('chanrisk-pipe-');
    const script = `import('./bench/generate.mjs').then((m) => m.writeConfigs(${JSON.stringify(dir)}, 300, { rulesDir: 'rules' }))`;
    expect(spawnSync(process.execPath, ['-e', script], { cwd: ROOT }).status).toBe(0);
    const files = readdirSync(dir).map((f) => join(dir, f));
    const piped = await probedRun(files, 'paused-pipe');
    const written = await probedRun(files, 'file');
    expect(piped.text.length).toBeGreaterThan(10_000_000);
    expect(piped.text).toBe(written.text);
    expect(piped.code).toBe(written.code);
    expect(piped.rssKb, `peak RSS into a paused pipe ${piped.rssKb} KB, into a file ${written.rssKb} KB`).toBeLessThan(written.rssKb + 25 * 1024);
  }, 60_000);
});
