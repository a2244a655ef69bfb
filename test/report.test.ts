import fc from 'fast-check';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Marked, type Tokens } from 'marked';
import { lint } from 'markdownlint/sync';
import { beforeAll, describe, expect, it } from 'vitest';
import { applyAcceptances } from '../src/engine/acceptance.js';
import { evaluateAssessment } from '../src/engine/evaluate.js';
import { compareChannels } from '../src/engine/compare.js';
import { rankActions } from '../src/engine/whatif.js';
import { loadBuiltinRoutes } from '../src/routes/load.js';
import { restsOnRouteAssumption } from '../src/report/alternatives.js';
import { loadConfigFile, parseConfig } from '../src/config/load.js';
import { loadPolicyStrict } from '../src/policy/load.js';
import type { Lang, Policy } from '../src/policy/model.js';
import { mdText, slug } from '../src/report/escape.js';
import { renderHtml } from '../src/report/html.js';
import { renderMarkdown } from '../src/report/markdown.js';
import { numberFindings, planSteps, type ReportInput } from '../src/report/model.js';
import { example, ROOT } from './helpers.js';

const DATE = '2026-11-27';
const HOSTILE = join(ROOT, 'test', 'fixtures', 'report', 'hostile.yaml');
const ACCEPTED = join(ROOT, 'test', 'fixtures', 'ci', 'accepted.yaml');
const RETAILER = join(ROOT, 'test', 'fixtures', 'report', 'retailer-two-channels.yaml');
const LINT_CONFIG = JSON.parse(readFileSync(join(ROOT, '.markdownlint.json'), 'utf8')) as Record<string, unknown>;

let policy: Policy;
beforeAll(() => {
  policy = loadPolicyStrict({ extraDirs: [] });
});

/** What `chanrisk report` gives the renderer; `compared` adds the routes of `compare`, as the CLI does. */
function reportInput(file: string, lang: Lang, compared = false): ReportInput {
  const { assessment } = loadConfigFile(file, policy.questionnaire);
  const settle = (r: ReturnType<typeof evaluateAssessment>) => applyAcceptances(r, assessment.acceptances ?? [], DATE).result;
  const result = settle(evaluateAssessment(policy, assessment, { date: DATE }));
  const input: ReportInput = { tool: { name: 'chanrisk', version: '0.0.0-test' }, date: DATE, lang, policy, assessment, result, actions: rankActions(policy, assessment, result, { date: DATE }, settle) };
  if (compared) input.alternatives = compareChannels(policy, assessment, loadBuiltinRoutes(policy.questionnaire).routes, { date: DATE, settle });
  return input;
}

