import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cli, example, ROOT, tempDir } from '../helpers.js';

// The Debian package; .ci/run installs it where missing.
const CHROMIUM = '/usr/bin/chromium';
const ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run', '--disable-sync'];

let browser: Browser;
const dir = tempDir('chanrisk-report-browser-');

beforeAll(async () => {
  if (!existsSync(CHROMIUM)) throw new Error(`${CHROMIUM} is missing: apt-get install -y --no-install-recommends chromium`);
  browser = await chromium.launch({ executablePath: CHROMIUM, args: ARGS });
}, 60_000);

afterAll(async () => {
  await browser?.close();
}, 60_000);

function htmlReport(config: string, name: string, lang = 'en'): string {
  const file = join(dir, name);
  const run = cli(['report', config, '--date', '2026-11-27', '--lang', lang, '-o', file]);
  expect(run.code, run.stderr).toBe(0);
  return file;
}

interface Observed {
  page: Page;
  problems: string[];
}

/** Opens a report with its own CSP switched off, so what is proven is the escaping, not the policy. */
async function open(file: string): Promise<Observed> {
  const context = await browser.newContext({ bypassCSP: true, viewport: { width: 1100, height: 1400 } });
  const page = await context.newPage();
  const problems: string[] = [];
  page.on('console', (message) => {
    if (message.type() === 'error') problems.push(`console: ${message.text()}`);
  });
  page.on('pageerror', (error) => problems.push(`page error: ${error.message}`));
  page.on('dialog', (dialog) => {
    problems.push(`dialog: ${dialog.message()}`);
    void dialog.dismiss();
  });
  page.on('request', (request) => {
    if (!request.url().startsWith('file:')) problems.push(`request: ${request.url()}`);
  });
  await page.goto(`file://${file}`, { waitUntil: 'load' });
  return { page, problems };
}

