import { renderAlternativesMarkdown } from '../format/compare/markdown.js';
import { findingPoints, riskLevel, riskRank } from '../engine/levels.js';
import type { Finding, TargetResult } from '../engine/result.js';
import type { Action } from '../engine/whatif.js';
import { areaName, levelName, scaleName, t } from '../messages.js';
import type { Lang, RiskLevel, ScaleLevel, Source } from '../policy/model.js';
import { AREAS, IMPACT_LEVELS } from '../policy/schema.js';
import { oldestRuleCheck, sectionText } from '../policy/sources.js';
import { answerText } from './answers.js';
import { mdText, mdUrl } from './escape.js';
import { longDate, VERDICT, w } from './messages.js';
import {
  answerRows,
  areaScores,
  checkedRuleIds,
  matrixRows,
  numberFindings,
  type AnswerRow,
  type AreaScore,
  type MatrixCell,
  type NumberedFinding,
  type ReportInput,
} from './model.js';

/** How the two pictures of the report are drawn: Markdown tables here, SVG in the HTML report. */
export interface Visuals {
  riskMatrix(rows: MatrixCell[][], lang: Lang): string;
  areaBars(scores: AreaScore[], lang: Lang): string;
}

const capital = (value: string): string => value.charAt(0).toUpperCase() + value.slice(1);
export const levelLabel = (level: RiskLevel, lang: Lang): string => capital(levelName(level, lang));
export const scaleLabel = (level: ScaleLevel, lang: Lang): string => capital(scaleName(level, lang));

// An empty cell is one space wide, as markdownlint's compact table style asks.
const row = (cells: string[]): string => `|${cells.map((cell) => (cell ? ` ${cell} ` : ' ')).join('|')}|`;
const table = (header: string[], rows: string[][]): string => [row(header), row(header.map(() => '---')), ...rows.map(row)].join('\n');

const BAR_WIDTH = 20;

/** The Markdown pictures: a table grid that renders on GitHub and text bars. */
export const markdownVisuals: Visuals = {
  riskMatrix(rows, lang) {
    const header = [w('impactByLikelihood', lang), ...IMPACT_LEVELS.map((l) => scaleLabel(l, lang))];
    const body = rows.map((cells) => [
      `**${scaleLabel(cells[0]?.impact ?? 'maximum', lang)}**`,
      ...cells.map((cell) => (cell.refs.length ? `**${levelLabel(cell.level, lang)}: ${cell.refs.map((r) => r.ref).join(', ')}**` : levelLabel(cell.level, lang))),
    ]);
    return table(header, body);
  },
  areaBars(scores, lang) {
    const bar = (score: number): string => {
      const filled = Math.round((score / 100) * BAR_WIDTH);
      return `\`${'█'.repeat(filled)}${'░'.repeat(BAR_WIDTH - filled)}\``;
    };
    return table(
      [w('area', lang), w('score', lang), capital(w('findingsCount', lang))],
      scores.map((s) => [areaName(s.area, lang), `${bar(s.score)} ${s.score}/100`, String(s.findings)]),
    );
  },
};

/** The client report as Markdown: verdict first, then the evidence, the plan, the method and every answer. */
export function renderMarkdown(input: ReportInput, visuals: Visuals = markdownVisuals): string {
  const numbered = numberFindings(input.result);
  const blocks = [
    ...header(input),
    ...summary(input, numbered),
    ...matrix(input, numbered, visuals),
    ...findings(input, numbered),
    ...actionPlan(input, numbered),
    ...alternatives(input),
    ...accepted(input, numbered),
    ...openPoints(input),
    ...passed(input),
    ...method(input),
    ...appendix(input),
  ];
  return `${blocks.join('\n\n')}\n`;
}

function targetLabel(input: ReportInput, target: TargetResult): string {
  if (target.kind === 'organisation') return w('organisationWide', input.lang);
  const channel = input.assessment.channels.find((c) => c.id === target.id);
  const name = channel?.name ? mdText(channel.name) : '';
  return name ? `${name} (${mdText(target.id)})` : mdText(target.id);
}

