import { AlignmentType, Document, HeadingLevel, Footer, Header, Packer, PageNumber, PageOrientation, Paragraph, TableOfContents, TextRun, type ParagraphChild, type Table } from 'docx';
import { recommendationText } from '../format/compare/reasons.js';
import { m as compareWord } from '../format/compare/messages.js';
import { findingPoints, riskLevel } from '../engine/levels.js';
import type { Finding, TargetResult } from '../engine/result.js';
import type { Action } from '../engine/whatif.js';
import { areaName, levelName, scaleName, t } from '../messages.js';
import type { Lang, Source } from '../policy/model.js';
import { IMPACT_LEVELS } from '../policy/schema.js';
import { oldestRuleCheck, sectionText } from '../policy/sources.js';
import { answerText } from './answers.js';
import { bold, bullet, columns, heading, italic, labelled, levelRun, link, para, run, small, table, PAGE, type Cell } from './docx-blocks.js';
import { dw } from './docx-messages.js';
import { docxText } from './docx-text.js';
import { finishDocx } from './docx-package.js';
import { levelLabel, scaleLabel } from './markdown.js';
import { longDate, VERDICT, w } from './messages.js';
import { answerRows, areaScores, checkedRuleIds, matrixRows, numberFindings, planSteps, type AnswerRow, type NumberedFinding, type PlanStep, type ReportInput } from './model.js';
import { effectText, scoreText } from './standing.js';

type Block = Paragraph | Table | TableOfContents;

const LANGUAGE: Record<Lang, string> = { en: 'en-GB', de: 'de-DE' };

/**
 * The client report as a Word document, in the order a reader decides by: verdict, matrix, findings, plan,
 * accepted risks, open points, method; every answer, every passed rule and every source in annexes.
 */
export async function renderDocx(input: ReportInput): Promise<Uint8Array> {
  const { lang } = input;
  const report = new DocxReport(input);
  const body = report.blocks();
  const doc = new Document({
    title: `${w('title', lang)}: ${input.assessment.organisation.name}`,
    creator: `${input.tool.name} ${input.tool.version}`,
    lastModifiedBy: `${input.tool.name} ${input.tool.version}`,
    description: t('notLegalAdvice', lang),
    features: { updateFields: true }, // Word fills in the table of contents' page numbers on opening
    hyphenation: { autoHyphenation: true },
    styles: {
      default: {
        document: { run: { font: 'Calibri', size: 21, language: { value: LANGUAGE[lang] } }, paragraph: { spacing: { after: 100 } } },
        title: { run: { font: 'Calibri', size: 40, bold: true, color: '25406B' }, paragraph: { spacing: { after: 240 } } },
        heading1: { run: { font: 'Calibri', size: 30, bold: true, color: '25406B' }, paragraph: { spacing: { before: 360, after: 120 } } },
        heading2: { run: { font: 'Calibri', size: 25, bold: true, color: '1D2433' }, paragraph: { spacing: { before: 240, after: 100 } } },
        heading3: { run: { font: 'Calibri', size: 22, bold: true, color: '1D2433' }, paragraph: { spacing: { before: 200, after: 80 } } },
      },
    },
    sections: [
      {
        properties: {
          page: {
            size: { width: PAGE.width, height: PAGE.height, orientation: PageOrientation.PORTRAIT },
            margin: { top: PAGE.top, bottom: PAGE.bottom, left: PAGE.left, right: PAGE.right },
          },
        },
        headers: { default: new Header({ children: [new Paragraph({ alignment: AlignmentType.RIGHT, children: [small(report.title, { color: '5B6478' })] })] }) },
        footers: { default: new Footer({ children: [new Paragraph({ alignment: AlignmentType.CENTER, children: pageNumber(lang) })] }) },
        children: body,
      },
    ],
  });
  return finishDocx(new Uint8Array(await Packer.toBuffer(doc)), input.date);
}

