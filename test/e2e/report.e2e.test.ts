import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { cli, CLI, example, ROOT, tempDir } from '../helpers.js';

const DATE = ['--date', '2026-11-27'];
const HOSTILE = join(ROOT, 'test', 'fixtures', 'report', 'hostile.yaml');

// Each case runs the CLI up to three times; a loaded machine needs more than the default timeout.
describe('chanrisk report', { timeout: 60_000 }, () => {
  it('writes reports/<organisation>-<date>.md by default and exits 0 even for a critical verdict', () => {
    const cwd = tempDir();
    const run = cli(['report', example('whatsapp-unofficial-marketing.yaml'), ...DATE], { cwd });
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('reports/modehaus-beispiel-gmbh-2026-11-27.md');
    expect(readFileSync(join(cwd, 'reports', 'modehaus-beispiel-gmbh-2026-11-27.md'), 'utf8')).toMatch(/^# Messenger risk assessment: Modehaus Beispiel GmbH\n/);
    expect(readdirSync(join(cwd, 'reports'))).toEqual(['modehaus-beispiel-gmbh-2026-11-27.md']);
  });

  it('writes HTML by --format or by an .html file name', () => {
    const cwd = tempDir();
    expect(cli(['report', example('multichannel-clinic.yaml'), ...DATE, '--format', 'html'], { cwd }).code).toBe(0);
    expect(existsSync(join(cwd, 'reports', 'physio-am-park-mvz-gmbh-2026-11-27.html'))).toBe(true);
    expect(cli(['report', example('multichannel-clinic.yaml'), ...DATE, '-o', 'client.html', '--lang', 'de'], { cwd }).code).toBe(0);
    expect(readFileSync(join(cwd, 'client.html'), 'utf8')).toMatch(/^<!DOCTYPE html>\n<html lang="de">/);
  });

  it('keeps an existing file unless --force', () => {
    const cwd = tempDir();
    writeFileSync(join(cwd, 'r.md'), 'mine\n');
    const refused = cli(['report', example('multichannel-clinic.yaml'), ...DATE, '-o', 'r.md'], { cwd });
    expect(refused.code).toBe(2);
    expect(refused.stderr).toContain('r.md already exists');
    expect(refused.stderr).toContain('--force');
    expect(readFileSync(join(cwd, 'r.md'), 'utf8')).toBe('mine\n');

    const forced = cli(['report', example('multichannel-clinic.yaml'), ...DATE, '-o', 'r.md', '--force'], { cwd });
    expect(forced.code).toBe(0);
    expect(readFileSync(join(cwd, 'r.md'), 'utf8')).toContain('# Messenger risk assessment: Physio am Park MVZ GmbH');
    expect(readdirSync(cwd)).toEqual(['r.md']);
  });

  it('refuses a missing folder with exit 2 and writes nothing', () => {
    const cwd = tempDir();
    const run = cli(['report', example('multichannel-clinic.yaml'), ...DATE, '-o', 'missing/r.md', '--lang', 'de'], { cwd });
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('Der Ordner missing existiert nicht');
    expect(run.stderr).not.toMatch(/\n\s+at /);
    expect(readdirSync(cwd)).toEqual([]);
  });

  it('refuses a path it cannot write (a folder) with exit 2 and leaves no temp file', () => {
    const cwd = tempDir();
    mkdirSync(join(cwd, 'out'));
    const run = cli(['report', example('multichannel-clinic.yaml'), ...DATE, '-o', 'out'], { cwd });
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('cannot write out: it is a folder');
    expect(readdirSync(cwd)).toEqual(['out']);
    expect(readdirSync(join(cwd, 'out'))).toEqual([]);
  });

  it('writes nothing for an invalid config or option', () => {
    const cwd = tempDir();
    writeFileSync(join(cwd, 'bad.yaml'), 'organisation:\n  name: X\nchannels: []\n');
    const bad = cli(['report', 'bad.yaml', ...DATE], { cwd });
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/bad\.yaml:\d+:\d+/);
    const format = cli(['report', example('multichannel-clinic.yaml'), ...DATE, '--format', 'htm'], { cwd });
    expect(format.code).toBe(2);
    expect(format.stderr).toContain('did you mean "html"?');
    expect(readdirSync(cwd)).toEqual(['bad.yaml']);
  });

  it.each(['md', 'html'])('gives byte-identical files for the same input (%s)', (ext) => {
    const cwd = tempDir();
    for (const name of ['a', 'b']) expect(cli(['report', HOSTILE, ...DATE, '-o', `${name}.${ext}`], { cwd }).code).toBe(0);
    const a = readFileSync(join(cwd, `a.${ext}`));
    expect(a.length).toBeGreaterThan(10_000);
    expect(a.equals(readFileSync(join(cwd, `b.${ext}`)))).toBe(true);
  });

  it('keeps marked and the report code out of the main bundle that check loads', () => {
    const main = readFileSync(CLI, 'utf8');
    expect(main).not.toContain('@bottom-center');
    expect(main).not.toContain('input parameter is undefined or null'); // marked's own error text
    const chunks = readdirSync(join(ROOT, 'dist', 'chunks')).map((f) => readFileSync(join(ROOT, 'dist', 'chunks', f), 'utf8'));
    expect(chunks.some((c) => c.includes('@bottom-center'))).toBe(true);
  });
});