/** The short form for narrow table columns: the channel's name, or its id where it has none. */
function targetName(input: ReportInput, target: TargetResult): string {
  if (target.kind === 'organisation') return w('organisationWide', input.lang);
  const channel = input.assessment.channels.find((c) => c.id === target.id);
  return (channel?.name && mdText(channel.name)) || mdText(target.id);
}

function platformLabel(input: ReportInput, platform: string | undefined): string {
  if (!platform) return '–';
  const option = input.policy.questionnaire.questions.get('platform')?.options?.find((o) => o.value === platform);
  return mdText(option?.label[input.lang] ?? platform);
}

/** Targets a report shows: the organisation only where it has something to say. */
function shownTargets(input: ReportInput): TargetResult[] {
  return input.result.targets.filter((tg) => tg.kind === 'channel' || tg.findings.length > 0);
}

function header(input: ReportInput): string[] {
  const { lang, policy, result } = input;
  const checked = checkedRuleIds(result);
  const oldestCheck = oldestRuleCheck(policy.rules.filter((r) => checked.has(r.id)));
  const packs = policy.packs
    .filter((p) => p.rules.some((r) => checked.has(r.id)))
    .map((p) => `${mdText(p.title[lang])} (${mdText(p.id)}, ${w('version', lang)} ${mdText(p.version)})`);
  const organisation = mdText(input.assessment.organisation.name) || '–';
  return [
    `# ${w('title', lang)}: ${organisation}`,
    [
      `- **${w('organisation', lang)}:** ${organisation}`,
      `- **${w('date', lang)}:** ${longDate(input.date, lang)}`,
      `- **${w('assessor', lang)}:** ${input.assessment.organisation.assessor ? mdText(input.assessment.organisation.assessor) : w('notStated', lang)}`,
      `- **${w('rulePacks', lang)}:**${packs.length ? packs.map((p) => `\n  - ${p}`).join('') : ' –'}`,
      `- **${w('oldestCheck', lang)}:** ${oldestCheck ? longDate(oldestCheck, lang) : '–'}`,
      `- **${w('tool', lang)}:** ${input.tool.name} ${input.tool.version}`,
    ].join('\n'),
    disclaimer(lang),
  ];
}

/** "Not legal advice: …" with its lead words in bold. */
function disclaimer(lang: Lang): string {
  const [lead, ...rest] = t('notLegalAdvice', lang).split(': ');
  return `> **${lead}:** ${rest.join(': ')}`;
}

function summary(input: ReportInput, numbered: NumberedFinding[]): string[] {
  const { lang, result } = input;
  const active = numbered.filter((n) => n.finding.status === 'active');
  const counts = (['critical', 'high', 'medium', 'low'] as const)
    .map((level) => ({ level, n: active.filter((a) => a.finding.level === level).length }))
    .filter((c) => c.n > 0)
    .map((c) => `${c.n} ${levelName(c.level, lang)}`);
  const countText = active.length ? `${active.length} ${w(active.length === 1 ? 'oneFinding' : 'findingsCount', lang)}: ${counts.join(', ')}` : w('noActiveFindings', lang);
  const channels = shownTargets(input).map((target) => {
    const open = target.findings.filter((f) => f.status === 'active').length;
    return [targetLabel(input, target), platformLabel(input, target.platform), `**${levelLabel(target.rating, lang)}**`, `${target.score}/100`, String(open)];
  });
  const top = input.actions.slice(0, 3).map((action, i) => `${i + 1}. ${actionLine(input, action, numbered)}`);
  return [
    `## ${w('summary', lang)}`,
    `**${w('overallRating', lang)}:** **${levelLabel(result.rating, lang)}** (${t('score', lang)} ${result.score}/100; ${countText}).`,
    VERDICT[result.rating][lang],
    table([w('channel', lang), w('platform', lang), w('rating', lang), w('score', lang), capital(w('findingsCount', lang))], channels),
    `### ${w('topActions', lang)}`,
    top.length ? top.join('\n') : w('topActionsNone', lang),
  ];
}

