import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { cli, CLI, example, ROOT, tempDir } from '../helpers.js';

const DATE = ['--date', '2026-11-27'];
const HOSTILE = join(ROOT, 'test', 'fixtures', 'report', 'hostile.yaml');

const has = (command: string): boolean => spawnSync('sh', ['-c', `command -v ${command}`]).status === 0;
// CI installs LibreOffice (.ci/run); a developer without it skips only this conversion, never CI.
const office = has('soffice') || process.env.CI === 'true';

describe('chanrisk report --format docx', { timeout: 120_000 }, () => {
  it('writes a .docx by --format docx or by an -o name ending in .docx', () => {
    const cwd = tempDir();
    expect(cli(['report', example('multichannel-clinic.yaml'), ...DATE, '--format', 'docx'], { cwd }).code).toBe(0);
    const byFormat = join(cwd, 'reports', 'physio-am-park-mvz-gmbh-2026-11-27.docx');
    expect(readFileSync(byFormat).subarray(0, 4).toString('latin1')).toBe('PK\u0003\u0004');
    const run = cli(['report', example('multichannel-clinic.yaml'), ...DATE, '-o', 'Client.DOCX', '--lang', 'de'], { cwd });
    expect(run.stdout).toContain('Bericht gespeichert: Client.DOCX');
    expect(readFileSync(join(cwd, 'Client.DOCX')).includes('word/document.xml')).toBe(true);
  });

  it('gives byte-identical files for the same input, in any time zone', () => {
    const cwd = tempDir();
    expect(cli(['report', HOSTILE, ...DATE, '-o', 'a.docx'], { cwd, env: { TZ: 'UTC' } }).code).toBe(0);
    expect(cli(['report', HOSTILE, ...DATE, '-o', 'b.docx'], { cwd, env: { TZ: 'America/Los_Angeles' } }).code).toBe(0);
    expect(readFileSync(join(cwd, 'a.docx')).equals(readFileSync(join(cwd, 'b.docx')))).toBe(true);
  });

  it('refuses a missing folder with exit 2 and writes nothing', () => {
    const cwd = tempDir();
    const run = cli(['report', example('multichannel-clinic.yaml'), ...DATE, '-o', 'missing/r.docx'], { cwd });
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('the folder missing does not exist');
    expect(readdirSync(cwd)).toEqual([]);
  });

  it('loads the docx library only for a Word report: neither check nor the HTML report carries it', () => {
    const wordChunk = (text: string) => text.includes('officedocument.wordprocessingml');
    expect(wordChunk(readFileSync(CLI, 'utf8'))).toBe(false);
    const chunks = readdirSync(join(ROOT, 'dist', 'chunks')).map((f) => readFileSync(join(ROOT, 'dist', 'chunks', f), 'utf8'));
    const word = chunks.filter(wordChunk);
    expect(word.length).toBe(1);
    expect(word[0]).not.toContain('break-before: page');
  });

  it.runIf(office)('opens in LibreOffice: the PDF shows the verdict, the sections, page numbers and a sensible length', () => {
    const cwd = tempDir();
    expect(cli(['report', example('whatsapp-unofficial-marketing.yaml'), ...DATE, '--lang', 'de', '-o', 'bericht.docx'], { cwd }).code).toBe(0);
    const convert = spawnSync('soffice', [`-env:UserInstallation=file://${join(cwd, 'profile')}`, '--headless', '--convert-to', 'pdf', '--outdir', cwd, join(cwd, 'bericht.docx')], {
      encoding: 'utf8',
      timeout: 110_000,
    });
    expect(existsSync(join(cwd, 'bericht.pdf')), `${convert.stdout}${convert.stderr}`).toBe(true);
    const text = spawnSync('pdftotext', ['-layout', join(cwd, 'bericht.pdf'), '-'], { encoding: 'utf8' }).stdout;
    const pages = Number(/Pages:\s+(\d+)/.exec(spawnSync('pdfinfo', [join(cwd, 'bericht.pdf')], { encoding: 'utf8' }).stdout)?.[1]);
    expect(text).toContain('Risikobewertung Messenger-Einsatz: Modehaus Beispiel GmbH');
    expect(text).toContain('Gesamtbewertung: Kritisch');
    expect(text).toContain('Die betroffenen Kanäle sollten in der geplanten Form nicht betrieben werden');
    for (const section of ['Inhaltsverzeichnis', 'Risikomatrix', 'Maßnahmenplan', 'Offene Punkte', 'Methode', 'Anlage C: Quellen']) expect(text).toContain(section);
    expect(text).not.toContain('TOC \\h'); // the table of contents shows entries, not its field code
    expect(text).toContain(`Seite 1 von ${pages}`);
    expect(text).toContain(`Seite ${pages} von ${pages}`);
    expect(pages).toBeGreaterThanOrEqual(8);
    expect(pages).toBeLessThanOrEqual(30);
  });
});
