import { summarize } from '../engine/gate.js';
import type { RiskLevel } from '../policy/model.js';
import { levelName, t } from '../messages.js';
import type { Chunks } from './chunks.js';
import { locatedFindings } from './located.js';
import type { CheckRun } from './run.js';

/**
 * GitHub Actions workflow commands: each finding becomes an annotation on the config line that caused it. Findings
 * that fail the build are errors; other active ones warnings (low: notices); accepted or baselined ones notices.
 */
const BELOW_GATE: Record<RiskLevel, 'warning' | 'notice'> = { critical: 'warning', high: 'warning', medium: 'warning', low: 'notice' };

export function* formatGithub(run: CheckRun): Chunks {
  const { lang } = run;
  for (const { finding, target, location, failing } of locatedFindings(run)) {
    const settled = finding.status === 'accepted' || run.baseline?.get(finding) === 'known';
    const command = failing ? 'error' : settled ? 'notice' : BELOW_GATE[finding.level];
    const status = finding.status === 'accepted' ? ` [${t('accepted', lang)}]` : '';
    const properties = [
      `file=${property(location.file)}`,
      `line=${location.line}`,
      `col=${location.column}`,
      `title=${property(`chanrisk ${finding.rule} (${levelName(finding.level, lang)})${status}`)}`,
    ].join(',');
    yield `::${command} ${properties}::${data(`${target.id}: ${finding.title[lang]}\n${finding.recommendation[lang]}`)}\n`;
  }
  const summary = summarize(run.results, run.failOn);
  const counts = (['critical', 'high', 'medium', 'low'] as const).map((level) => `${summary.counts[level]} ${levelName(level, lang)}`).join(', ');
  yield `chanrisk: ${counts}; ${summary.accepted} ${t('accepted', lang)}\n`;
}

/** Escaping as in @actions/core (toCommandValue / escapeData / escapeProperty). */
export const data = (value: string): string => value.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
export const property = (value: string): string => data(value).replace(/:/g, '%3A').replace(/,/g, '%2C');