const refOf = (numbered: NumberedFinding[], target: string, finding: Finding): string =>
  numbered.find((n) => n.target.id === target && n.finding === finding)?.ref ?? '';

function actionLine(input: ReportInput, action: Action, numbered: NumberedFinding[]): string {
  const { lang } = input;
  const target = input.result.targets.find((tg) => tg.id === action.target);
  const where = target ? targetLabel(input, target) : mdText(action.target);
  return `**${mdText(action.finding.title[lang])}** (${refOf(numbered, action.target, action.finding)}, ${where}): ${mdText(action.finding.recommendation[lang])} *${w('effect', lang)}: ${effect(action, lang)}.*`;
}

/** What a step changes for its channel; where nothing moves (a capped score, other findings), the finding's own points. */
function effect(action: Action, lang: Lang): string {
  const state = (s: Action['before']) => `${levelLabel(s.rating, lang)}, ${s.score}/100`;
  const unchanged = action.before.rating === action.after.rating && action.before.score === action.after.score;
  return unchanged
    ? w('effectCapped', lang, { points: String(action.finding.points), rating: state(action.before) })
    : w('effectChange', lang, { before: state(action.before), after: state(action.after) });
}

function matrix(input: ReportInput, numbered: NumberedFinding[], visuals: Visuals): string[] {
  const { lang } = input;
  return [
    `## ${w('matrix', lang)}`,
    w('matrixLead', lang),
    visuals.riskMatrix(matrixRows(numbered), lang),
    `### ${w('areaScores', lang)}`,
    w('areaScoresLead', lang),
    visuals.areaBars(areaScores(input.policy, input.result), lang),
  ];
}

function findings(input: ReportInput, numbered: NumberedFinding[]): string[] {
  const { lang } = input;
  const blocks = [`## ${w('findings', lang)}`];
  for (const target of shownTargets(input)) {
    blocks.push(`### ${targetLabel(input, target)}: ${levelLabel(target.rating, lang)}, ${target.score}/100`);
    if (!target.findings.length) blocks.push(w('noFindingsTarget', lang));
    for (const area of AREAS) {
      const inArea = numbered.filter((n) => n.target === target && n.finding.area === area);
      if (!inArea.length) continue;
      blocks.push(`#### ${areaName(area, lang)}`);
      for (const item of inArea) blocks.push(...findingBlocks(input, item));
    }
  }
  return blocks;
}

function findingBlocks(input: ReportInput, { ref, target, finding }: NumberedFinding): string[] {
  const { lang } = input;
  const answers = answerLookup(input, target.id);
  const why = finding.triggers.map((trigger) => {
    const row = answers.get(trigger.question);
    if (!row) return `- ${mdText(trigger.question)}`;
    const note = row.note ? ` (${w('note', lang)}: ${mdText(row.note)})` : '';
    return `- ${mdText(row.question.title[lang])} **${mdText(answerText(row.question, row.fact, lang))}**${note}`;
  });
  const blocks = [
    `##### ${ref} · ${levelLabel(finding.level, lang)} · ${mdText(finding.title[lang])}`,
    `**${w('level', lang)}:** ${levelLabel(finding.level, lang)} (${w('impactWord', lang)} ${scaleName(finding.impact, lang)}, ${w('likelihoodWord', lang)} ${scaleName(finding.likelihood, lang)}; ${finding.points} ${w('points', lang)}).`,
  ];
  if (finding.status === 'accepted') blocks.push(`*${w('acceptedNote', lang)}*`);
  if (finding.assumed) blocks.push(`*${w('assumedNote', lang)}*`);
  blocks.push(`**${w('what', lang)}:** ${mdText(finding.finding[lang])}`);
  if (why.length) blocks.push(`**${w('why', lang)}:**`, why.join('\n'));
  for (const modifier of finding.modifiers) {
    blocks.push(`**${w('adjusted', lang)}:** ${w(`${modifier.scale}Word`, lang)} ${scaleName(modifier.from, lang)} → ${scaleName(modifier.to, lang)}: ${mdText(modifier.reason[lang])}`);
  }
  if (finding.uncertainty) blocks.push(`**${w('uncertainty', lang)}:** ${mdText(finding.uncertainty[lang])}`);
  blocks.push(`**${w('todo', lang)}:** ${mdText(finding.recommendation[lang])}`);
  blocks.push(`**${w('sources', lang)}:**`, finding.sources.map((s) => `- ${sourceText(s, lang)}`).join('\n'));
  blocks.push(`*${w('reviewed', lang)} ${longDate(finding.reviewed, lang)}.*`);
  return blocks;
}

