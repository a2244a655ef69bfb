import fc from 'fast-check';
import { Marked, type Token, type Tokens } from 'marked';
import { beforeAll, describe, expect, it } from 'vitest';
import { loadConfigFile } from '../../src/config/load.js';
import { applyAcceptances } from '../../src/engine/acceptance.js';
import type { Assessment } from '../../src/engine/assessment.js';
import { evaluateAssessment } from '../../src/engine/evaluate.js';
import { rankActions } from '../../src/engine/whatif.js';
import { loadPolicyStrict } from '../../src/policy/load.js';
import type { Lang, Policy } from '../../src/policy/model.js';
import { renderHtml } from '../../src/report/html.js';
import { renderMarkdown } from '../../src/report/markdown.js';
import type { ReportInput } from '../../src/report/model.js';
import { example } from '../helpers.js';
import { fcParams, propertyTimeout } from './fc-params.js';

const DATE = '2026-11-27';
let policy: Policy;
let base: Assessment;
beforeAll(() => {
  policy = loadPolicyStrict();
  base = loadConfigFile(example('multichannel-clinic.yaml'), policy.questionnaire).assessment;
});

interface Names {
  organisation: string;
  channelIds: string[];
  channelNames: string[];
  note: string;
}

/** The clinic example with every free-text field the report prints replaced, channel ids included. */
function reportFor(names: Names, lang: Lang): ReportInput {
  const ids = base.channels.map((c, i) => names.channelIds[i] ?? c.id);
  const assessment: Assessment = {
    ...base,
    organisation: { ...base.organisation, name: names.organisation, notes: Object.fromEntries(Object.keys(base.organisation.answers).map((id) => [id, names.note])) },
    channels: base.channels.map((c, i) => ({ ...c, id: ids[i] ?? c.id, name: names.channelNames[i] ?? '', notes: Object.fromEntries(Object.keys(c.answers).map((id) => [id, names.note])) })),
  };
  const settle = (r: ReturnType<typeof evaluateAssessment>) => applyAcceptances(r, assessment.acceptances ?? [], DATE).result;
  const result = settle(evaluateAssessment(policy, assessment, { date: DATE }));
  return { tool: { name: 'chanrisk', version: '0.0.0-property' }, date: DATE, lang, policy, assessment, result, actions: rankActions(policy, assessment, result, { date: DATE }, settle) };
}

const marked = new Marked({ gfm: true });
/** The shape of every table: header width and, per row, its number of cells. */
function tableShapes(markdown: string): string[] {
  const shapes: string[] = [];
  const walk = (tokens: Token[]) => {
    for (const token of tokens) {
      if (token.type === 'table') {
        const table = token as Tokens.Table;
        shapes.push(`${table.header.length}:${table.rows.map((r) => r.length).join(',')}`);
      }
      if ('tokens' in token && Array.isArray(token.tokens)) walk(token.tokens);
    }
  };
  walk(marked.lexer(markdown));
  return shapes;
}

// Fragments that break Markdown tables or inject HTML, mixed with ordinary text.
const hostile = fc.string({
  unit: fc.oneof(
    fc.constantFrom('|', '\\|', '\n', '\r\n', '`', '*', '_', '#', '[', ']', '(', ')', '<', '>', '&', '"', "'", '-', ' ', '\t', 'a', 'Ä'),
    fc.constantFrom('<x-inj>', '</td><x-inj>', '<script>x-inj</script>', '" x-inj-attr="1', "' x-inj-attr='1", '<img src=x onerror=x-inj>', '&lt;x-inj&gt;', '<!--', '-->', '| --- |'),
  ),
  maxLength: 30,
});
const names = fc.record({
  organisation: hostile.filter((s) => s.trim().length > 0),
  channelIds: fc.array(hostile.filter((s) => s.trim().length > 0), { minLength: 3, maxLength: 3 }).filter((ids) => new Set(ids).size === ids.length),
  channelNames: fc.array(hostile, { minLength: 3, maxLength: 3 }),
  // A note with text: the answers annex has a note column only where a note was written.
  note: hostile.filter((s) => s.trim().length > 0),
});
const plain: Names = { organisation: 'Org', channelIds: ['c1', 'c2', 'c3'], channelNames: ['n1', 'n2', 'n3'], note: 'note' };

describe('report properties', () => {
  it(
    'keeps the table structure of the Markdown report whatever the names, ids and notes hold',
    () => {
      const expected = { en: tableShapes(renderMarkdown(reportFor(plain, 'en'))), de: tableShapes(renderMarkdown(reportFor(plain, 'de'))) };
      expect(expected.en.length).toBeGreaterThan(3);
      fc.assert(
        fc.property(names, fc.constantFrom<Lang>('en', 'de'), (n, lang) => {
          expect(tableShapes(renderMarkdown(reportFor(n, lang)))).toEqual(expected[lang]);
        }),
        fcParams(60),
      );
    },
    propertyTimeout(60),
  );

  it(
    'lets no tag or attribute from the input into the HTML report',
    () => {
      // The input does reach the report, as text.
      const shown = renderHtml(reportFor({ ...plain, organisation: '<x-inj>', note: '<x-inj-note>' }, 'en'));
      expect(shown).toContain('&lt;x-inj&gt;');
      expect(shown).toContain('&lt;x-inj-note&gt;');
      fc.assert(
        fc.property(names, (n) => {
          const html = renderHtml(reportFor(n, 'en'));
          expect(html).not.toMatch(/<\/?x-inj/);
          expect(html).not.toMatch(/<script/i);
          expect(html).not.toMatch(/<img\b/i);
          expect(html).not.toMatch(/["']\s*x-inj-attr=/);
          expect(html).not.toMatch(/<!--/);
        }),
        fcParams(60),
      );
    },
    propertyTimeout(60),
  );
});
