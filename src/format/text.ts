import chalk, { type ChalkInstance } from 'chalk';
import { summarize } from '../engine/gate.js';
import type { AssessmentResult, Finding, TargetResult, Trigger } from '../engine/result.js';
import type { Lang, RiskLevel } from '../policy/model.js';
import { fill, levelName, scaleName, t } from '../messages.js';
import { rawPoints } from '../engine/score.js';
import type { Chunks } from './chunks.js';
import { failingCount } from './located.js';
import type { CheckRun } from './run.js';

const LEVEL_STYLE: Record<RiskLevel, ChalkInstance> = {
  critical: chalk.bgRed.white.bold,
  high: chalk.red.bold,
  medium: chalk.yellow,
  low: chalk.green,
};

const BASELINE = { en: 'in baseline', de: 'in der Baseline' } as const;

const badge = (level: RiskLevel, lang: Lang): string => LEVEL_STYLE[level](levelName(level, lang).toUpperCase().padEnd(8));

/** Human output for a terminal: colour on a TTY (chalk turns itself off when piped or under NO_COLOR). */
export function* formatText(run: CheckRun): Chunks {
  for (const [index, result] of run.results.entries()) yield `${resultLines(run, index, result).join('\n')}\n\n`;
  yield `${summaryLine(run)}\n`;
}

function resultLines(run: CheckRun, index: number, result: AssessmentResult): string[] {
  const { lang } = run;
  const locations = run.assessments[index]?.locations ?? {};
  const out = [chalk.bold(`${result.file} — ${result.organisation}`), `  ${t('overall', lang)}: ${badge(result.rating, lang)} ${t('score', lang)} ${result.score}`];
  for (const target of result.targets) {
    if (target.kind === 'organisation' && !target.findings.length && !target.openPoints.length) continue;
    out.push('', targetHeading(target, lang));
    if (!target.findings.length) out.push(`    ${chalk.dim(t('noFindings', lang))}`);
    for (const finding of target.findings) {
      const known = run.baseline?.get(finding) === 'known';
      out.push(...findingLines(finding, lang, (q) => locations[`${target.id}/${q}`]?.line ?? locations[`organisation/${q}`]?.line, known));
    }
    if (target.openPoints.length) {
      const list = target.openPoints.map((p) => `${p.question} (${t(p.reason === 'dont_know' ? 'dontKnow' : 'unanswered', lang)})`);
      out.push(`    ${chalk.cyan(`${t('openPoints', lang)}:`)} ${list.join(', ')}`);
    }
    for (const law of target.notAssessed) {
      out.push(`    ${chalk.cyan(`${t('notAssessed', lang)}:`)} ${fill(t('checkLocalLaw', lang), { law: law.name[lang], count: law.rules.length })}`);
    }
    out.push(`    ${chalk.dim(`${target.passed.length} ${t('passedRules', lang)}, ${target.notApplicable.length} ${t('notApplicableRules', lang)}`)}`);
  }
  return out;
}

function targetHeading(target: TargetResult, lang: Lang): string {
  const name = target.kind === 'organisation' ? t('organisation', lang) : `${t('channel', lang)} ${target.id} (${target.platform})`;
  return `  ${chalk.bold(name)}  ${badge(target.rating, lang)} ${t('score', lang)} ${target.score} (${rawPoints(target)} ${t('points', lang)})`;
}

function findingLines(finding: Finding, lang: Lang, lineOf: (question: string) => number | undefined, known = false): string[] {
  const status = (finding.status === 'accepted' ? chalk.magenta(` [${t('accepted', lang)}]`) : '') + (known ? chalk.dim(` [${BASELINE[lang]}]`) : '');
  const assumed = finding.assumed ? chalk.cyan(` (${t('assumed', lang)})`) : '';
  return [
    `    ${badge(finding.level, lang)} ${chalk.bold(finding.rule)}${status}${assumed}  ${finding.title[lang]}`,
    `             ${chalk.dim(`${t('why', lang)}:`)} ${finding.triggers.map((tr) => triggerText(tr, lang, lineOf(tr.question))).join('; ')}`,
    // The modifiers explain why this finding sits at its level rather than the rule's base level.
    ...finding.modifiers.map((m) => `             ${chalk.dim(`${scaleWord(m.scale, lang)} ${scaleName(m.from, lang)} → ${scaleName(m.to, lang)}:`)} ${m.reason[lang]}`),
    `             ${chalk.dim(`${t('todo', lang)}:`)} ${finding.recommendation[lang]}`,
    ...(finding.acceptance ? [`             ${chalk.magenta(`${t('accepted', lang)}:`)} ${acceptanceText(finding.acceptance, lang)}`] : []),
  ];
}

const scaleWord = (scale: Finding['modifiers'][number]['scale'], lang: Lang): string => t(scale === 'impact' ? 'impact' : 'likelihood', lang);

function acceptanceText(a: NonNullable<Finding['acceptance']>, lang: Lang): string {
  return lang === 'de'
    ? `${a.reason} (verantwortlich ${a.owner}, genehmigt von ${a.approver}, bis ${a.expires})`
    : `${a.reason} (owner ${a.owner}, approved by ${a.approver}, until ${a.expires})`;
}

function triggerText(trigger: Trigger, lang: Lang, line: number | undefined): string {
  const value = trigger.assumed ? t('unknown', lang) : Array.isArray(trigger.value) ? `[${trigger.value.join(', ')}]` : String(trigger.value);
  const evidence = trigger.evidence ? chalk.yellow(` [${trigger.evidence.package} @ ${trigger.evidence.file}:${trigger.evidence.line}]`) : '';
  return `${trigger.question} = ${value}${evidence}${line ? chalk.dim(` (${t('line', lang)} ${line})`) : ''}`;
}

function summaryLine(run: CheckRun): string {
  const { lang } = run;
  const summary = summarize(run.results, run.failOn);
  const counts = (['critical', 'high', 'medium', 'low'] as const).map((level) => `${summary.counts[level]} ${levelName(level, lang)}`).join(', ');
  const gate = run.failOn === 'never' ? t('never', lang) : `${t('failsAt', lang)} ${levelName(run.failOn, lang)}`;
  const failing = failingCount(run);
  const verdict = failing ? chalk.red.bold(`✖ ${failing} ≥ ${run.failOn}`) : chalk.green.bold('✔');
  const accepted = summary.accepted ? `, ${summary.accepted} ${t('accepted', lang)}` : '';
  return `${verdict} ${counts}${accepted} — ${run.results.length} ${t('configs', lang)}, ${gate}, ${summary.openPoints} ${t('openPoints', lang)}`;
}