function sourceText(source: Source, lang: Lang): string {
  const title = source.url ? `[${mdText(source.title)}](${mdUrl(source.url)})` : mdText(source.title);
  const parts = [
    title,
    ...(source.citation ? [mdText(source.citation)] : []),
    ...(source.section ? [`${w('section', lang)} ${mdText(sectionText(source, lang) ?? '')}`] : []),
    ...(source.version ? [`${w('asOf', lang)} ${mdText(source.version)}`] : []),
  ];
  return parts.join(', ');
}

// Every finding of a target looks up the same answers: built once per target and report.
const lookups = new WeakMap<ReportInput, Map<string, Map<string, AnswerRow>>>();

/** The answers a target's rules saw: its own plus, for a channel, the organisation's. */
function answerLookup(input: ReportInput, targetId: string): Map<string, AnswerRow> {
  let byTarget = lookups.get(input);
  if (!byTarget) lookups.set(input, (byTarget = new Map()));
  let lookup = byTarget.get(targetId);
  if (!lookup) {
    const rows = [...answerRows(input.policy, input.assessment, 'organisation'), ...(targetId === 'organisation' ? [] : answerRows(input.policy, input.assessment, targetId))];
    byTarget.set(targetId, (lookup = new Map(rows.map((r) => [r.question.id, r]))));
  }
  return lookup;
}

function actionPlan(input: ReportInput, numbered: NumberedFinding[]): string[] {
  const { lang } = input;
  const rows = input.actions.map((action, i) => {
    const target = input.result.targets.find((tg) => tg.id === action.target);
    return [
      String(i + 1),
      `**${refOf(numbered, action.target, action.finding)}** ${mdText(action.finding.title[lang])} (${action.finding.points} ${w('points', lang)})`,
      `${mdText(action.finding.recommendation[lang])}${openedNote(input, action)}`,
      target ? targetName(input, target) : mdText(action.target),
      beforeAfter(action, lang),
      '',
      '',
    ];
  });
  return [
    `## ${w('actions', lang)}`,
    rows.length ? w('actionsLead', lang) : w('actionsNone', lang),
    ...(rows.length
      ? [table(['#', w('finding', lang), w('todo', lang), w('channel', lang), w('beforeAfter', lang), w('owner', lang), w('due', lang)], rows)]
      : []),
  ];
}

/** The questions a step opens (e.g. opt-in after a move to the Cloud API), which the after-picture did not worst-case. */
function openedNote(input: ReportInput, action: Action): string {
  if (!action.opened.length) return '';
  const titles = action.opened.map((id) => mdText(input.policy.questionnaire.questions.get(id)?.title[input.lang] ?? id));
  return ` *(${w('opensQuestions', input.lang, { questions: titles.join('; ') })})*`;
}

/** The channel's rating and score before and after the step; a rating that drops is set in bold. */
function beforeAfter(action: Action, lang: Lang): string {
  const after = `${levelLabel(action.after.rating, lang)}, ${action.after.score}`;
  const drops = riskRank(action.after.rating) < riskRank(action.before.rating);
  return `${levelLabel(action.before.rating, lang)}, ${action.before.score} → ${drops ? `**${after}**` : after}`;
}

