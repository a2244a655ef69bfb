import { fingerprint, type BaselineState } from '../engine/baseline.js';
import type { Finding } from '../engine/result.js';
import type { Lang, RiskLevel } from '../policy/model.js';
import { levelName } from '../messages.js';
import { riskRank } from '../engine/levels.js';
import type { Chunks } from './chunks.js';
import { StreamedArray, StreamedObject, streamJson } from './json-stream.js';
import { helpUri, locatedFindings, type LocatedFinding } from './located.js';
import type { CheckRun } from './run.js';
import { byCodeUnits } from '../util/order.js';
import { repoRelativePath } from '../util/repo-path.js';

/** SARIF 2.1.0 (OASIS), the format GitHub code scanning and most CI dashboards import. */
const SARIF_SCHEMA = 'https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json';

/** A rule's default level; a result is `error` exactly when it fails the gate (see sarifLevel). */
const LEVEL: Record<RiskLevel, 'error' | 'warning' | 'note'> = { critical: 'error', high: 'error', medium: 'warning', low: 'note' };
/** GitHub reads over 9.0 as critical, 7.0–8.9 high, 4.0–6.9 medium, 0.1–3.9 low. */
const SECURITY_SEVERITY: Record<RiskLevel, string> = { critical: '9.5', high: '8.0', medium: '5.5', low: '2.0' };
/** Relative artifact URIs resolve against this base, the repository root (GitHub's checkout). */
const SRCROOT = '%SRCROOT%';
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
        // No absolute path: the consumer knows where it checked the repository out.
        originalUriBaseIds: { [SRCROOT]: { description: { text: 'The root of the repository the configs belong to.' } } },
        // Columns come from the YAML parser's string offsets, i.e. UTF-16 code units.
        columnKind: 'utf16CodeUnits',
        results: new StreamedArray(sarifResults(run, ruleIndex)),
        properties: { date: run.date, failOn: run.failOn, lang: run.lang, accepted: acceptedCount(run) },
      }),
    ]),
  });
  yield* streamJson(document);
  yield '\n';
}

/** One descriptor per rule with an open finding, sorted by id; its levels are the highest the rule reached here. */
function ruleDescriptors(run: CheckRun, lang: Lang) {
  const first = new Map<string, Finding>();
  const highest = new Map<string, RiskLevel>();
  for (const { finding } of openFindings(run)) {
    if (!first.has(finding.rule)) first.set(finding.rule, finding);
    const level = highest.get(finding.rule);
    if (!level || riskRank(finding.level) > riskRank(level)) highest.set(finding.rule, finding.level);
  }
  const policyRules = new Map(run.policy.rules.map((r) => [r.id, r]));
  return [...first.values()]
    .sort((a, b) => byCodeUnits(a.rule, b.rule))
    .map((f) => {
      const uri = helpUri(f);
      const level = highest.get(f.rule) ?? f.level;
      const sources = f.sources.map((s) => `- ${s.title}${s.section ? `, ${s.section}` : ''}${s.url ? ` <${s.url}>` : ''}${s.citation ? ` — ${s.citation}` : ''}`);
      const sourcesMd = f.sources.map((s) => `- ${s.url ? `[${s.title}](${s.url})` : s.title}${s.section ? `, ${s.section}` : ''}${s.citation ? ` — ${s.citation}` : ''}`);
      // The rule's own text, never one result's: a finding from the code adds what was found where to it.
      const description = policyRules.get(f.rule)?.finding[lang] ?? `${f.title[lang]}. ${f.recommendation[lang]}`;
      return {
        id: f.rule,
        name: pascalCase(f.rule),
        shortDescription: { text: f.title[lang] },
        fullDescription: { text: description },
        help: {
          text: [f.recommendation[lang], '', ...sources].join('\n'),
          markdown: [f.recommendation[lang], '', ...sourcesMd].join('\n'),
        },
        ...(uri && { helpUri: uri }),
        defaultConfiguration: { level: LEVEL[level] },
        // security-severity makes GitHub show critical and high apart; it counts only for rules tagged "security".
        properties: { tags: ['security', f.area], 'security-severity': SECURITY_SEVERITY[level], pack: f.pack, waivable: f.waivable, reviewed: f.reviewed },
      };
    });
}

const pascalCase = (id: string): string => id.replace(/(^|[-_.])(\w)/g, (_, _sep: string, c: string) => c.toUpperCase());

/**
 * Accepted findings stay out: GitHub ignores `suppressions` and would keep them as open alerts; leaving them out closes
 * an alert once its acceptance is in, and it opens again when the acceptance expires.
 */
function* openFindings(run: CheckRun): Generator<LocatedFinding> {
  for (const l of locatedFindings(run)) if (l.finding.status === 'active') yield l;
}

function acceptedCount(run: CheckRun): number {
  let count = 0;
  for (const result of run.results) for (const target of result.targets) count += target.findings.filter((f) => f.status === 'accepted').length;
  return count;
}

function* sarifResults(run: CheckRun, ruleIndex: Map<string, number>) {
  for (const l of openFindings(run)) yield sarifResult(l, run, ruleIndex.get(l.finding.rule) ?? 0);
}

function sarifResult(l: LocatedFinding, run: CheckRun, ruleIndex: number) {
  const { finding, target, location } = l;
  const lang = run.lang;
  const state = run.baseline?.get(finding);
  const evidence = finding.triggers.flatMap((t) => (t.evidence ? [t.evidence] : []));
  // GitHub turns "[text](id)" into a link to the related location with that id.
  const found = evidence.length ? `${FOUND_IN_CODE[lang]}: ${evidence.map((e, i) => `[${linkText(e.package)}](${i + 1})`).join(', ')}. ` : '';
  return {
    ruleId: finding.rule,
    ruleIndex,
    level: sarifLevel(l),
    message: { text: `${target.id}: ${finding.title[lang]} (${levelName(finding.level, lang)}). ${found}${finding.recommendation[lang]}` },
    locations: [physical(location.file, location.line, location.column)],
    ...(evidence.length && {
      relatedLocations: evidence.map((e, i) => ({ id: i + 1, ...physical(repoRelativePath(e.file), e.line, 1), message: { text: e.package } })),
    }),
    partialFingerprints: { 'chanrisk/v2': fingerprint(finding, repoRelativePath(l.result.file), target.id) },
    ...(state && { baselineState: BASELINE_STATE[state] }),
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

const FOUND_IN_CODE: Record<Lang, string> = { en: 'Found in the code', de: 'Im Code gefunden' };

/**
 * `error` exactly for what fails the gate (at or above --fail-on, not in the baseline): GitHub's pull-request check
 * fails on new `error` alerts, so it agrees with the exit code. Everything else is a warning, low findings a note.
 */
const sarifLevel = (l: LocatedFinding): 'error' | 'warning' | 'note' => (l.failing ? 'error' : l.finding.level === 'low' ? 'note' : 'warning');

// Brackets would end the link text early; SARIF escapes them with a backslash.
const linkText = (text: string): string => text.replace(/[\\[\]]/g, (c) => `\\${c}`);

/** `path` is relative to the repository root already, with forward slashes. */
function physical(path: string, line: number, column: number) {
  const uri = path.split('/').map(encodeURIComponent).join('/');
  return { physicalLocation: { artifactLocation: { uri, uriBaseId: SRCROOT }, region: { startLine: line, startColumn: column } } };
}
