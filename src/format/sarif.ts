import { isAbsolute } from 'node:path';
import { pathToFileURL } from 'node:url';
import { fingerprint, type BaselineState } from '../engine/baseline.js';
import type { Finding } from '../engine/result.js';
import type { Lang, RiskLevel } from '../policy/model.js';
import { sectionText } from '../policy/sources.js';
import { levelName } from '../messages.js';
import type { Chunks } from './chunks.js';
import { StreamedArray, StreamedObject, streamJson } from './json-stream.js';
import { helpUri, locatedFindings, repoPath, type LocatedFinding } from './located.js';
import type { CheckRun } from './run.js';
import { byCodeUnits } from '../util/order.js';

/** SARIF 2.1.0 (OASIS), the format GitHub code scanning and most CI dashboards import. */
const SARIF_SCHEMA = 'https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json';

const LEVEL: Record<RiskLevel, 'error' | 'warning' | 'note'> = { critical: 'error', high: 'error', medium: 'warning', low: 'note' };
const BASELINE_STATE: Record<BaselineState, 'new' | 'updated' | 'unchanged'> = { new: 'new', raised: 'updated', known: 'unchanged' };

export function* formatSarif(run: CheckRun): Chunks {
  // The rule table precedes the results, so it is made first from the findings alone; the results are then streamed.
  const rules = ruleDescriptors(run, run.lang);
  const ruleIndex = new Map(rules.map((r, i) => [r.id, i]));
  const document = new StreamedObject({
    $schema: SARIF_SCHEMA,
    version: '2.1.0',
    runs: new StreamedArray([
      new StreamedObject({
        tool: { driver: { name: run.tool.name, version: run.tool.version, semanticVersion: run.tool.version, rules } },
        // Columns come from the YAML parser's string offsets, i.e. UTF-16 code units.
        columnKind: 'utf16CodeUnits',
        results: new StreamedArray(sarifResults(run, ruleIndex)),
        properties: { date: run.date, failOn: run.failOn, lang: run.lang },
      }),
    ]),
  });
  yield* streamJson(document);
  yield '\n';
}

/** One descriptor per rule that produced a finding, sorted by id. */
function ruleDescriptors(run: CheckRun, lang: Lang) {
  const first = new Map<string, Finding>();
  for (const result of run.results) {
    for (const target of result.targets) {
      for (const finding of target.findings) if (!first.has(finding.rule)) first.set(finding.rule, finding);
    }
  }
  return [...first.values()]
    .sort((a, b) => byCodeUnits(a.rule, b.rule))
    .map((f) => {
      const uri = helpUri(f);
      const sources = f.sources.map((s) => `- ${s.title}${s.section ? `, ${sectionText(s, lang)}` : ''}${s.url ? ` <${s.url}>` : ''}${s.citation ? ` — ${s.citation}` : ''}`);
      const sourcesMd = f.sources.map((s) => `- ${s.url ? `[${s.title}](${s.url})` : s.title}${s.section ? `, ${sectionText(s, lang)}` : ''}${s.citation ? ` — ${s.citation}` : ''}`);
      return {
        id: f.rule,
        name: f.rule,
        shortDescription: { text: f.title[lang] },
        fullDescription: { text: f.finding[lang] },
        help: {
          text: [f.recommendation[lang], '', ...sources].join('\n'),
          markdown: [f.recommendation[lang], '', ...sourcesMd].join('\n'),
        },
        ...(uri && { helpUri: uri }),
        defaultConfiguration: { level: LEVEL[f.level] },
        properties: { tags: [f.area], pack: f.pack, waivable: f.waivable, reviewed: f.reviewed },
      };
    });
}

function* sarifResults(run: CheckRun, ruleIndex: Map<string, number>) {
  for (const l of locatedFindings(run)) yield sarifResult(l, run, ruleIndex.get(l.finding.rule) ?? 0);
}

function sarifResult(l: LocatedFinding, run: CheckRun, ruleIndex: number) {
  const { finding, target, location } = l;
  const lang = run.lang;
  const state = run.baseline?.get(finding);
  const evidence = finding.triggers.flatMap((t) => (t.evidence ? [t.evidence] : []));
  return {
    ruleId: finding.rule,
    ruleIndex,
    level: LEVEL[finding.level],
    message: { text: `${target.id}: ${finding.title[lang]} (${levelName(finding.level, lang)}). ${finding.recommendation[lang]}` },
    locations: [physical(location.file, location.line, location.column)],
    ...(evidence.length && {
      relatedLocations: evidence.map((e, i) => ({ id: i + 1, ...physical(repoPath(e.file), e.line, 1), message: { text: e.package } })),
    }),
    partialFingerprints: { 'chanrisk/v1': fingerprint(finding, target.id) },
    ...(state && { baselineState: BASELINE_STATE[state] }),
    ...(finding.acceptance && {
      suppressions: [
        {
          kind: 'external',
          status: 'accepted',
          justification: justification(finding.acceptance, lang),
        },
      ],
    }),
    properties: {
      target: target.id,
      riskLevel: finding.level,
      impact: finding.impact,
      likelihood: finding.likelihood,
      points: finding.points,
      assumed: finding.assumed,
      failing: l.failing,
    },
  };
}

function justification(a: NonNullable<Finding['acceptance']>, lang: Lang): string {
  return lang === 'de'
    ? `${a.reason} (verantwortlich ${a.owner}, genehmigt von ${a.approver}, bis ${a.expires})`
    : `${a.reason} (owner ${a.owner}, approved by ${a.approver}, until ${a.expires})`;
}

function physical(file: string, line: number, column: number) {
  return { physicalLocation: { artifactLocation: { uri: fileUri(file) }, region: { startLine: line, startColumn: column } } };
}

/** Relative paths stay relative (GitHub resolves them against the repository); absolute ones become file: URLs. */
function fileUri(file: string): string {
  if (isAbsolute(file)) return pathToFileURL(file).href;
  return file.split(/[\\/]/).map(encodeURIComponent).join('/');
}
