import type { ChannelComparison, RouteOutcome } from '../../engine/compare.js';
import { rawPoints } from '../../engine/score.js';
import { levelName, t } from '../../messages.js';
import type { Lang, Questionnaire } from '../../policy/model.js';
import { mdText, mdUrl } from '../../report/escape.js';
import { m } from './messages.js';
import { answerText, recommendationText } from './reasons.js';
import type { CompareRun } from './run.js';

// Compact table style (markdownlint MD060): one space around a cell's text, an empty cell one space wide.
const row = (cells: string[]): string => `|${cells.map((c) => (c ? ` ${c} ` : ' ')).join('|')}|`;

/**
 * The "Alternatives" section: per planned channel a table of routes, the recommendation and each route's
 * assumptions. `level` is the heading level of the section (2 = "##"); the report embeds it with this function.
 */
export function renderAlternativesMarkdown(comparisons: ChannelComparison[], questionnaire: Questionnaire, lang: Lang, level = 2): string {
  const h = (depth: number) => '#'.repeat(Math.min(6, level + depth));
  const out: string[] = [`${h(0)} ${m('heading', lang)}`, ''];
  for (const c of comparisons) {
    out.push(`${h(1)} ${m('channel', lang)} ${mdText(c.channel.id)} (${mdText(c.channel.platform)})`, '');
    out.push(row([m('route', lang), m('rating', lang), m('score', lang), m('points', lang), m('gone', lang), m('new', lang), m('serves', lang)]));
    out.push(row(['---', '---', '---:', '---:', '---:', '---:', '---']));
    out.push(row([m('planRow', lang), levelName(c.plan.rating, lang), String(c.plan.score), String(rawPoints(c.plan)), '', '', '']));
    for (const o of c.routes) out.push(routeRow(c, o, lang));
    out.push('', `**${m('recommendation', lang)}:** ${mdText(recommendationText(c, lang))}`, '');
    out.push(`${h(2)} ${m('details', lang)}`, '');
    for (const o of c.routes) out.push(...routeDetail(o, questionnaire, lang), '');
  }
  while (out.at(-1) === '') out.pop();
  return `${out.join('\n')}\n`;
}

/** The whole `compare --format markdown` document: the section plus the file it judged. */
export function formatCompareMarkdown(run: CompareRun): string {
  const { lang } = run;
  const head = [`# ${mdText(run.assessment.organisation.name)}`, '', `${mdText(run.assessment.file)} — ${run.date}`, ''];
  return `${head.join('\n')}\n${renderAlternativesMarkdown(run.comparisons, run.questionnaire, lang)}\n_${t('notLegalAdvice', lang)}_\n`;
}

function routeRow(c: ChannelComparison, o: RouteOutcome, lang: Lang): string {
  const recommended = c.recommendation.kind !== 'none' && c.recommendation.route === o.route.id;
  const title = recommended ? `**${mdText(o.route.title[lang])}** ▶` : mdText(o.route.title[lang]);
  const e = o.evaluation;
  if (!e) return row([title, '', '', '', '', '', m('unavailable', lang)]);
  const serves = o.serves ? m('yes', lang) : o.blockers.every((b) => b.assumed) ? m('maybe', lang) : m('no', lang);
  const notes = [o.current ? m('current', lang) : '', o.route.official ? '' : m('grey', lang)].filter(Boolean);
  // Counts keep the table within a printed page; the rule ids follow in the details.
  return row([title, levelName(e.target.rating, lang), String(e.target.score), String(rawPoints(e.target)), `−${e.disappeared.length}`, `+${e.appeared.length}`, `${serves}${notes.length ? ` (${notes.join(', ')})` : ''}`]);
}

function routeDetail(o: RouteOutcome, questionnaire: Questionnaire, lang: Lang): string[] {
  const lines = [`- **${mdText(o.route.title[lang])}** (\`${o.route.id}\`)`];
  if (o.route.unavailable) return [...lines, `  - ${mdText(o.route.unavailable[lang])}`];
  for (const b of o.blockers) {
    const why = b.triggers.map((tr) => answerText(questionnaire, tr.question, tr.value, lang)).join('; ');
    lines.push(`  - ${m(b.assumed ? 'mayNotServe' : 'cannotServe', lang)}: ${mdText(`${b.reason[lang]} (${why})`)}`);
  }
  const rules = (list: { rule: string }[]) => list.map((f) => `\`${f.rule}\``).join(', ');
  if (o.evaluation?.disappeared.length) lines.push(`  - ${m('gone', lang)}: ${rules(o.evaluation.disappeared)}`);
  if (o.evaluation?.appeared.length) lines.push(`  - ${m('new', lang)}: ${rules(o.evaluation.appeared)}`);
  for (const a of o.evaluation?.assumptions ?? []) {
    lines.push(`  - ${m('assumes', lang)}: ${mdText(answerText(questionnaire, a.question, a.value, lang))}${a.kind === 'default' ? ` (${m('defaultNote', lang)})` : ''}`);
  }
  for (const text of o.route.assumptions) lines.push(`  - ${m('assumes', lang)}: ${mdText(text[lang])}`);
  const open = o.evaluation?.newlyOpen ?? [];
  if (open.length) lines.push(`  - ${m('openForRoute', lang)}: ${open.map((q) => `\`${q}\``).join(', ')}`);
  const sources = o.route.sources.map((s) => (s.url ? `[${mdText(s.title)}](${mdUrl(s.url)})` : mdText(`${s.title}${s.citation ? ` — ${s.citation}` : ''}`)));
  lines.push(`  - ${m('sources', lang)}: ${sources.join('; ')}`);
  return lines;
}
