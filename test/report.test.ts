import fc from 'fast-check';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Marked, type Tokens } from 'marked';
import { lint } from 'markdownlint/sync';
import { beforeAll, describe, expect, it } from 'vitest';
import { applyAcceptances } from '../src/engine/acceptance.js';
import { evaluateAssessment } from '../src/engine/evaluate.js';
import { rankActions } from '../src/engine/whatif.js';
import { loadConfigFile, parseConfig } from '../src/config/load.js';
import { loadPolicyStrict } from '../src/policy/load.js';
import type { Lang, Policy } from '../src/policy/model.js';
import { mdText, slug } from '../src/report/escape.js';
import { renderHtml } from '../src/report/html.js';
import { renderMarkdown } from '../src/report/markdown.js';
import { numberFindings, type ReportInput } from '../src/report/model.js';
import { example, ROOT } from './helpers.js';

const DATE = '2026-11-27';
const HOSTILE = join(ROOT, 'test', 'fixtures', 'report', 'hostile.yaml');
const ACCEPTED = join(ROOT, 'test', 'fixtures', 'ci', 'accepted.yaml');
const LINT_CONFIG = JSON.parse(readFileSync(join(ROOT, '.markdownlint.json'), 'utf8')) as Record<string, unknown>;

let policy: Policy;
beforeAll(() => {
  policy = loadPolicyStrict({ extraDirs: [] });
});

function reportInput(file: string, lang: Lang): ReportInput {
  const { assessment } = loadConfigFile(file, policy.questionnaire);
  const settle = (r: ReturnType<typeof evaluateAssessment>) => applyAcceptances(r, assessment.acceptances ?? [], DATE).result;
  const result = settle(evaluateAssessment(policy, assessment, { date: DATE }));
  return { tool: { name: 'chanrisk', version: '0.0.0-test' }, date: DATE, lang, policy, assessment, result, actions: rankActions(policy, assessment, result, { date: DATE }, settle) };
}

const lintErrors = (markdown: string): string => lint({ strings: { report: markdown }, config: LINT_CONFIG }).toString();

