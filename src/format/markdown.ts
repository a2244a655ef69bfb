import { summarize } from '../engine/gate.js';
import { riskRank } from '../engine/levels.js';
import type { Lang, Text } from '../policy/model.js';
import { levelName, t } from '../messages.js';
import type { Chunks } from './chunks.js';
import { helpUri, locatedFindings, type LocatedFinding } from './located.js';
import type { CheckRun } from './run.js';
import { byCodeUnits } from '../util/order.js';

const words = {
  failing: { en: 'finding(s) at or above', de: 'Befund(e) ab' },
  passing: { en: 'no active finding at or above', de: 'kein aktiver Befund ab' },
  level: { en: 'Level', de: 'Stufe' },
  rule: { en: 'Rule', de: 'Regel' },
  target: { en: 'Channel', de: 'Kanal' },
  where: { en: 'Where', de: 'Wo' },
  finding: { en: 'Finding', de: 'Befund' },
  acceptedRisks: { en: 'Accepted risks', de: 'Akzeptierte Risiken' },
  until: { en: 'until', de: 'bis' },
  approvedBy: { en: 'approved by', de: 'genehmigt von' },
  known: { en: 'in baseline', de: 'in der Baseline' },
} satisfies Record<string, Text>;

/**
 * A short summary for a pull-request comment: verdict, counts, the active findings and the accepted risks. Plain
 * Markdown in markdownlint's compact table style, no HTML, so it renders the same in GitHub, GitLab and elsewhere.
 */
export function* formatMarkdown(run: CheckRun): Chunks {
  const { lang } = run;
  const w = (key: keyof typeof words) => words[key][lang];
  const summary = summarize(run.results, run.failOn);
  const located = [...locatedFindings(run)].sort((a, b) => riskRank(b.finding.level) - riskRank(a.finding.level) || byCodeUnits(a.finding.rule, b.finding.rule));
  const failing = located.filter((l) => l.failing).length;
  const gate = run.failOn === 'never' ? t('never', lang) : levelName(run.failOn, lang);
  yield lines(
    failing ? `### chanrisk: ✖ ${failing} ${w('failing')} ${gate}` : `### chanrisk: ✔ ${w('passing')} ${gate}`,
    '',
    `| ${levelName('critical', lang)} | ${levelName('high', lang)} | ${levelName('medium', lang)} | ${levelName('low', lang)} | ${t('accepted', lang)} | ${t('openPoints', lang)} |`,
    '| ---: | ---: | ---: | ---: | ---: | ---: |',
    `| ${summary.counts.critical} | ${summary.counts.high} | ${summary.counts.medium} | ${summary.counts.low} | ${summary.accepted} | ${summary.openPoints} |`,
  );
  const active = located.filter((l) => l.finding.status === 'active');
  if (active.length) {
    yield lines('', `| ${w('level')} | ${w('rule')} | ${w('target')} | ${w('where')} | ${w('finding')} |`, '| --- | --- | --- | --- | --- |');
    for (const l of active) yield lines(row(l, run, lang));
  }
  const accepted = located.filter((l) => l.finding.acceptance);
  if (accepted.length) {
    yield lines('', `#### ${w('acceptedRisks')} (${accepted.length})`, '');
    for (const { finding, target } of accepted) {
      const a = finding.acceptance;
      if (a) yield lines(`- \`${finding.rule}\` — ${cell(target.id)}: ${cell(a.reason)} (${cell(a.owner)}, ${w('approvedBy')} ${cell(a.approver)}, ${w('until')} ${a.expires})`);
    }
  }
  yield lines('', `_${t('notLegalAdvice', lang)}_`);
}

const lines = (...texts: string[]): string => texts.map((line) => `${line}\n`).join('');

function row(l: LocatedFinding, run: CheckRun, lang: Lang): string {
  const { finding, target, location } = l;
  const level = l.failing ? `**${levelName(finding.level, lang)}**` : levelName(finding.level, lang);
  const uri = helpUri(finding);
  const rule = uri ? `[\`${finding.rule}\`](${uri})` : `\`${finding.rule}\``;
  const known = run.baseline?.get(finding) === 'known' ? ` (${words.known[lang]})` : '';
  return `| ${level}${known} | ${rule} | ${cell(target.id)} | \`${cell(location.file)}:${location.line}\` | ${cell(finding.title[lang])} |`;
}

// A table cell is one line; a pipe would end it early.
const cell = (value: string): string => value.replace(/\s+/g, ' ').replace(/\|/g, '\\|');