/** "Page 3 of 12" with Word's page fields in place of the placeholders. */
function pageNumber(lang: Lang): TextRun[] {
  const parts = dw('page', lang).split(/(\{page\}|\{pages\})/).filter(Boolean);
  const field = { '{page}': PageNumber.CURRENT, '{pages}': PageNumber.TOTAL_PAGES } as const;
  return parts.map((part) => (part in field ? new TextRun({ children: [field[part as keyof typeof field]], size: 18 }) : small(part)));
}

class DocxReport {
  readonly title: string;
  private readonly lang: Lang;
  private readonly numbered: NumberedFinding[];
  private readonly sources = new Map<string, { number: number; source: Source }>();
  private readonly lookups = new Map<string, Map<string, AnswerRow>>();
  private readonly toc: { title: string; level: number }[] = [];
  /** The action plan as the HTML and Markdown report show it: near-duplicate actions merged into one step. */
  private readonly steps: PlanStep[];

  constructor(private readonly input: ReportInput) {
    this.lang = input.lang;
    this.title = `${w('title', this.lang)}: ${input.assessment.organisation.name || '–'}`;
    this.numbered = numberFindings(input.result);
    this.steps = planSteps(input, this.numbered);
    for (const { finding } of this.numbered) finding.sources.forEach((source) => this.sourceNumber(source));
  }

  blocks(): Block[] {
    const body = [
      ...this.summary(),
      ...this.matrix(),
      ...this.findings(),
      ...this.actionPlan(),
      ...this.alternatives(),
      ...this.accepted(),
      ...this.openPoints(),
      ...this.method(),
      ...this.answers(),
      ...this.passed(),
      ...this.sourceList(),
    ];
    // The table of contents comes filled with the headings; Word adds the page numbers when it updates the field.
    const contents = new TableOfContents(dw('contents', this.lang), { hyperlink: true, headingStyleRange: '1-2', cachedEntries: this.toc, beginDirty: true });
    return [new Paragraph({ heading: HeadingLevel.TITLE, children: [run(this.title)] }), ...this.cover(), new Paragraph({ spacing: { before: 240 }, children: [run(dw('contents', this.lang), { bold: true, size: 26, color: '25406B' })] }), contents, ...body];
  }

  /** A heading the table of contents lists. */
  private h(depth: 1 | 2, text: string): Paragraph {
    this.toc.push({ title: docxText(text), level: depth });
    return heading(depth, run(text));
  }

  private cover(): Paragraph[] {
    const { lang, input } = this;
    return [
      labelled(w('organisation', lang), run(input.assessment.organisation.name || '–')),
      labelled(w('date', lang), run(longDate(input.date, lang))),
      labelled(w('assessor', lang), run(input.assessment.organisation.assessor || w('notStated', lang))),
    ];
  }

  private shownTargets(): TargetResult[] {
    return this.input.result.targets.filter((tg) => tg.kind === 'channel' || tg.findings.length > 0);
  }

  private targetLabel(target: TargetResult): string {
    if (target.kind === 'organisation') return w('organisationWide', this.lang);
    const name = this.input.assessment.channels.find((c) => c.id === target.id)?.name;
    return name ? `${name} (${target.id})` : target.id;
  }

  private targetName(id: string): string {
    const target = this.input.result.targets.find((tg) => tg.id === id);
    if (!target) return id;
    if (target.kind === 'organisation') return w('organisationWide', this.lang);
    return this.input.assessment.channels.find((c) => c.id === id)?.name || id;
  }

  private refOf(target: string, finding: Finding): string {
    return this.numbered.find((n) => n.target.id === target && n.finding === finding)?.ref ?? '';
  }

