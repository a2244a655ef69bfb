import chalk from 'chalk';
import type { ChannelComparison, RouteOutcome } from '../../engine/compare.js';
import { rawPoints } from '../../engine/score.js';
import type { Lang, Questionnaire, RiskLevel } from '../../policy/model.js';
import { levelName, t } from '../../messages.js';
import { m } from './messages.js';
import { answerText, recommendationText } from './reasons.js';
import type { CompareRun } from './run.js';

const LEVEL_STYLE: Record<RiskLevel, (s: string) => string> = {
  critical: chalk.bgRed.white.bold,
  high: chalk.red.bold,
  medium: chalk.yellow,
  low: chalk.green,
};

const TITLE_WIDTH = 62;
const cut = (s: string, width: number): string => (s.length > width ? `${s.slice(0, width - 1)}…` : s.padEnd(width));

/** Human output for a terminal: one table per planned channel, the recommendation, then every route's assumptions. */
export function formatCompareText(run: CompareRun): string {
  const { lang } = run;
  const out: string[] = [chalk.bold(`${run.assessment.file} — ${run.assessment.organisation.name}`)];
  for (const comparison of run.comparisons) out.push('', ...channelLines(comparison, run.questionnaire, lang));
  out.push('', chalk.dim(t('notLegalAdvice', lang)));
  return `${out.join('\n')}\n`;
}

function channelLines(c: ChannelComparison, questionnaire: Questionnaire, lang: Lang): string[] {
  const level = (rating: RiskLevel | undefined) => (rating ? LEVEL_STYLE[rating](levelName(rating, lang).toUpperCase().padEnd(9)) : ''.padEnd(9));
  const header = `    ${cut(m('route', lang), TITLE_WIDTH)} ${m('rating', lang).padEnd(9)} ${m('score', lang).padStart(5)} ${m('points', lang).padStart(9)}  ${m('gone', lang).padStart(8)} ${m('new', lang).padStart(5)}  ${m('serves', lang)}`;
  const lines = [
    chalk.bold(`  ${m('channel', lang)} ${c.channel.id} (${c.channel.platform})`),
    chalk.dim(header),
    `    ${cut(m('planRow', lang), TITLE_WIDTH)} ${level(c.plan.rating)} ${String(c.plan.score).padStart(5)} ${String(rawPoints(c.plan)).padStart(9)}`,
  ];
  for (const o of c.routes) {
    const marker = o.route.id === c.recommendation.route && c.recommendation.kind !== 'none' ? chalk.bold('▶ ') : '  ';
    const e = o.evaluation;
    const cells = e
      ? `${level(e.target.rating)} ${String(e.target.score).padStart(5)} ${String(rawPoints(e.target)).padStart(9)}  ${`−${e.disappeared.length}`.padStart(8)} ${`+${e.appeared.length}`.padStart(5)}  ${servesCell(o, lang)}`
      : `${''.padEnd(9)} ${''.padStart(5)} ${''.padStart(9)}  ${''.padStart(8)} ${''.padStart(5)}  ${m('unavailable', lang)}`;
    lines.push(`  ${marker}${cut(o.route.title[lang], TITLE_WIDTH)} ${cells}`);
  }
  lines.push('', `  ${chalk.bold(`${m('recommendation', lang)}:`)} ${recommendationText(c, lang)}`, '', `  ${chalk.bold(m('details', lang))}`);
  for (const o of c.routes) lines.push(...routeDetail(o, questionnaire, lang));
  return lines;
}

function servesCell(o: RouteOutcome, lang: Lang): string {
  const answer = o.serves ? m('yes', lang) : o.blockers.every((b) => b.assumed) ? m('maybe', lang) : m('no', lang);
  const notes = [o.current ? m('current', lang) : '', o.route.official ? '' : m('grey', lang)].filter(Boolean);
  return notes.length ? `${answer} (${notes.join(', ')})` : answer;
}

function routeDetail(o: RouteOutcome, questionnaire: Questionnaire, lang: Lang): string[] {
  const lines = [`    ${chalk.bold(o.route.id)} — ${o.route.title[lang]}`];
  if (o.route.unavailable) return [...lines, `      ${o.route.unavailable[lang]}`];
  const e = o.evaluation;
  for (const b of o.blockers) {
    const why = b.triggers.map((tr) => answerText(questionnaire, tr.question, tr.value, lang)).join('; ');
    lines.push(`      ${chalk.red(`${m(b.assumed ? 'mayNotServe' : 'cannotServe', lang)}:`)} ${b.reason[lang]} ${chalk.dim(`(${why})`)}`);
  }
  if (e?.disappeared.length) lines.push(`      ${chalk.green(`${m('gone', lang)}:`)} ${e.disappeared.map((f) => f.rule).join(', ')}`);
  if (e?.appeared.length) lines.push(`      ${chalk.yellow(`${m('new', lang)}:`)} ${e.appeared.map((f) => f.rule).join(', ')}`);
  for (const a of e?.assumptions ?? []) {
    lines.push(`      ${m('assumes', lang)}: ${answerText(questionnaire, a.question, a.value, lang)}${a.kind === 'default' ? chalk.dim(` (${m('defaultNote', lang)})`) : ''}`);
  }
  for (const text of o.route.assumptions) lines.push(`      ${m('assumes', lang)}: ${text[lang]}`);
  if (e?.notCarried.length) lines.push(`      ${chalk.cyan(`${m('notCarried', lang)}:`)} ${e.notCarried.join(', ')}`);
  if (e?.routeAssumed.length) lines.push(`      ${chalk.cyan(`${m('routeAssumed', lang)}:`)} ${e.routeAssumed.map((f) => f.rule).join(', ')}`);
  if (e?.newlyOpen.length) {
    lines.push(`      ${chalk.cyan(`${m('openForRoute', lang)}:`)} ${e.newlyOpen.join(', ')} ${chalk.dim(`— ${m('openHint', lang)}`)}`);
  }
  if (e?.pending.length) lines.push(`      ${chalk.dim(`${m('pending', lang)}: ${e.pending.map((f) => f.rule).join(', ')}`)}`);
  return lines;
}