describe('HTML report in headless Chromium', { timeout: 60_000 }, () => {
  it('runs nothing from injected names, logs no error, requests nothing', async () => {
    const { page, problems } = await open(htmlReport(join(ROOT, 'test', 'fixtures', 'report', 'hostile.yaml'), 'hostile.html'));
    expect(await page.evaluate(() => (globalThis as { __pwned?: boolean }).__pwned)).toBeUndefined();
    expect(await page.locator('img, script, iframe, object, [onerror], [onload], [onmouseover]').count()).toBe(0);
    await expect(page.locator('h1').textContent()).resolves.toBe('Messenger risk assessment: <img src=x onerror=alert(1)>');
    await page.locator('h1').hover();
    expect(problems).toEqual([]);
  });

  it('shows the risk matrix and the area bars, and takes a screenshot', { timeout: 180_000 }, async () => {
    const { page, problems } = await open(htmlReport(example('multichannel-clinic.yaml'), 'clinic.de.html', 'de'));
    const matrix = page.locator('figure.matrix svg');
    await expect(matrix.isVisible()).resolves.toBe(true);
    const box = await matrix.boundingBox();
    expect(box?.width).toBeGreaterThan(400);
    expect(box?.height).toBeGreaterThan(300);
    expect(await matrix.locator('circle').count()).toBeGreaterThan(0);
    await expect(page.locator('figure.bars svg').isVisible()).resolves.toBe(true);
    const shot = join(dir, 'clinic.de.png');
    await matrix.screenshot({ path: shot });
    await page.screenshot({ path: join(dir, 'clinic.de-page.png'), fullPage: true, timeout: 120_000 });
    expect(statSync(shot).size).toBeGreaterThan(10_000);
    expect(readFileSync(shot).subarray(1, 4).toString()).toBe('PNG');
    expect(problems).toEqual([]);
  });

  it('keeps every table and figure within the A4 text width when printed, with no forced page break', { timeout: 180_000 }, async () => {
    const { page } = await open(htmlReport(example('multichannel-clinic.yaml'), 'clinic.print.html', 'de'));
    await page.emulateMedia({ media: 'print' });
    // A4 minus the 14 mm side margins of the print stylesheet, in CSS pixels.
    const textWidth = Math.floor(((210 - 28) / 25.4) * 96);
    await page.setViewportSize({ width: textWidth, height: 1200 });
    const widths = await page.locator('table, figure svg').evaluateAll((elements) => elements.map((e) => (e as unknown as { scrollWidth: number }).scrollWidth));
    expect(widths.length).toBeGreaterThan(5);
    for (const width of widths) expect(width).toBeLessThanOrEqual(textWidth);
    // Runs in the page, where globalThis is the window (the project compiles without the DOM library).
    type Style = { breakBefore: string; breakAfter: string; breakInside: string; hyphens: string; overflowWrap: string };
    const style = (selector: string): Promise<Style[]> =>
      page.locator(selector).evaluateAll((elements) =>
        elements.map((e) => {
          const s = (globalThis as unknown as { getComputedStyle(e: unknown): Style }).getComputedStyle(e);
          return { breakBefore: s.breakBefore, breakAfter: s.breakAfter, breakInside: s.breakInside, hyphens: s.hyphens, overflowWrap: s.overflowWrap };
        }),
      );
    // Sections flow on: a page that holds a lone heading came from forced breaks before every section.
    for (const h2 of await style('h2')) expect(h2.breakBefore).toBe('auto');
    for (const heading of await style('h2, h3, h4')) expect(heading.breakAfter).toBe('avoid');
    // Long tables run over pages; their rows do not.
    for (const table of await style('table')) expect(table.breakInside).toBe('auto');
    for (const row of await style('tr')) expect(row.breakInside).toBe('avoid');
    // Words break where German hyphenation allows, never mid-word to fit a cell ("Bestandskundenausnah me").
    for (const cell of await style('td, p')) {
      expect(cell.hyphens).toBe('auto');
      expect(cell.overflowWrap).toBe('normal');
    }
    expect(await page.locator('html').getAttribute('lang')).toBe('de');
  });

  it('lists every open finding in its matrix cell, with no "+n"', async () => {
    const { page } = await open(htmlReport(example('whatsapp-unofficial-marketing.yaml'), 'marketing.en.html'));
    const markers = await page.locator('figure.matrix svg text.marker').allTextContents();
    const refs = readFileSync(join(dir, 'marketing.en.html'), 'utf8').match(/<h4 class="finding[^>]*>F\d+/g)?.map((h) => h.replace(/.*>/, '')) ?? [];
    expect(refs.length).toBeGreaterThan(10);
    expect(markers.sort()).toEqual(refs.sort());
    expect(await page.locator('figure.matrix svg text').allTextContents()).not.toContainEqual(expect.stringMatching(/^\+\d+$/));
  });

  // The page targets of the issue, printed as a user prints: A4 from the report's own print stylesheet.
  it.each([
    ['whatsapp-unofficial-marketing', 12, example('whatsapp-unofficial-marketing.yaml')],
    ['retailer-two-channels', 25, join(ROOT, 'test', 'fixtures', 'report', 'retailer-two-channels.yaml')],
  ] as const)('prints %s on at most %i A4 pages in both languages, each page numbered', { timeout: 240_000 }, async (name, limit, config) => {
    for (const lang of ['en', 'de']) {
      const { page } = await open(htmlReport(config, `${name}.${lang}.html`, lang));
      const pdf = await page.pdf({ format: 'A4' });
      const pages = pdf.toString('latin1').match(/\/Type\s*\/Page\b(?!s)/g)?.length ?? 0;
      expect(pages, `${name} ${lang}`).toBeGreaterThan(2);
      expect(pages, `${name} ${lang}`).toBeLessThanOrEqual(limit);
      const file = join(dir, `${name}.${lang}.pdf`);
      writeFileSync(file, pdf);
      // The page number comes from the stylesheet's @page margin box, which Chromium's print renders.
      for (const at of [1, pages]) {
        const text = spawnSync('pdftotext', ['-f', String(at), '-l', String(at), '-layout', file, '-'], { encoding: 'utf8' });
        expect(text.status, text.stderr).toBe(0);
        expect(text.stdout.trim().split('\n').at(-1)?.trim()).toBe(`${at} / ${pages}`);
      }
    }
  });
});