/** The text a browser shows for marked's HTML of one paragraph, or undefined when it holds a tag. */
function shownText(html: string): string | undefined {
  const inner = html.replace(/^<p>/, '').replace(/<\/p>\n$/, '');
  if (/</.test(inner)) return undefined;
  return inner.replace(/&quot;/g, '"').replace(/&#39;/g, "'").replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&');
}

const marked = new Marked({ gfm: true });
const SPECIAL = [...'<>&|*_`[]#~\\-+=!(){}\n\r\t 1.)ab"\'/:;'];

describe('mdText', () => {
  it('shows any string as exactly its text, with no tag and no Markdown effect', () => {
    fc.assert(
      fc.property(fc.string({ unit: fc.constantFrom(...SPECIAL), maxLength: 40 }), (value) => {
        const folded = value.replace(/\s+/g, ' ').trim();
        const html = marked.parse(mdText(value), { async: false });
        expect(html === '' ? '' : shownText(html)).toBe(folded);
      }),
      {
        seed: 20261127,
        numRuns: 2000,
        examples: ['---', '===', '***', '___', '- x', '+ x', '1. x', '1) x', '> x', '# x', '    code', '```', '~~~', '<!-- c -->', '[a]: /x', '<div>', '\\'].map((e) => [e]),
      },
    );
  });

  it('keeps a table cell one cell, whatever the string holds', () => {
    fc.assert(
      fc.property(fc.string({ unit: fc.constantFrom(...SPECIAL), maxLength: 40 }), (value) => {
        const html = marked.parse(`| a | b |\n| --- | --- |\n| ${mdText(value) || ' '} | x |\n`, { async: false });
        expect(html.match(/<td>/g)).toHaveLength(2);
      }),
      { seed: 20261127, numRuns: 1000 },
    );
  });

  it('renders the hostile names of the issue as text', () => {
    expect(mdText('<img src=x onerror=alert(1)>')).toBe('&lt;img src=x onerror=alert(1)&gt;');
    expect(mdText('| **x** |')).toBe('\\| \\*\\*x\\*\\* \\|');
    expect(mdText('a\n# b\r\nc')).toBe('a \\# b c');
  });
});

describe('slug', () => {
  it('makes a file name from any organisation name', () => {
    expect(slug('Heizungsbau Schmidt & Söhne')).toBe('heizungsbau-schmidt-soehne');
    expect(slug('Café Größe')).toBe('cafe-groesse');
    expect(slug('<img src=x onerror=alert(1)>')).toBe('img-src-x-onerror-alert-1');
    expect(slug('../../etc/passwd')).toBe('etc-passwd');
    expect(slug('???')).toBe('report');
  });
});

describe('Markdown report', () => {
  it.each(['en', 'de'] as const)('passes markdownlint for a hostile config (%s)', (lang) => {
    expect(lintErrors(renderMarkdown(reportInput(HOSTILE, lang)))).toBe('');
  });

  it('passes markdownlint for every example in both languages', () => {
    for (const name of ['multichannel-clinic', 'technicians-private-whatsapp', 'whatsapp-cloud-api-service', 'whatsapp-unofficial-marketing']) {
      for (const lang of ['en', 'de'] as const) expect(lintErrors(renderMarkdown(reportInput(example(`${name}.yaml`), lang))), `${name} ${lang}`).toBe('');
    }
  });

  it('passes markdownlint when names are only blanks and line breaks', () => {
    const text = readFileSync(HOSTILE, 'utf8').replace('name: "<img src=x onerror=alert(1)>"', 'name: " \\n "').replace(/name: "<script>[^\n]*/, 'name: "\\t"');
    const { assessment } = parseConfig(text, 'blank.yaml', policy.questionnaire);
    expect(assessment.organisation.name).toBe(' \n ');
    const result = evaluateAssessment(policy, assessment, { date: DATE });
    const input: ReportInput = { tool: { name: 'chanrisk', version: '0' }, date: DATE, lang: 'de', policy, assessment, result, actions: rankActions(policy, assessment, result, { date: DATE }) };
    expect(lintErrors(renderMarkdown(input))).toBe('');
  });

  it('passes markdownlint with accepted risks', () => {
    expect(lintErrors(renderMarkdown(reportInput(ACCEPTED, 'en')))).toBe('');
  });

  it('carries no raw HTML and breaks no table with hostile names', () => {
    const markdown = renderMarkdown(reportInput(HOSTILE, 'en'));
    expect(markdown).not.toMatch(/<(img|script|svg|b)\b/i);
    expect(markdown).toContain('&lt;img src=x onerror=alert(1)&gt;');
    // Every table block parses as a table with one row per line and as many cells per row as its header.
    for (const block of markdown.trimEnd().split('\n\n').filter((b) => b.startsWith('| '))) {
      const [token] = marked.lexer(block);
      expect(token?.type, block).toBe('table');
      const table = token as Tokens.Table;
      expect(table.rows).toHaveLength(block.split('\n').length - 2);
      for (const row of table.rows) expect(row).toHaveLength(table.header.length);
    }
  });

  it('has every section, in order, in both languages', () => {
    const headings = {
      en: ['Executive summary', 'Risk matrix', 'Findings by channel and area', 'Action plan', 'Accepted risks', 'Open points', 'What passed', 'Method', 'Appendix: all answers'],
      de: ['Zusammenfassung für die Geschäftsleitung', 'Risikomatrix', 'Befunde nach Kanal und Themenbereich', 'Maßnahmenplan', 'Akzeptierte Risiken', 'Offene Punkte', 'Ohne Befund geprüft', 'Methode', 'Anhang: alle Antworten'],
    };
    for (const lang of ['en', 'de'] as const) {
      const found = [...renderMarkdown(reportInput(example('multichannel-clinic.yaml'), lang)).matchAll(/^## (.+)$/gm)].map((m) => m[1]);
      expect(found).toEqual(headings[lang]);
    }
  });

  it('places every open finding in the matrix cell of its impact and likelihood', () => {
    const input = reportInput(example('whatsapp-unofficial-marketing.yaml'), 'en');
    const markdown = renderMarkdown(input);
    const matrix = markdown.split('## Risk matrix')[1]?.split('\n\n').find((b) => b.startsWith('| ')) ?? '';
    const rows = matrix.split('\n').slice(2).map((line) => line.split(' | '));
    const impacts = ['maximum', 'significant', 'limited', 'negligible'];
    const likelihoods = ['negligible', 'limited', 'significant', 'maximum'];
    const numbered = numberFindings(input.result).filter((n) => n.finding.status === 'active');
    expect(numbered.length).toBeGreaterThan(3);
    for (const { ref, finding } of numbered) {
      const cell = rows[impacts.indexOf(finding.impact)]?.[likelihoods.indexOf(finding.likelihood) + 1] ?? '';
      expect(cell.split(/[ ,*:|]+/), `${ref} ${finding.impact}/${finding.likelihood}`).toContain(ref);
    }
  });

  it('shows the why with option labels in the chosen language and the notes', () => {
    const de = renderMarkdown(reportInput(example('technicians-private-whatsapp.yaml'), 'de'));
    expect(de).toContain('Private Telefone'.slice(0, 7));
    expect(de).toContain('quotes sent as photos in the chat are not filed anywhere');
    expect(de).not.toMatch(/\*\*private_phones\*\*/);
  });

  it('lists accepted risks with reason, owner, approver and expiry, and keeps them out of the matrix', () => {
    const markdown = renderMarkdown(reportInput(ACCEPTED, 'en'));
    const section = markdown.split('## Accepted risks')[1]?.split('## Open points')[0] ?? '';
    expect(section).toContain('The new privacy notice naming WhatsApp goes live with the website relaunch in December.');
    expect(section).toContain('Web team (Jana Kern) | Dana Berater, DPO | 2026-12-31');
    const input = reportInput(ACCEPTED, 'en');
    const accepted = numberFindings(input.result).find((n) => n.finding.status === 'accepted');
    const matrix = markdown.split('## Risk matrix')[1]?.split('### ')[0] ?? '';
    expect(matrix).not.toMatch(new RegExp(`\\b${accepted?.ref}\\b`));
  });

  it('reads sensibly and passes markdownlint when no rule applies at all', () => {
    const { assessment } = loadConfigFile(example('whatsapp-cloud-api-service.yaml'), policy.questionnaire);
    const empty = { ...policy, rules: [] };
    const result = evaluateAssessment(empty, assessment, { date: DATE });
    const input: ReportInput = { tool: { name: 'chanrisk', version: '0' }, date: DATE, lang: 'en', policy: empty, assessment, result, actions: [] };
    const markdown = renderMarkdown(input);
    expect(lintErrors(markdown)).toBe('');
    for (const sentence of ['**Low** (score 0/100; no open findings)', 'No step is needed: no finding is open.', 'No rule fired for this channel.', 'There is nothing to do: no finding is open.', 'No rule was checked without a finding.']) {
      expect(markdown).toContain(sentence);
    }
  });

  it('says so when nothing is accepted', () => {
    expect(renderMarkdown(reportInput(example('multichannel-clinic.yaml'), 'de'))).toContain('Kein Risiko wurde förmlich akzeptiert.');
  });

  it('lists "don\'t know" answers as open points with the question title', () => {
    const markdown = renderMarkdown(reportInput(example('technicians-private-whatsapp.yaml'), 'en'));
    const section = markdown.split('## Open points')[1]?.split('## What passed')[0] ?? '';
    expect(section).toMatch(/Has the organisation appointed a data protection officer\? \| Don't know/);
  });

  it('ranks the action plan as the what-if engine does', () => {
    const input = reportInput(example('whatsapp-unofficial-marketing.yaml'), 'en');
    const plan = renderMarkdown(input).split('## Action plan')[1]?.split('## Accepted risks')[0] ?? '';
    const titles = [...plan.matchAll(/^\| \d+ \| \*\*F\d+\*\* (.+?) \(\d+ points\) \|/gm)].map((m) => m[1]);
    expect(titles).toEqual(input.actions.map((a) => mdText(a.finding.title.en)));
  });
});

describe('HTML report', () => {
  it('holds no tag from the config and only its own markup', () => {
    const html = renderHtml(reportInput(HOSTILE, 'en'));
    expect(html).not.toMatch(/<(img|script|b|iframe|object)\b/i);
    expect(html).not.toMatch(/<[^>]+\son\w+\s*=/i);
    expect(html).not.toMatch(/href="(?!https:\/\/)/);
    expect(html.match(/<svg\b/g)).toHaveLength(2);
    expect(html).toContain('&lt;img src=x onerror=alert(1)&gt;');
  });

  it('is one self-contained file with a print stylesheet', () => {
    const html = renderHtml(reportInput(example('multichannel-clinic.yaml'), 'de'));
    expect(html).toMatch(/^<!DOCTYPE html>\n<html lang="de">/);
    expect(html).toContain('@page { size: A4;');
    expect(html).toContain('break-before: page');
    expect(html).not.toMatch(/<(link|script|img|iframe)\b/i);
    expect(html).not.toMatch(/(src|@import|url\()\s*=?\s*["']?(https?:)?\/\//i);
  });
});