function accepted(input: ReportInput, numbered: NumberedFinding[]): string[] {
  const { lang } = input;
  const rows = numbered
    .filter((n) => n.finding.status === 'accepted')
    .map(({ ref, target, finding }) => [
      `${ref} ${mdText(finding.title[lang])}`,
      targetLabel(input, target),
      levelLabel(finding.level, lang),
      mdText(finding.acceptance?.reason ?? ''),
      mdText(finding.acceptance?.owner ?? ''),
      mdText(finding.acceptance?.approver ?? ''),
      mdText(finding.acceptance?.expires ?? ''),
    ]);
  return [
    `## ${w('accepted', lang)}`,
    rows.length
      ? table([w('finding', lang), w('channel', lang), w('level', lang), w('reason', lang), w('owner', lang), w('approver', lang), w('expires', lang)], rows)
      : w('acceptedNone', lang),
  ];
}

function openPoints(input: ReportInput): string[] {
  const { lang } = input;
  const titles = new Map(input.policy.rules.map((r) => [r.id, r.title[lang]]));
  const rows = input.result.targets.flatMap((target) => {
    const answers = answerLookup(input, target.id);
    return target.openPoints.map((point) => [
      targetLabel(input, target),
      mdText(answers.get(point.question)?.question.title[lang] ?? point.question),
      w(point.reason === 'dont_know' ? 'dontKnow' : 'notAnswered', lang),
      point.affects.length ? point.affects.map((id) => mdText(titles.get(id) ?? id)).join('; ') : '–',
    ]);
  });
  return [
    `## ${w('openPoints', lang)}`,
    rows.length ? w('openPointsLead', lang) : w('openPointsNone', lang),
    ...(rows.length ? [table([w('channel', lang), w('question', lang), w('status', lang), w('affects', lang)], rows)] : []),
  ];
}

function passed(input: ReportInput): string[] {
  const { lang } = input;
  const rules = new Map(input.policy.rules.map((r) => [r.id, r]));
  const where = new Map<string, string[]>();
  for (const target of input.result.targets) {
    for (const id of target.passed) where.set(id, [...(where.get(id) ?? []), targetLabel(input, target)]);
  }
  const rows = [...where.keys()].sort().map((id) => [mdText(rules.get(id)?.title[lang] ?? id), mdText(id), where.get(id)?.join(', ') ?? '']);
  return [
    `## ${w('passed', lang)}`,
    rows.length ? w('passedLead', lang) : w('passedNone', lang),
    ...(rows.length ? [table([w('rule', lang), w('ruleId', lang), w('checkedFor', lang)], rows)] : []),
  ];
}

function method(input: ReportInput): string[] {
  const { lang } = input;
  const rows = [...IMPACT_LEVELS].reverse().map((impact) => [
    `**${scaleLabel(impact, lang)}**`,
    ...IMPACT_LEVELS.map((likelihood) => `${levelLabel(riskLevel(impact, likelihood), lang)} (${findingPoints(impact, likelihood)})`),
  ]);
  return [
    `## ${w('method', lang)}`,
    w('methodMatrix', lang),
    table([w('impactByLikelihood', lang), ...IMPACT_LEVELS.map((l) => scaleLabel(l, lang))], rows),
    w('methodScore', lang),
    w('methodRating', lang),
    w('methodUnknown', lang),
    disclaimer(lang),
  ];
}

function appendix(input: ReportInput): string[] {
  const { lang } = input;
  const blocks = [`## ${w('appendix', lang)}`];
  const targets: { id: string; heading: string }[] = [
    { id: 'organisation', heading: w('organisation', lang) },
    ...input.result.targets.filter((tg) => tg.kind === 'channel').map((tg) => ({ id: tg.id, heading: `${w('channel', lang)} ${targetLabel(input, tg)}` })),
  ];
  for (const target of targets) {
    const rows = answerRows(input.policy, input.assessment, target.id).map((r) => [
      mdText(r.question.title[lang]),
      mdText(answerText(r.question, r.fact, lang)),
      r.note ? mdText(r.note) : '',
    ]);
    blocks.push(`### ${target.heading}`, table([w('question', lang), w('answer', lang), w('noteColumn', lang)], rows));
  }
  return blocks;
}

/** The "Alternatives" section of `compare`: every route per channel, and the recommendation. */
function alternatives(input: ReportInput): string[] {
  return input.alternatives?.length ? [renderAlternativesMarkdown(input.alternatives, input.policy.questionnaire, input.lang).trimEnd()] : [];
}