  private summary(): Block[] {
    const { lang, input } = this;
    const { result } = input;
    const active = this.numbered.filter((n) => n.finding.status === 'active');
    const counts = (['critical', 'high', 'medium', 'low'] as const)
      .map((level) => ({ level, n: active.filter((a) => a.finding.level === level).length }))
      .filter((c) => c.n > 0)
      .map((c) => `${c.n} ${levelName(c.level, lang)}`);
    const countText = active.length ? `${active.length} ${w(active.length === 1 ? 'oneFinding' : 'findingsCount', lang)}: ${counts.join(', ')}` : w('noActiveFindings', lang);
    const platform = (value: string | undefined) =>
      value ? (input.policy.questionnaire.questions.get('platform')?.options?.find((o) => o.value === value)?.label[lang] ?? value) : '–';
    const channels: Cell[][] = this.shownTargets().map((target) => [
      this.targetLabel(target),
      platform(target.platform),
      { paragraphs: [para(small(levelLabel(target.rating, lang), { bold: true }))], level: target.rating },
      scoreText(target.score),
      String(target.findings.filter((f) => f.status === 'active').length),
    ]);
    const top = this.steps.slice(0, 3).map((step, i) => para(run(`${i + 1}. `), ...this.stepLine(step)));
    return [
      this.h(1, w('summary', lang)),
      para(bold(`${w('overallRating', lang)}: `), levelRun(levelLabel(result.rating, lang), result.rating), run(` (${t('score', lang)} ${scoreText(result.score)}; ${countText}).`)),
      para(run(VERDICT[result.rating][lang])),
      table(columns(34, 22, 16, 14, 14), [w('channel', lang), w('platform', lang), w('rating', lang), w('score', lang), capital(w('findingsCount', lang))], channels),
      this.h(2, w('topActions', lang)),
      ...(top.length ? top : [para(run(w('topActionsNone', lang)))]),
    ];
  }

  private stepLine(step: PlanStep): ParagraphChild[] {
    const { lang } = this;
    const first = step.actions[0];
    return [
      bold(first?.finding.title[lang] ?? ''),
      run(` (${this.stepFindings(step)}): ${first?.finding.recommendation[lang] ?? ''} `),
      italic(`${w('effect', lang)}: ${plainEffect(step, lang)}.`),
    ];
  }

  /** "F3, F7 (WhatsApp newsletter)": the findings a step resolves, with their channels. */
  private stepFindings(step: PlanStep): string {
    const names = step.targets.map((id) => this.targetName(id));
    return `${step.findings.map((n) => n.ref).join(', ')}; ${names.join(', ')}`;
  }

  private matrix(): Block[] {
    const { lang, input } = this;
    const rows: Cell[][] = matrixRows(this.numbered).map((cells) => [
      [small(scaleLabel(cells[0]?.impact ?? 'maximum', lang), { bold: true })],
      ...cells.map(
        (cell): Cell => ({
          level: cell.level,
          paragraphs: [
            para(small(levelLabel(cell.level, lang), { bold: true })),
            ...(cell.refs.length ? [para(small(cell.refs.map((r) => r.ref).join(', '), { bold: true }))] : []),
          ],
        }),
      ),
    ]);
    const scores = areaScores(input.policy, input.result).map((s): Cell[] => [areaName(s.area, lang), `${s.score}/100`, String(s.findings)]);
    return [
      this.h(1, w('matrix', lang)),
      para(run(w('matrixLead', lang))),
      table(columns(24, 19, 19, 19, 19), [w('impactByLikelihood', lang), ...IMPACT_LEVELS.map((l) => scaleLabel(l, lang))], rows),
      this.h(2, w('areaScores', lang)),
      para(run(w('areaScoresLead', lang))),
      table(columns(60, 20, 20), [w('area', lang), w('score', lang), capital(w('findingsCount', lang))], scores),
    ];
  }

  private findings(): Block[] {
    const { lang } = this;
    const blocks: Block[] = [this.h(1, w('findings', lang))];
    for (const target of this.shownTargets()) {
      blocks.push(this.h(2, `${this.targetLabel(target)}: ${levelLabel(target.rating, lang)}, ${target.score}/100`));
      const own = this.numbered.filter((n) => n.target === target);
      if (!own.length) blocks.push(para(run(w('noFindingsTarget', lang))));
      for (const item of own) blocks.push(...this.finding(item));
    }
    return blocks;
  }

