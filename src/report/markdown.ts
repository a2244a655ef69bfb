import { findingPoints, riskLevel } from '../engine/levels.js';
import type { TargetResult } from '../engine/result.js';
import { areaName, levelName, scaleName, t } from '../messages.js';
import type { Lang, ScaleLevel, Source } from '../policy/model.js';
import { IMPACT_LEVELS } from '../policy/schema.js';
import { oldestRuleCheck, sectionText } from '../policy/sources.js';
import { alternativesSection, routesAnnex } from './alternatives.js';
import { answerText } from './answers.js';
import { mdText, mdUrl } from './escape.js';
import { longDate, VERDICT, w } from './messages.js';
import {
  answerRows,
  areaScores,
  assumedModifiers,
  checkedRuleIds,
  matrixRows,
  numberFindings,
  planSteps,
  targetFacts,
  type AnswerRow,
  type AreaScore,
  type MatrixCell,
  type NumberedFinding,
  type PlanStep,
  type ReportInput,
} from './model.js';
import { effectText, levelLabel, scoreText, standingText } from './standing.js';

export { levelLabel };

/** How the two pictures of the report are drawn: Markdown tables here, SVG in the HTML report. */
export interface Visuals {
  riskMatrix(rows: MatrixCell[][], lang: Lang): string;
  areaBars(scores: AreaScore[], lang: Lang): string;
}

const capital = (value: string): string => value.charAt(0).toUpperCase() + value.slice(1);
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
      scores.map((s) => [areaName(s.area, lang), `${bar(s.score)} ${scoreText(s.score)}`, String(s.findings)]),
    );
  },
};

/** A heading's anchor as GitHub and markdownlint make it; the HTML report gives its headings the same ids. */
export function anchor(heading: string): string {
  return heading
    .toLowerCase()
    .replace(/[^\p{L}\p{M}\p{N}\p{Pc} -]/gu, '')
    .replace(/ /g, '-');
}

/**
 * Classes the HTML report gives section headings: the annexes set smaller, as reference, and the contents and the
 * passed rules (short lines, many of them) in two columns.
 */
export const headingClasses = (lang: Lang): Map<string, string> =>
  new Map([
    [w('contents', lang), 'toc'],
    [w('annexSources', lang), 'annex'],
    [w('annexPassed', lang), 'columns'],
  ]);

/**
 * The client report as Markdown. First what a decision needs (verdict, channels, top steps, matrix, findings, plan,
 * alternatives, open points, method); then the annexes with every source, route, passed rule and answer.
 */
