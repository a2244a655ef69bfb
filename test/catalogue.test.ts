import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { lint } from 'markdownlint/sync';
import { beforeAll, describe, expect, it } from 'vitest';
import { cli, ROOT, tempDir } from './helpers.js';

/** The project's markdownlint settings: every rule on, except line length (tables cannot wrap). */
const MARKDOWNLINT = { default: true, MD013: false };

function catalogue(lang: 'en' | 'de', extra: string[] = []): string {
  const run = cli(['rules', 'list', '--format', 'markdown', '--lang', lang, ...extra]);
  expect(run.stderr).toBe('');
  expect(run.code).toBe(0);
  return run.stdout;
}

const lintProblems = (documents: Record<string, string>): string => lint({ strings: documents, config: MARKDOWNLINT }).toString();

describe('rules list --format markdown (the rule catalogue)', () => {
  // The built CLI is slow to start under load: render each language once.
  const rendered = { en: '', de: '' };
  beforeAll(() => {
    rendered.en = catalogue('en');
    rendered.de = catalogue('de');
  }, 60_000);

  it('matches the committed rules/CATALOGUE.md — run `npm run catalogue` after changing a pack', () => {
    const committed = readFileSync(join(ROOT, 'rules', 'CATALOGUE.md'), 'utf8');
    expect(committed, 'rules/CATALOGUE.md is stale: run `npm run catalogue` and commit it').toBe(rendered.en);
  });

  it('passes markdownlint in English and German', () => {
    expect(lintProblems({ 'CATALOGUE.en.md': rendered.en, 'CATALOGUE.de.md': rendered.de })).toBe('');
  });

  it('has one row per rule, under its pack, with linked sources', () => {
    const markdown = rendered.en;
    const list = cli(['rules', 'list', '--format', 'json']);
    const rules = JSON.parse(list.stdout) as { id: string; pack: string }[];
    expect(rules.length).toBeGreaterThan(0);
    for (const rule of rules) {
      expect(markdown.split(`\n| \`${rule.id}\` |`).length - 1, rule.id).toBe(1);
      const packAt = markdown.indexOf(`Pack \`${rule.pack}\``);
      expect(packAt, rule.pack).toBeGreaterThan(-1);
      expect(markdown.indexOf(`| \`${rule.id}\` |`)).toBeGreaterThan(packAt);
    }
    const row = markdown.split('\n').find((line) => line.startsWith('| `wa-unofficial-client` |'));
    expect(row).toContain('[WhatsApp Messaging Guidelines](https://www.whatsapp.com/legal/messaging-guidelines)');
    expect(row).toMatch(/, dated \d{4}-\d{2}-\d{2}, checked \d{4}-\d{2}-\d{2}/);
    expect(row).toMatch(/\| sources checked (\d{4}-\d{2}-\d{2}); every 90 days; next due \d{4}-\d{2}-\d{2} \|/);
  });

  it('speaks German with --lang de: headings, columns, levels and platform names', () => {
    const de = rendered.de;
    expect(de.startsWith('# Regelkatalog\n')).toBe(true);
    expect(de).toContain('| Regel | Titel | Bereich | Stufe | Kanäle | Quellen | Prüfung | In Kraft | Verzichtbar |');
    expect(de).toMatch(/\| (niedrig|mittel|hoch|kritisch)(–(mittel|hoch|kritisch))? \|/);
    expect(rendered.en).not.toContain('| Regel |');
  });

  it('keeps the table intact when an organisation pack uses pipes, brackets and angle brackets in its texts', () => {
    const dir = tempDir();
    mkdirSync(join(dir, 'packs'));
    writeFileSync(
      join(dir, 'packs', 'ours.yaml'),
      [
        'pack: { id: ours, title: { en: "Our | own rules", de: "Unsere | eigenen Regeln" }, version: "1" }',
        'rules:',
        '  - id: ours-pipes',
        '    area: records',
        '    channels: ["*"]',
        '    title: { en: "Chats <kept> | or not", de: "Chats <aufbewahrt> | oder nicht" }',
        '    condition: { question: archiving, equals: none }',
        '    impact: limited',
        '    likelihood: limited',
        '    finding: { en: Chats are not archived at all here., de: Chats werden hier gar nicht archiviert. }',
        '    recommendation: { en: Archive them in the CRM every day., de: Sie täglich im CRM archivieren. }',
        '    mitigation: { set: { archiving: automatic_archive } }',
        '    sources: [{ title: "Policy [internal] | v2", url: "https://example.org/policy", section: "a | b", date: 2026-01-01, checked: 2026-11-27 }]',
        '    review_days: 365',
        '    waivable: true',
        '    tests: { fires: [{ answers: { archiving: none } }], passes: [{ answers: { archiving: automatic_archive } }] }',
        '',
      ].join('\n'),
    );
    const markdown = catalogue('en', ['--rules', join(dir, 'packs')]);
    expect(lintProblems({ 'ours.md': markdown })).toBe('');
    const row = markdown.split('\n').find((line) => line.startsWith('| `ours-pipes` |'));
    expect(row).toContain('Chats &lt;kept> \\| or not');
    expect(row).toContain('[Policy \\[internal\\] \\| v2](https://example.org/policy), a \\| b');
    expect(row).toContain('| all platforms |');
    expect(markdown).toContain('\nPack `ours`, version 1, 1 rule.\n');
  });
});