  private finding({ ref, target, finding }: NumberedFinding): Paragraph[] {
    const { lang } = this;
    const answers = this.answerLookup(target.id);
    const blocks = [
      heading(3, run(`${ref} · `), levelRun(levelLabel(finding.level, lang), finding.level), run(` · ${finding.title[lang]}`)),
      labelled(w('level', lang), run(`${levelLabel(finding.level, lang)} (${w('impactWord', lang)} ${scaleName(finding.impact, lang)}, ${w('likelihoodWord', lang)} ${scaleName(finding.likelihood, lang)}; ${finding.points} ${w('points', lang)}).`)),
    ];
    if (finding.status === 'accepted') blocks.push(para(italic(w('acceptedNote', lang))));
    if (finding.assumed) blocks.push(para(italic(w('assumedNote', lang))));
    blocks.push(labelled(dw('what', lang), run(finding.finding[lang])));
    if (finding.triggers.length) {
      blocks.push(para(bold(`${w('why', lang)}:`)));
      for (const trigger of finding.triggers) {
        const row = answers.get(trigger.question);
        if (!row) blocks.push(bullet(run(trigger.question)));
        else blocks.push(bullet(run(`${row.question.title[lang]} `), bold(answerText(row.question, row.fact, lang)), ...(row.note ? [run(` (${w('note', lang)}: ${row.note})`)] : [])));
      }
    }
    for (const modifier of finding.modifiers) {
      blocks.push(labelled(w('adjusted', lang), run(`${w(`${modifier.scale}Word`, lang)} ${scaleName(modifier.from, lang)} → ${scaleName(modifier.to, lang)}: ${modifier.reason[lang]}`)));
    }
    if (finding.uncertainty) blocks.push(labelled(w('uncertainty', lang), run(finding.uncertainty[lang])));
    blocks.push(labelled(w('todo', lang), run(finding.recommendation[lang])));
    blocks.push(labelled(w('sources', lang), run(finding.sources.map((s) => `[${this.sourceNumber(s)}] ${s.title}`).join('; '))));
    blocks.push(para(italic(`${w('reviewed', lang)} ${longDate(finding.reviewed, lang)}.`)));
    return blocks;
  }

  /** The number of a source in Annex C, given on first citation; the same source cited twice keeps its number. */
  private sourceNumber(source: Source): number {
    const key = JSON.stringify([source.title, source.url, source.citation, source.section, source.version]);
    let entry = this.sources.get(key);
    if (!entry) this.sources.set(key, (entry = { number: this.sources.size + 1, source }));
    return entry.number;
  }

  /** The answers a target's rules saw: its own plus, for a channel, the organisation's. */
  private answerLookup(targetId: string): Map<string, AnswerRow> {
    let lookup = this.lookups.get(targetId);
    if (!lookup) {
      const { policy, assessment } = this.input;
      const rows = [...answerRows(policy, assessment, 'organisation'), ...(targetId === 'organisation' ? [] : answerRows(policy, assessment, targetId))];
      this.lookups.set(targetId, (lookup = new Map(rows.map((r) => [r.question.id, r]))));
    }
    return lookup;
  }

  private actionPlan(): Block[] {
    const { lang } = this;
    const rows = this.steps.map((step, i): Cell[] => {
      const first = step.actions[0];
      const opened = step.actions.filter((a) => a.opened.length);
      return [
        String(i + 1),
        [small(`${step.findings.map((n) => n.ref).join(', ')} `, { bold: true }), small(`${first?.finding.title[lang] ?? ''}`)],
        [small(first?.finding.recommendation[lang] ?? ''), ...opened.map((a) => small(` (${this.openedNote(a)})`, { italics: true }))],
        step.targets.map((id) => this.targetName(id)).join(', '),
        [small(plainEffect(step, lang))],
        '',
        '',
      ];
    });
    return [
      this.h(1, w('actions', lang)),
      para(run(rows.length ? w('actionsLead', lang) : w('actionsNone', lang))),
      ...(rows.length ? [table(columns(5, 19, 28, 12, 12, 12, 12), ['#', w('finding', lang), w('todo', lang), w('channel', lang), w('effect', lang), w('owner', lang), w('due', lang)], rows)] : []),
    ];
  }

