import type { Lang, Text } from '../policy/model.js';
import { countOf } from '../messages.js';
import type { Kind } from './catalogue.js';
import type { ScanReport } from './scan.js';

const KIND: Record<Kind, Text> = {
  official: { en: 'official API', de: 'offizielle API' },
  partner: { en: 'provider SDK (official API)', de: 'Anbieter-SDK (offizielle API)' },
  unofficial: { en: 'UNOFFICIAL client', de: 'INOFFIZIELLER Client' },
  bot: { en: 'bot framework (official bot API)', de: 'Bot-Framework (offizielle Bot-API)' },
  user_account: { en: 'user-account client (grey)', de: 'Nutzerkonto-Client (grau)' },
};

const TRUNCATED: Record<NonNullable<ScanReport['truncated']>, Text> = {
  files: { en: 'stopped early: too many files; the result may be incomplete', de: 'vorzeitig beendet: zu viele Dateien; das Ergebnis kann unvollständig sein' },
  bytes: { en: 'stopped early: too many bytes of manifests; the result may be incomplete', de: 'vorzeitig beendet: zu viele Bytes an Manifesten; das Ergebnis kann unvollständig sein' },
  time: { en: 'stopped early: time limit reached; the result may be incomplete', de: 'vorzeitig beendet: Zeitlimit erreicht; das Ergebnis kann unvollständig sein' },
};

/** Files that could not be read or parsed, and an early stop, as lines for stderr. */
export function scanProblemLines(report: ScanReport, lang: Lang): string[] {
  const cannot = lang === 'de' ? 'nicht lesbar' : 'unreadable';
  return [...report.problems.map((p) => `${p.file}: ${cannot} (${p.reason})`), ...(report.truncated ? [`${report.root}: ${TRUNCATED[report.truncated][lang]}`] : [])];
}

const SHOWN_SKIPPED = 5;

/** One line naming what the scan left out (tests, fixtures, examples, docs, --scan-exclude), or none. */
export function skippedLine(report: ScanReport, lang: Lang): string | undefined {
  const count = report.skipped.length;
  if (!count) return undefined;
  const shown = report.skipped.slice(0, SHOWN_SKIPPED).join(', ');
  const more = count > SHOWN_SKIPPED ? (lang === 'de' ? ` und ${count - SHOWN_SKIPPED} weitere` : ` and ${count - SHOWN_SKIPPED} more`) : '';
  return lang === 'de'
    ? `Scan: ${count === 1 ? '1 Pfad' : `${count} Pfade`} nicht als Nachweis gewertet (Tests, Beispiele, Dokumentation oder --scan-exclude): ${shown}${more}`
    : `scan: ${count === 1 ? '1 path' : `${count} paths`} not counted as evidence (tests, examples, docs or --scan-exclude): ${shown}${more}`;
}

/** Everything the scan has to say on stderr: problems as warnings, and (for text output) what it skipped. */
export function scanNoticeLines(report: ScanReport, lang: Lang, withSkipped: boolean): string[] {
  const skipped = withSkipped ? skippedLine(report, lang) : undefined;
  return [...scanProblemLines(report, lang).map((line) => `warning: ${line}`), ...(skipped ? [skipped] : [])];
}

export function formatScanText(report: ScanReport, lang: Lang): string {
  const out: string[] = [];
  for (const hit of report.hits) {
    out.push(`${hit.file}:${hit.line}  ${hit.package}  ${hit.library.platforms.join(', ')}  ${KIND[hit.library.kind][lang]} → integration: ${hit.library.integration}`);
    out.push(`    ${hit.library.note[lang]}`);
  }
  const [manifests, hits] = [countOf(report.manifests, 'manifest', lang), countOf(report.hits.length, 'integration', lang)];
  const summary =
    lang === 'de'
      ? `${manifests} gelesen, ${hits} gefunden, ${report.problems.length} nicht lesbar`
      : `${manifests} read, ${hits} found, ${report.problems.length} unreadable`;
  out.push(summary);
  return `${out.join('\n')}\n`;
}

/** Bump when a consumer of the JSON would have to change. */
export const SCAN_JSON_VERSION = 1;

export function formatScanJson(report: ScanReport, lang: Lang): string {
  const document = {
    formatVersion: SCAN_JSON_VERSION,
    root: report.root,
    manifests: report.manifests,
    complete: !report.truncated,
    hits: report.hits.map((h) => ({
      file: h.file,
      line: h.line,
      ecosystem: h.ecosystem,
      package: h.package,
      library: h.library.id,
      platforms: h.library.platforms,
      kind: h.library.kind,
      integration: h.library.integration,
      note: h.library.note[lang],
    })),
    problems: report.problems,
    skipped: report.skipped,
  };
  return `${JSON.stringify(document, null, 2)}\n`;
}