export function renderMarkdown(input: ReportInput, visuals: Visuals = markdownVisuals): string {
  const numbered = numberFindings(input.result);
  const steps = planSteps(input, numbered);
  const label = (id: string): string => {
    const target = input.result.targets.find((tg) => tg.id === id);
    return target ? targetLabel(input, target) : mdText(id);
  };
  const sections = [
    matrix(input, numbered, visuals),
    findings(input, numbered, steps),
    actionPlan(input, steps),
    alternativesSection(input.alternatives ?? [], label, input.lang),
    accepted(input, numbered),
    openPoints(input),
    method(input),
    sourcesAnnex(input, numbered),
    routesAnnex(input.alternatives ?? [], label, input.policy.questionnaire, w('annexRoutes', input.lang), input.lang),
    passed(input),
    answersAnnex(input),
  ].filter((s) => s.length);
  const blocks = [...summary(input, numbered, steps), ...contents(sections, input.lang), ...sections.flat()];
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

/** "Not legal advice: …" with its lead words in bold. */
function disclaimer(lang: Lang): string {
  const [lead, ...rest] = t('notLegalAdvice', lang).split(': ');
  return `> **${lead}:** ${rest.join(': ')}`;
}

/** Page 1: the verdict, the channels and the steps that remove most risk, before anything else. */
function summary(input: ReportInput, numbered: NumberedFinding[], steps: PlanStep[]): string[] {
  const { lang, result } = input;
  const active = numbered.filter((n) => n.finding.status === 'active');
  const counts = (['critical', 'high', 'medium', 'low'] as const)
    .map((level) => ({ level, n: active.filter((a) => a.finding.level === level).length }))
    .filter((c) => c.n > 0)
    .map((c) => `${c.n} ${levelName(c.level, lang)}`);
  const countText = active.length ? `${active.length} ${w(active.length === 1 ? 'oneFinding' : 'findingsCount', lang)}: ${counts.join(', ')}` : w('noActiveFindings', lang);
  const channels = shownTargets(input).map((target) => {
    const open = target.findings.filter((f) => f.status === 'active').length;
    return [targetLabel(input, target), platformLabel(input, target.platform), `**${levelLabel(target.rating, lang)}**`, scoreText(target.score), String(open)];
  });
  const top = steps.slice(0, 3).map((step, i) => `${i + 1}. ${mdText(recommendationOf(step, lang))} *(${stepFindings(input, step)}; ${w('effect', lang)}: ${effectText(step, lang)})*`);
  const organisation = mdText(input.assessment.organisation.name) || '–';
  return [
    `# ${w('title', lang)}: ${organisation}`,
    `## ${w('summary', lang)}`,
    `**${w('overallRating', lang)}:** **${levelLabel(result.rating, lang)}** (${t('score', lang)} ${scoreText(result.score)}; ${countText}). ${VERDICT[result.rating][lang]}`,
    table([w('channel', lang), w('platform', lang), w('rating', lang), w('score', lang), capital(w('findingsCount', lang))], channels),
    `### ${w('topActions', lang)}`,
    top.length ? top.join('\n') : w('topActionsNone', lang),
    `${w('date', lang)}: ${longDate(input.date, lang)} · ${w('assessor', lang)}: ${input.assessment.organisation.assessor ? mdText(input.assessment.organisation.assessor) : w('notStated', lang)}`,
    disclaimer(lang),
  ];
}

/** The table of contents: every section that follows, linked. */
function contents(sections: string[][], lang: Lang): string[] {
  const headings = sections.map((s) => s[0]?.replace(/^## /, '') ?? '');
  return [`## ${w('contents', lang)}`, headings.map((h) => `- [${h}](#${anchor(h)})`).join('\n')];
}

const recommendationOf = (step: PlanStep, lang: Lang): string => step.actions[0]?.finding.recommendation[lang] ?? '';

/** "F3, F7 (WhatsApp newsletter)": the findings a step resolves, with their channel where the report has several. */
function stepFindings(input: ReportInput, step: PlanStep): string {
  const refs = step.findings.map((n) => n.ref).join(', ');
  if (shownTargets(input).length < 2) return refs;
  const names = step.targets.map((id) => input.result.targets.find((tg) => tg.id === id)).filter((tg) => tg !== undefined);
  return `${refs}: ${names.map((tg) => targetName(input, tg)).join(', ')}`;
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

function findings(input: ReportInput, numbered: NumberedFinding[], steps: PlanStep[]): string[] {
  const { lang } = input;
  const blocks = [`## ${w('findings', lang)}`];
  for (const target of shownTargets(input)) {
    blocks.push(`### ${targetLabel(input, target)}: ${standingText(target.rating, target.score, lang)}`);
    const own = numbered.filter((n) => n.target === target);
    if (!own.length) blocks.push(w('noFindingsTarget', lang));
    for (const item of own) blocks.push(...findingBlocks(input, item, steps));
  }
  return blocks;
}

function findingBlocks(input: ReportInput, { ref, target, finding }: NumberedFinding, steps: PlanStep[]): string[] {
  const { lang } = input;
  const answers = answerLookup(input, target.id);
  const why = finding.triggers.map((trigger) => {
    const row = answers.get(trigger.question);
    if (!row) return mdText(trigger.question);
    const note = row.note ? ` (${w('note', lang)}: ${mdText(row.note)})` : '';
    return `${mdText(row.question.title[lang])} **${mdText(answerText(row.question, row.fact, lang))}**${note}`;
  });
  const step = steps.findIndex((s) => s.actions.some((a) => a.target === target.id && a.finding === finding));
  const facts = [
    areaName(finding.area, lang),
    `${w('impactWord', lang)} ${scaleName(finding.impact, lang)}, ${w('likelihoodWord', lang)} ${scaleName(finding.likelihood, lang)}`,
    `${finding.points} ${w('points', lang)}`,
    ...(step >= 0 ? [w('actionRef', lang, { n: String(step + 1) })] : []),
  ];
  const blocks = [`#### ${ref} · ${levelLabel(finding.level, lang)} · ${mdText(finding.title[lang])}`, facts.join(' · ')];
  if (finding.status === 'accepted') blocks.push(`*${w('acceptedNote', lang)}*`);
  if (finding.assumed) blocks.push(`*${w('assumedNote', lang)}*`);
  blocks.push(mdText(finding.finding[lang]));
  if (why.length) blocks.push(`**${w('why', lang)}:** ${why.join('; ')}`);
  const onUnknown = new Set(assumedModifiers(input.policy, factsOf(input, target.id), finding).map((r) => r.en));
  for (const modifier of finding.modifiers) {
    const assumed = onUnknown.has(modifier.reason.en) ? ` *(${w('modifierAssumed', lang)})*` : '';
    blocks.push(`**${w('adjusted', lang)}:** ${w(`${modifier.scale}Word`, lang)} ${scaleName(modifier.from, lang)} → ${scaleName(modifier.to, lang)}: ${mdText(modifier.reason[lang])}${assumed}`);
  }
  if (finding.uncertainty) blocks.push(`**${w('uncertainty', lang)}:** ${mdText(finding.uncertainty[lang])}`);
  // An open finding's recommendation is in the action plan; an accepted one's is shown here.
  if (step < 0) blocks.push(`**${w('todo', lang)}:** ${mdText(finding.recommendation[lang])}`);
  return blocks;
}

// Every finding of a target looks up the same answers and facts: built once per target and report.
const lookups = new WeakMap<ReportInput, Map<string, Map<string, AnswerRow>>>();
const factCache = new WeakMap<ReportInput, Map<string, ReturnType<typeof targetFacts>>>();

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

function factsOf(input: ReportInput, targetId: string): ReturnType<typeof targetFacts> {
  let byTarget = factCache.get(input);
  if (!byTarget) factCache.set(input, (byTarget = new Map()));
  let facts = byTarget.get(targetId);
  if (!facts) byTarget.set(targetId, (facts = targetFacts(input.policy, input.assessment, targetId)));
  return facts;
}

function actionPlan(input: ReportInput, steps: PlanStep[]): string[] {
  const { lang } = input;
  const rows = steps.map((step, i) => [
    String(i + 1),
    `${mdText(recommendationOf(step, lang))}${openedNote(input, step)}`,
    step.findings.map((n) => `**${n.ref}** ${mdText(n.finding.title[lang])}`).join('; ') + (shownTargets(input).length > 1 ? ` (${stepTargets(input, step)})` : ''),
    effectText(step, lang),
    '',
  ]);
  return [
    `## ${w('actions', lang)}`,
    rows.length ? w('actionsLead', lang) : w('actionsNone', lang),
    ...(rows.length ? [table(['#', w('step', lang), w('resolves', lang), w('effect', lang), `${w('owner', lang)} / ${w('due', lang)}`], rows)] : []),
  ];
}

function stepTargets(input: ReportInput, step: PlanStep): string {
  return step.targets.map((id) => input.result.targets.find((tg) => tg.id === id)).filter((tg) => tg !== undefined).map((tg) => targetName(input, tg)).join(', ');
}

/** The questions a step opens (e.g. opt-in after a move to the Cloud API), which the after-picture did not worst-case. */
function openedNote(input: ReportInput, step: PlanStep): string {
  const opened = [...new Set(step.actions.flatMap((a) => a.opened))];
  if (!opened.length) return '';
  const titles = opened.map((id) => mdText(input.policy.questionnaire.questions.get(id)?.title[input.lang] ?? id));
  return ` *(${w('opensQuestions', input.lang, { questions: titles.join('; ') })})*`;
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
        targetName(input, target),
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

/** How the rating is made, and on what: the rule packs, their review dates and the tool. */
function method(input: ReportInput): string[] {
  const { lang, policy, result } = input;
  const rows = [...IMPACT_LEVELS].reverse().map((impact) => [
    `**${scaleLabel(impact, lang)}**`,
    ...IMPACT_LEVELS.map((likelihood) => `${levelLabel(riskLevel(impact, likelihood), lang)} (${findingPoints(impact, likelihood)})`),
  ]);
  const checked = checkedRuleIds(result);
  const oldestCheck = oldestRuleCheck(policy.rules.filter((r) => checked.has(r.id)));
  const packs = policy.packs
    .filter((p) => p.rules.some((r) => checked.has(r.id)))
    .map((p) => `${mdText(p.title[lang])} (${mdText(p.id)}, ${w('version', lang)} ${mdText(p.version)})`);
  return [
    `## ${w('methodBasis', lang)}`,
    w('methodMatrix', lang),
    table([w('impactByLikelihood', lang), ...IMPACT_LEVELS.map((l) => scaleLabel(l, lang))], rows),
    w('methodScore', lang),
    w('methodRating', lang),
    w('methodUnknown', lang),
    [
      `- **${w('rulePacks', lang)}:** ${packs.length ? packs.join('; ') : '–'}`,
      `- **${w('oldestCheck', lang)}:** ${oldestCheck ? longDate(oldestCheck, lang) : '–'}`,
      `- **${w('tool', lang)}:** ${input.tool.name} ${input.tool.version}`,
    ].join('\n'),
  ];
}

/** Annex A: every source the findings rest on, each once, with the findings that cite it. */
function sourcesAnnex(input: ReportInput, numbered: NumberedFinding[]): string[] {
  const { lang } = input;
  const cited = new Map<string, string[]>();
  for (const { ref, finding } of numbered) {
    for (const source of finding.sources) {
      const text = sourceText(source, lang);
      const refs = cited.get(text) ?? [];
      if (!refs.includes(ref)) refs.push(ref);
      cited.set(text, refs);
    }
  }
  const items = [...cited].map(([text, refs]) => `- ${text} (${refs.join(', ')})`);
  return [`## ${w('annexSources', lang)}`, items.length ? w('annexSourcesLead', lang) : w('annexSourcesNone', lang), ...(items.length ? [items.join('\n')] : [])];
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

/** Annex C: the rules that were checked and did not fire, per target, from each target's `passed` list alone. */
function passed(input: ReportInput): string[] {
  const { lang } = input;
  const titles = new Map(input.policy.rules.map((r) => [r.id, r.title[lang]]));
  const targets = input.result.targets.filter((tg) => tg.passed.length);
  const blocks = [`## ${w('annexPassed', lang)}`, targets.length ? w('passedLead', lang) : w('passedNone', lang)];
  for (const target of targets) {
    const items = target.passed.map((id) => mdText(titles.get(id) ?? id)).sort((a, b) => a.localeCompare(b, lang));
    blocks.push(`### ${targetLabel(input, target)}`, items.map((item) => `- ${item}`).join('\n'));
  }
  return blocks;
}

/** Annex D: the answers behind the assessment, only for questions that apply (an open one only where a rule reads it). */
function answersAnnex(input: ReportInput): string[] {
  const { lang } = input;
  const blocks = [`## ${w('annexAnswers', lang)}`, w('annexAnswersLead', lang)];
  const targets: { id: string; heading: string }[] = [
    { id: 'organisation', heading: w('organisation', lang) },
    ...input.result.targets.filter((tg) => tg.kind === 'channel').map((tg) => ({ id: tg.id, heading: `${w('channel', lang)} ${targetLabel(input, tg)}` })),
  ];
  for (const target of targets) {
    const open = new Set(input.result.targets.find((tg) => tg.id === target.id)?.openPoints.map((p) => p.question));
    const rows = answerRows(input.policy, input.assessment, target.id).filter((r) => r.fact.kind === 'value' || open.has(r.question.id));
    if (!rows.length) continue;
    // The note column only where a note was written: an empty column costs a third of the page's width.
    const notes = rows.some((r) => r.note);
    const cells = rows.map((r) => [mdText(r.question.title[lang]), mdText(answerText(r.question, r.fact, lang)), ...(notes ? [r.note ? mdText(r.note) : ''] : [])]);
    blocks.push(`### ${target.heading}`, table([w('question', lang), w('answer', lang), ...(notes ? [w('noteColumn', lang)] : [])], cells));
  }
  return blocks;
}