  private openedNote(action: Action): string {
    const titles = action.opened.map((id) => this.input.policy.questionnaire.questions.get(id)?.title[this.lang] ?? id);
    return w('opensQuestions', this.lang, { questions: titles.join('; ') });
  }

  /** The routes `compare` weighed for each channel, with its recommendation; the full reasons stay in `compare`. */
  private alternatives(): Block[] {
    const { lang } = this;
    const comparisons = this.input.alternatives ?? [];
    if (!comparisons.length) return [];
    const blocks: Block[] = [this.h(1, compareWord('heading', lang))];
    for (const c of comparisons) {
      blocks.push(this.h(2, `${w('channel', lang)} ${this.targetName(c.channel.id)}`));
      const rows = [
        [compareWord('planRow', lang), levelLabel(c.plan.rating, lang), String(c.plan.score), ''],
        ...c.routes.map((o) => {
          const e = o.evaluation;
          if (!e) return [o.route.title[lang], '', '', compareWord('unavailable', lang)];
          const serves = o.serves ? compareWord('yes', lang) : o.blockers.every((b) => b.assumed) ? compareWord('maybe', lang) : compareWord('no', lang);
          return [o.route.title[lang], levelLabel(e.target.rating, lang), String(e.target.score), serves];
        }),
      ];
      blocks.push(table(columns(46, 18, 12, 24), [compareWord('route', lang), compareWord('rating', lang), compareWord('score', lang), compareWord('serves', lang)], rows));
      blocks.push(labelled(compareWord('recommendation', lang), run(recommendationText(c, lang))));
    }
    return blocks;
  }

  private accepted(): Block[] {
    const { lang } = this;
    const rows = this.numbered
      .filter((n) => n.finding.status === 'accepted')
      .map(({ ref, target, finding }): Cell[] => [
        `${ref} ${finding.title[lang]}`,
        this.targetName(target.id),
        levelLabel(finding.level, lang),
        finding.acceptance?.reason ?? '',
        finding.acceptance?.owner ?? '',
        finding.acceptance?.approver ?? '',
        finding.acceptance?.expires ?? '',
      ]);
    return [
      this.h(1, w('accepted', lang)),
      rows.length
        ? table(columns(20, 13, 10, 25, 11, 11, 10), [w('finding', lang), w('channel', lang), w('level', lang), w('reason', lang), w('owner', lang), w('approver', lang), w('expires', lang)], rows)
        : para(run(w('acceptedNone', lang))),
    ];
  }

  private openPoints(): Block[] {
    const { lang, input } = this;
    const titles = new Map(input.policy.rules.map((r) => [r.id, r.title[lang]]));
    const rows = input.result.targets.flatMap((target) => {
      const answers = this.answerLookup(target.id);
      return target.openPoints.map((point): Cell[] => [
        this.targetName(target.id),
        answers.get(point.question)?.question.title[lang] ?? point.question,
        w(point.reason === 'dont_know' ? 'dontKnow' : 'notAnswered', lang),
        point.affects.length ? point.affects.map((id) => titles.get(id) ?? id).join('; ') : '–',
      ]);
    });
    return [
      this.h(1, w('openPoints', lang)),
      para(run(rows.length ? w('openPointsLead', lang) : w('openPointsNone', lang))),
      ...(rows.length ? [table(columns(15, 35, 14, 36), [w('channel', lang), w('question', lang), w('status', lang), w('affects', lang)], rows)] : []),
    ];
  }