/** The text of one `## ` section of a Markdown report, without its heading. */
const section = (markdown: string, heading: string): string => markdown.split(`\n## ${heading}\n`)[1]?.split('\n## ')[0] ?? '';

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
      for (const lang of ['en', 'de'] as const) expect(lintErrors(renderMarkdown(reportInput(example(`${name}.yaml`), lang, true))), `${name} ${lang}`).toBe('');
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

  it('has every section, in order, in both languages: the decision part first, then the annexes', () => {
    const headings = {
      en: ['Executive summary', 'Contents', 'Risk matrix', 'Findings by channel', 'Action plan', 'Alternatives', 'Accepted risks', 'Open points', 'Method and basis', 'Annex A: Sources per finding', 'Annex B: The routes in detail', 'Annex C: What passed', 'Annex D: All answers'],
      de: ['Zusammenfassung für die Geschäftsleitung', 'Inhalt', 'Risikomatrix', 'Befunde je Kanal', 'Maßnahmenplan', 'Alternativen', 'Akzeptierte Risiken', 'Offene Punkte', 'Methode und Grundlagen', 'Anhang A: Quellen je Befund', 'Anhang B: Die Wege im Einzelnen', 'Anhang C: Ohne Befund geprüft', 'Anhang D: Alle Antworten'],
    };
    for (const lang of ['en', 'de'] as const) {
      const found = [...renderMarkdown(reportInput(example('multichannel-clinic.yaml'), lang, true)).matchAll(/^## (.+)$/gm)].map((m) => m[1]);
      expect(found).toEqual(headings[lang]);
    }
  });

  it('opens with the verdict, the channels and the top steps; the pack metadata is in the method section', () => {
    const markdown = renderMarkdown(reportInput(example('whatsapp-unofficial-marketing.yaml'), 'en', true));
    expect(markdown).toMatch(/^# Messenger risk assessment: Modehaus Beispiel GmbH\n\n## Executive summary\n\n\*\*Overall rating:\*\* \*\*Critical\*\*/);
    const summary = section(markdown, 'Executive summary');
    expect(summary).toContain('| Channel | Platform | Rating | Score | Findings |');
    expect(summary).toMatch(/### Steps that remove most risk\n\n1\. .+\n2\. .+\n3\. /);
    expect(summary).not.toContain('Rule packs');
    expect(section(markdown, 'Method and basis')).toMatch(/- \*\*Rule packs:\*\* .*WhatsApp/);
  });

  it('links every section from the table of contents', () => {
    const markdown = renderMarkdown(reportInput(example('multichannel-clinic.yaml'), 'de', true));
    const links = [...section(markdown, 'Inhalt').matchAll(/^- \[(.+)\]\(#(.+)\)$/gm)];
    expect(links.map((m) => m[1])).toEqual([...markdown.matchAll(/^## (.+)$/gm)].map((m) => m[1]).slice(2));
    // markdownlint (MD051) checks that every fragment names a heading of the document.
    expect(links.find((m) => m[1] === 'Anhang C: Ohne Befund geprüft')?.[2]).toBe('anhang-c-ohne-befund-geprüft');
  });

  it.each([['whatsapp-unofficial-marketing', example('whatsapp-unofficial-marketing.yaml')], ['retailer', RETAILER]])('lists findings worst first within each channel: level, then points (%s)', (_name, file) => {
    const rank = ['Low', 'Medium', 'High', 'Critical'];
    const markdown = renderMarkdown(reportInput(file, 'en'));
    const channels = section(markdown, 'Findings by channel').split(/^### /m).slice(1);
    expect(channels.length).toBeGreaterThanOrEqual(1);
    for (const channel of channels) {
      const seen = [...channel.matchAll(/^#### F(\d+) · (\w+) · .+\n\n.+ · (\d+) points/gm)].map((m) => ({ ref: Number(m[1]), level: rank.indexOf(m[2] ?? ''), points: Number(m[3]) }));
      for (const [i, item] of seen.entries()) {
        const before = seen[i - 1];
        if (!before) continue;
        expect(item.ref).toBe(before.ref + 1);
        expect(item.level < before.level || (item.level === before.level && item.points <= before.points), `F${item.ref} after F${before.ref}`).toBe(true);
      }
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
    for (const sentence of ['**Low** (score 0; no open findings)', 'No step is needed: no finding is open.', 'No rule fired for this channel.', 'There is nothing to do: no finding is open.', 'No rule was checked without a finding.']) {
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

  it('merges near-duplicate actions: one row per step, every open finding in exactly one row', () => {
    const input = reportInput(example('whatsapp-unofficial-marketing.yaml'), 'en');
    const plan = section(renderMarkdown(input), 'Action plan');
    const rows = [...plan.matchAll(/^\| (\d+) \| (.+?) \| (.+?) \| (.+?) \| \|$/gm)];
    const refs = rows.flatMap((m) => [...(m[3] ?? '').matchAll(/\*\*(F\d+)\*\*/g)].map((r) => r[1]));
    const open = numberFindings(input.result).filter((n) => n.finding.status === 'active').map((n) => n.ref);
    expect(refs.sort()).toEqual(open.sort());
    expect(rows.length).toBeLessThan(input.actions.length);
    const texts = rows.map((m) => m[2]);
    expect(new Set(texts).size).toBe(texts.length);
    // Bought numbers break WhatsApp's terms and § 7 UWG: one fact, one finding (the platform rule supersedes), one row.
    expect(rows.filter((m) => (m[3] ?? '').includes("Recipients' numbers were collected or bought"))).toHaveLength(1);
    expect(plan).not.toContain('Messages to bought or scraped numbers');
  });

  it('ranks the steps by the rating they lower, then by the points they remove, and shows that effect', () => {
    for (const file of [example('whatsapp-unofficial-marketing.yaml'), RETAILER, example('multichannel-clinic.yaml')]) {
      const input = reportInput(file, 'en');
      const steps = planSteps(input, numberFindings(input.result));
      for (const [i, step] of steps.entries()) {
        const before = steps[i - 1];
        if (before) expect(step.ratingDrop < before.ratingDrop || (step.ratingDrop === before.ratingDrop && step.removed <= before.removed)).toBe(true);
      }
      const effects = [...section(renderMarkdown(input), 'Action plan').matchAll(/^\| \d+ \| .+? \| .+? \| (.+?) \| \|$/gm)].map((m) => m[1]);
      expect(effects).toHaveLength(steps.length);
      for (const effect of effects) expect(effect).toMatch(/^(\*\*\w+ → \w+\*\*; )?(−\d+ points|no measurable change)$/);
      expect(effects.filter((e) => e !== 'no measurable change').length).toBeGreaterThan(0);
    }
  });

  it('writes the alternatives in plain words: no rule id, no "finding(s)", and no assumed default passed off as the plan\'s', () => {
    for (const lang of ['en', 'de'] as const) {
      const input = reportInput(example('whatsapp-unofficial-marketing.yaml'), lang, true);
      const markdown = renderMarkdown(input);
      const prose = `${section(markdown, lang === 'en' ? 'Alternatives' : 'Alternativen')}\n${section(markdown, lang === 'en' ? 'Annex B: The routes in detail' : 'Anhang B: Die Wege im Einzelnen')}`;
      expect(prose.length).toBeGreaterThan(500);
      for (const rule of policy.rules) expect(prose, rule.id).not.toContain(rule.id);
      expect(prose).not.toMatch(/finding\(s\)|Befund\(e\)|other\(s\)/);
    }
    // A recommended route whose findings rest on its own assumptions: they are named as such, never as the plan's.
    for (const lang of ['en', 'de'] as const) {
      const input = reportInput(example('multichannel-clinic.yaml'), lang, true);
      const prose = section(renderMarkdown(input), lang === 'en' ? 'Alternatives' : 'Alternativen');
      const comparisons = (input.alternatives ?? []).flatMap((comparison) => {
        const route = comparison.routes.find((o) => o.route.id === comparison.recommendation.route);
        const pending = [...comparison.recommendation.added.filter((f) => route && restsOnRouteAssumption(route, f)), ...(route?.evaluation?.pending ?? [])];
        return pending.length ? [{ route, pending }] : [];
      });
      expect(comparisons.length).toBeGreaterThan(0);
      for (const { route, pending } of comparisons) {
        const paragraph = prose.split('\n').find((line) => line.startsWith(lang === 'en' ? 'We recommend' : 'Wir empfehlen') && line.includes(mdText(route?.route.title[lang] ?? '-'))) ?? '';
        const [head = '', depends = ''] = paragraph.split(lang === 'en' ? /further risks? depends? on answers/ : /weiteres? Risik\w* hängt|hängen von Antworten/);
        const brings = head.split(lang === 'en' ? 'The route itself brings' : 'Der Weg selbst bringt')[1] ?? '';
        expect(depends).not.toBe('');
        for (const finding of pending) {
          expect(depends).toContain(mdText(finding.title[lang]));
          expect(brings).not.toContain(mdText(finding.title[lang]));
        }
      }
    }
  });

  it('lists only questions that apply: no address book for a server library, no unanswered question no rule reads', () => {
    const input = reportInput(example('whatsapp-unofficial-marketing.yaml'), 'en');
    const answers = section(renderMarkdown(input), 'Annex D: All answers');
    expect(answers).toContain('How is the channel connected?');
    expect(answers).not.toContain('address book');
    const retailer = reportInput(RETAILER, 'en');
    const annex = section(renderMarkdown(retailer), 'Annex D: All answers');
    const open = new Set(retailer.result.targets.flatMap((t) => t.openPoints.map((p) => policy.questionnaire.questions.get(p.question)?.title.en)));
    const unanswered = [...annex.matchAll(/^\| (.+?) \| (Not answered|Don't know) \|/gm)].map((m) => m[1]);
    expect(unanswered.length).toBeGreaterThan(0);
    for (const question of unanswered) expect(open.has(question), question).toBe(true);
  });

  it('says so where a modifier fired only because an answer is unknown', () => {
    const markdown = renderMarkdown(reportInput(RETAILER, 'en'));
    expect(markdown).toMatch(/\*\*Adjusted:\*\* .+ \*\(applied because the answer is not known; the worst case is assumed until it is given\)\*/);
    const known = renderMarkdown(reportInput(example('whatsapp-unofficial-marketing.yaml'), 'en'));
    expect(known).toContain('**Adjusted:**');
    expect(known).not.toContain('applied because the answer is not known');
  });

  it('recommends nothing WhatsApp-only on Instagram', () => {
    for (const lang of ['en', 'de'] as const) {
      const markdown = renderMarkdown(reportInput(RETAILER, lang));
      const own = `${section(markdown, lang === 'en' ? 'Findings by channel' : 'Befunde je Kanal')}\n${section(markdown, lang === 'en' ? 'Annex D: All answers' : 'Anhang D: Alle Antworten')}`;
      const instagram = own.split(/^### /m).filter((part) => /^(Channel |Kanal )?Instagram campaigns/.test(part));
      expect(instagram).toHaveLength(2);
      for (const part of instagram) expect(part).not.toMatch(/Local Storage|WhatsApp Business[ -][Aa]pp|Threema Work/);
      const rows = section(markdown, lang === 'en' ? 'Action plan' : 'Maßnahmenplan').split('\n').filter((line) => line.includes('(Instagram campaigns)'));
      expect(rows.length).toBeGreaterThan(3);
      for (const row of rows) expect(row).not.toContain('Local Storage');
    }
  });
});

describe('HTML report', () => {
  it('holds no tag from the config and only its own markup', () => {
    const html = renderHtml(reportInput(HOSTILE, 'en'));
    expect(html).not.toMatch(/<(img|script|b|iframe|object)\b/i);
    expect(html).not.toMatch(/<[^>]+\son\w+\s*=/i);
    // Links go to sources on the web or to a heading of the report itself (the table of contents).
    expect(html).not.toMatch(/href="(?!https:\/\/|#[\p{L}\p{N}_-]+")/u);
    expect(html.match(/<svg\b/g)).toHaveLength(2);
    expect(html).toContain('&lt;img src=x onerror=alert(1)&gt;');
  });

  it('is one self-contained file with a print stylesheet', () => {
    const html = renderHtml(reportInput(example('multichannel-clinic.yaml'), 'de'));
    expect(html).toMatch(/^<!DOCTYPE html>\n<html lang="de">/);
    expect(html).toContain('@page { size: A4;');
    expect(html).toContain('@bottom-center { content: counter(page)');
    expect(html).toContain('hyphens: auto');
    expect(html).not.toMatch(/<(link|script|img|iframe)\b/i);
    expect(html).not.toMatch(/(src|@import|url\()\s*=?\s*["']?(https?:)?\/\//i);
  });
});
