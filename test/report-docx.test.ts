import fc from 'fast-check';
import { unzipSync } from 'fflate';
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { join } from 'node:path';
import mammoth from 'mammoth';
import { beforeAll, describe, expect, it } from 'vitest';
import { applyAcceptances } from '../src/engine/acceptance.js';
import { riskRank } from '../src/engine/levels.js';
import { evaluateAssessment } from '../src/engine/evaluate.js';
import { rankActions } from '../src/engine/whatif.js';
import { numberFindings, planSteps } from '../src/report/model.js';
import { loadConfigFile } from '../src/config/load.js';
import { loadPolicyStrict } from '../src/policy/load.js';
import type { Lang, Policy, RiskLevel } from '../src/policy/model.js';
import { RISK_LEVELS } from '../src/policy/schema.js';
import { renderDocx } from '../src/report/docx.js';
import { levelLabel } from '../src/report/markdown.js';
import type { ReportInput } from '../src/report/model.js';
import { example, ROOT } from './helpers.js';
import { fcParams, propertyTimeout } from './property/fc-params.js';

// The Word copy is read back with mammoth (its own zip and XML stack, not the docx library's) for what a reader
// sees, and its XML parts with fast-xml-parser for what Word needs: styles, page set-up, fields, properties.
const DATE = '2026-11-27';
const HOSTILE = join(ROOT, 'test', 'fixtures', 'report', 'hostile.yaml');
const NASTY = 'Müller & Söhne <GmbH> "Ä" \'x\' 🚀 \u0000\u0001\u0008\u000b\u000c\u001b\u001f end \ud800 \uffff';

let policy: Policy;
beforeAll(() => {
  policy = loadPolicyStrict({ extraDirs: [] });
});

function reportInput(file: string, lang: Lang, change?: (input: ReportInput) => void): ReportInput {
  const { assessment } = loadConfigFile(file, policy.questionnaire);
  const settle = (r: ReturnType<typeof evaluateAssessment>) => applyAcceptances(r, assessment.acceptances ?? [], DATE).result;
  const result = settle(evaluateAssessment(policy, assessment, { date: DATE }));
  const input: ReportInput = { tool: { name: 'chanrisk', version: '0.0.0-test' }, date: DATE, lang, policy, assessment, result, actions: rankActions(policy, assessment, result, { date: DATE }, settle) };
  change?.(input);
  return input;
}

const parts = (docx: Uint8Array): Record<string, string> =>
  Object.fromEntries(Object.entries(unzipSync(docx)).map(([name, data]) => [name, new TextDecoder().decode(data)]));

const html = async (docx: Uint8Array): Promise<string> => (await mammoth.convertToHtml({ buffer: Buffer.from(docx) })).value;

const decode = (text: string): string =>
  text.replace(/<[^>]+>/g, '').replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&#39;/g, "'").replace(/&amp;/g, '&');

const headings = (page: string, depth: number): string[] => [...page.matchAll(new RegExp(`<h${depth}>(.*?)</h${depth}>`, 'g'))].map((m) => decode(m[1] ?? ''));