  private method(): Block[] {
    const { lang, input } = this;
    const checked = checkedRuleIds(input.result);
    const oldestCheck = oldestRuleCheck(input.policy.rules.filter((r) => checked.has(r.id)));
    const packs = input.policy.packs.filter((p) => p.rules.some((r) => checked.has(r.id)));
    const points: Cell[][] = [...IMPACT_LEVELS].reverse().map((impact) => [
      [small(scaleLabel(impact, lang), { bold: true })],
      ...IMPACT_LEVELS.map((likelihood): Cell => {
        const level = riskLevel(impact, likelihood);
        return { level, paragraphs: [para(small(`${levelLabel(level, lang)} (${findingPoints(impact, likelihood)})`))] };
      }),
    ]);
    return [
      this.h(1, dw('method', lang)),
      this.h(2, dw('packMetadata', lang)),
      para(bold(`${w('rulePacks', lang)}:`)),
      ...(packs.length ? packs.map((p) => bullet(run(`${p.title[lang]} (${p.id}, ${w('version', lang)} ${p.version})`))) : [bullet(run('–'))]),
      labelled(w('oldestCheck', lang), run(oldestCheck ? longDate(oldestCheck, lang) : '–')),
      labelled(w('tool', lang), run(`${input.tool.name} ${input.tool.version}`)),
      this.h(2, dw('scoring', lang)),
      para(run(w('methodMatrix', lang))),
      table(columns(24, 19, 19, 19, 19), [w('impactByLikelihood', lang), ...IMPACT_LEVELS.map((l) => scaleLabel(l, lang))], points),
      para(run(w('methodScore', lang))),
      para(run(w('methodRating', lang))),
      para(run(w('methodUnknown', lang))),
      disclaimer(lang),
    ];
  }

  private answers(): Block[] {
    const { lang, input } = this;
    const blocks: Block[] = [this.h(1, dw('annexAnswers', lang))];
    const targets = [
      { id: 'organisation', heading: w('organisation', lang) },
      ...input.result.targets.filter((tg) => tg.kind === 'channel').map((tg) => ({ id: tg.id, heading: `${w('channel', lang)} ${this.targetLabel(tg)}` })),
    ];
    for (const target of targets) {
      const rows = answerRows(input.policy, input.assessment, target.id).map((r): Cell[] => [r.question.title[lang], answerText(r.question, r.fact, lang), r.note ?? '']);
      blocks.push(this.h(2, target.heading), table(columns(45, 30, 25), [w('question', lang), w('answer', lang), w('noteColumn', lang)], rows));
    }
    return blocks;
  }

  private passed(): Block[] {
    const { lang, input } = this;
    const rules = new Map(input.policy.rules.map((r) => [r.id, r]));
    const where = new Map<string, string[]>();
    for (const target of input.result.targets) {
      for (const id of target.passed) where.set(id, [...(where.get(id) ?? []), this.targetName(target.id)]);
    }
    const rows = [...where.keys()].sort().map((id): Cell[] => [rules.get(id)?.title[lang] ?? id, id, where.get(id)?.join(', ') ?? '']);
    return [
      this.h(1, dw('annexPassed', lang)),
      para(run(rows.length ? w('passedLead', lang) : w('passedNone', lang))),
      ...(rows.length ? [table(columns(50, 28, 22), [w('rule', lang), dw('ruleId', lang), dw('checkedFor', lang)], rows)] : []),
    ];
  }

  private sourceList(): Block[] {
    const { lang } = this;
    const entries = [...this.sources.values()].map(({ number, source }) => {
      const parts = [
        source.title,
        ...(source.citation ? [source.citation] : []),
        ...(source.section ? [`${w('section', lang)} ${sectionText(source, lang) ?? ''}`] : []),
        ...(source.version ? [`${w('asOf', lang)} ${source.version}`] : []),
      ];
      return para(bold(`[${number}] `), run(parts.join(', ')), ...(source.url ? [run(' – '), link(source.url)] : []));
    });
    return [this.h(1, dw('annexSources', lang)), para(run(dw('sourcesLead', lang))), ...entries];
  }
}


const capital = (value: string): string => value.charAt(0).toUpperCase() + value.slice(1);

/** The step's effect as the HTML report words it, without Markdown's bold marks (Word runs carry no Markdown). */
const plainEffect = (step: PlanStep, lang: Lang): string => effectText(step, lang).replaceAll('**', '');

function disclaimer(lang: Lang): Paragraph {
  const [lead, ...rest] = t('notLegalAdvice', lang).split(': ');
  return para(bold(`${lead}: `), run(rest.join(': ')));
}
