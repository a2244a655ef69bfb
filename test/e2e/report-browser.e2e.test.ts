import { existsSync, readFileSync, statSync } from 'node:fs';
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
});

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

  it('shows the risk matrix and the area bars, and takes a screenshot', async () => {
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
    await page.screenshot({ path: join(dir, 'clinic.de-page.png'), fullPage: true });
    expect(statSync(shot).size).toBeGreaterThan(10_000);
    expect(readFileSync(shot).subarray(1, 4).toString()).toBe('PNG');
    expect(problems).toEqual([]);
  });

  it('starts every section on a new A4 page when printed, and every table and figure fits the page', async () => {
    const { page } = await open(htmlReport(example('multichannel-clinic.yaml'), 'clinic.print.html', 'de'));
    await page.emulateMedia({ media: 'print' });
    // A4 minus the 16 mm side margins of the print stylesheet, in CSS pixels.
    const textWidth = Math.floor(((210 - 32) / 25.4) * 96);
    await page.setViewportSize({ width: textWidth, height: 1200 });
    const widths = await page.locator('table, figure svg').evaluateAll((elements) => elements.map((e) => (e as unknown as { scrollWidth: number }).scrollWidth));
    expect(widths.length).toBeGreaterThan(5);
    for (const width of widths) expect(width).toBeLessThanOrEqual(textWidth);
    // Runs in the page, where globalThis is the window (the project compiles without the DOM library).
    const breaks = await page
      .locator('h2')
      .evaluateAll((headings) => headings.map((h) => (globalThis as unknown as { getComputedStyle(e: unknown): { breakBefore: string } }).getComputedStyle(h).breakBefore));
    expect(breaks[0]).toBe('auto');
    expect(breaks.slice(1).every((b) => b === 'page')).toBe(true);
    const pdf = await page.pdf({ format: 'A4' });
    expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
  });
});