describe('report --format docx', () => {
  it('has the sections in the order a reader decides by, as Word headings', async () => {
    const page = await html(await renderDocx(reportInput(example('multichannel-clinic.yaml'), 'en')));
    expect(headings(page, 1)).toEqual([
      'Executive summary',
      'Risk matrix',
      'Findings by channel',
      'Action plan',
      'Accepted risks',
      'Open points',
      'Method',
      'Annex A: all answers',
      'Annex B: what passed',
      'Annex C: sources',
    ]);
    expect(headings(page, 2)).toContain('Steps that remove most risk');
    expect(page).toContain('Physio am Park MVZ GmbH');
  });

  it('lists each channel\'s findings worst first, numbered in that order', async () => {
    const page = await html(await renderDocx(reportInput(example('multichannel-clinic.yaml'), 'en')));
    const findings = page.slice(page.indexOf('<h1>Findings'), page.indexOf('<h1>Action plan'));
    const rank = new Map<string, RiskLevel>(RISK_LEVELS.map((level) => [levelLabel(level, 'en'), level]));
    const channels = findings.split('<h2>').slice(1);
    expect(channels.length).toBe(3);
    let expected = 1;
    for (const channel of channels) {
      const levels = headings(channel, 3).map((h) => {
        const [ref, level] = h.split(' · ');
        expect(ref).toBe(`F${expected++}`);
        return riskRank(rank.get(level ?? '') ?? 'low');
      });
      expect(levels).toEqual([...levels].sort((a, b) => b - a));
    }
  });

  it('writes real tables: channels, matrix, areas, plan, open points, answers, passed rules', async () => {
    const input = reportInput(example('whatsapp-unofficial-marketing.yaml'), 'de');
    const page = await html(await renderDocx(input));
    const tables = page.split('<table>').slice(1).map((t) => t.slice(0, t.indexOf('</table>')));
    // One row per step of the plan, as the HTML report merges near-duplicate actions.
    const plan = tables.find((t) => t.includes('Zuständig'));
    expect(plan?.match(/<tr>/g)?.length).toBe(planSteps(input, numberFindings(input.result)).length + 1);
    const matrix = tables.find((t) => t.includes('Schwere ↓ · Wahrscheinlichkeit →'));
    expect(matrix?.match(/<tr>/g)?.length).toBe(5);
    expect(tables.some((t) => t.includes('Geprüftes Risiko'))).toBe(true);
    expect(tables.length).toBeGreaterThanOrEqual(7);
  });

  it('is A4 portrait in the report language, with heading styles, a table of contents, page numbers and the date', async () => {
    const xml = parts(await renderDocx(reportInput(example('multichannel-clinic.yaml'), 'de')));
    const document = xml['word/document.xml'] ?? '';
    expect(document).toMatch(/<w:pgSz w:w="11906" w:h="16838" w:orient="portrait"\/>/);
    expect(document).toContain('<w:pStyle w:val="Heading1"/>');
    expect(document).toContain('<w:pStyle w:val="Heading3"/>');
    expect(document).toContain('<w:docPartGallery w:val="Table of Contents"/>');
    expect(document).toMatch(/<w:instrText[^>]*>TOC \\h \\o &quot;1-2&quot;<\/w:instrText>/);
    expect(xml['word/styles.xml']).toContain('<w:lang w:val="de-DE"/>');
    expect(xml['word/settings.xml']).toContain('<w:updateFields/>');
    const footer = Object.entries(xml).find(([name]) => /^word\/footer\d*\.xml$/.test(name))?.[1] ?? '';
    expect(footer).toMatch(/Seite .*PAGE.* von .*NUMPAGES/s);
    expect(xml['docProps/core.xml']).toContain('<dcterms:created xsi:type="dcterms:W3CDTF">2026-11-27T00:00:00Z</dcterms:created>');
    expect(xml['docProps/core.xml']).toContain('<dcterms:modified xsi:type="dcterms:W3CDTF">2026-11-27T00:00:00Z</dcterms:modified>');
  });

  it('links sources with HYPERLINK fields, not relationship ids the library would make random', async () => {
    const xml = parts(await renderDocx(reportInput(example('whatsapp-cloud-api-service.yaml'), 'en')));
    expect(xml['word/document.xml']).toMatch(/<w:fldSimple w:instr="HYPERLINK &quot;https:\/\/[^"&]+&quot;"/);
    expect(xml['word/_rels/document.xml.rels']).not.toContain('hyperlink');
  });

  it('gives byte-identical files for the same input, whatever the time zone', async () => {
    const input = reportInput(HOSTILE, 'en');
    const first = await renderDocx(input);
    const zone = process.env.TZ;
    process.env.TZ = 'Pacific/Kiritimati';
    try {
      expect(Buffer.from(await renderDocx(input)).equals(Buffer.from(first))).toBe(true);
    } finally {
      if (zone === undefined) delete process.env.TZ;
      else process.env.TZ = zone;
    }
  });

  it('keeps a hostile organisation, channel name and note as text and every part well-formed XML', async () => {
    const docx = await renderDocx(
      reportInput(HOSTILE, 'en', (input) => {
        input.assessment.organisation.name = NASTY;
        const channel = input.assessment.channels[0];
        if (channel) {
          channel.name = NASTY;
          channel.notes.integration = NASTY;
        }
      }),
    );
    const xml = parts(docx);
    for (const [name, text] of Object.entries(xml)) expect(XMLValidator.validate(text), name).toBe(true);
    expect(xml['word/document.xml']).toContain('&lt;script&gt;window.__pwned = true&lt;/script&gt;');
    expect(xml['word/document.xml']).not.toMatch(/<(script|svg|img)\b/);
    const page = decode(await html(docx));
    const shown = `Müller & Söhne <GmbH> "Ä" 'x' 🚀 ${'\ufffd'.repeat(7)} end \ufffd \ufffd`;
    expect(page).toContain(`Messenger risk assessment: ${shown}`);
    expect(page).toContain(`${shown} (wa_x-1)`);
  });

  it('turns any string into text Word can read', { timeout: propertyTimeout(10) }, async () => {
    const parser = new XMLParser();
    await fc.assert(
      fc.asyncProperty(fc.string({ unit: 'binary', maxLength: 30 }), async (name) => {
        const docx = await renderDocx(reportInput(example('technicians-private-whatsapp.yaml'), 'de', (input) => void (input.assessment.organisation.name = name)));
        const xml = parts(docx);
        for (const text of Object.values(xml)) expect(XMLValidator.validate(text)).toBe(true);
        expect(() => parser.parse(xml['word/document.xml'] ?? '')).not.toThrow();
        const page = decode(await html(docx));
        const cleaned = name.replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g, '\ufffd').replace(/\s+/g, ' ');
        expect(page).toContain(`Risikobewertung Messenger-Einsatz: ${cleaned || '–'}`);
      }),
      fcParams(10),
    );
  });
});
