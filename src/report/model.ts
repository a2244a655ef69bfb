import type { Assessment } from '../engine/assessment.js';
import type { ChannelComparison } from '../engine/compare.js';
import { buildFacts, type Fact, type Facts } from '../engine/facts.js';
import { channelFacts } from '../engine/evaluate.js';
import { maxRisk, RISK_MATRIX } from '../engine/levels.js';
import { scoreOf } from '../engine/score.js';
import type { AssessmentResult, Finding, TargetResult } from '../engine/result.js';
import type { Action } from '../engine/whatif.js';
import type { Area, Lang, Policy, Question, RiskLevel, ScaleLevel } from '../policy/model.js';
import { AREAS, IMPACT_LEVELS } from '../policy/schema.js';

/** Everything a report is made from; the same input always gives the same report. */
export interface ReportInput {
  tool: { name: string; version: string };
  date: string;
  lang: Lang;
  policy: Policy;
  assessment: Assessment;
  result: AssessmentResult;
  actions: Action[];
  /** The routes each channel was compared with (`compare`); without it the report has no "Alternatives" section. */
  alternatives?: ChannelComparison[];
}

/** A finding with the number ("F3") the matrix and the action plan refer to. */
export interface NumberedFinding {
  ref: string;
  target: TargetResult;
  finding: Finding;
}

export interface MatrixCell {
  impact: ScaleLevel;
  likelihood: ScaleLevel;
  level: RiskLevel;
  refs: NumberedFinding[];
}

export interface AreaScore {
  area: Area;
  score: number;
  findings: number;
}

export interface AnswerRow {
  question: Question;
  fact: Fact;
  note: string | undefined;
}

/** Findings numbered in the order the report lists them: target by target, area by area, worst first. */
export function numberFindings(result: AssessmentResult): NumberedFinding[] {
  const numbered: NumberedFinding[] = [];
  for (const target of result.targets) {
    for (const area of AREAS) {
      for (const finding of target.findings.filter((f) => f.area === area)) numbered.push({ ref: `F${numbered.length + 1}`, target, finding });
    }
  }
  return numbered;
}

/** The 4x4 grid, highest impact first (the way a risk matrix is read), with the open findings in their cells. */
export function matrixRows(numbered: NumberedFinding[]): MatrixCell[][] {
  return [...IMPACT_LEVELS].reverse().map((impact) =>
    IMPACT_LEVELS.map((likelihood) => ({
      impact,
      likelihood,
      level: RISK_MATRIX[IMPACT_LEVELS.indexOf(impact)]?.[IMPACT_LEVELS.indexOf(likelihood)] ?? 'critical',
      refs: numbered.filter((n) => n.finding.status === 'active' && n.finding.impact === impact && n.finding.likelihood === likelihood),
    })),
  );
}

/** The open findings per area across every target, scored like a channel (worst level's band, moved by points); areas without rules are left out. */
export function areaScores(policy: Policy, result: AssessmentResult): AreaScore[] {
  const checked = new Set(policy.rules.map((r) => r.area));
  const active = result.targets.flatMap((t) => t.findings.filter((f) => f.status === 'active'));
  return AREAS.filter((area) => checked.has(area)).map((area) => {
    const inArea = active.filter((f) => f.area === area);
    return { area, score: inArea.length ? scoreOf(maxRisk(inArea.map((f) => f.level)), inArea.reduce((sum, f) => sum + f.points, 0)) : 0, findings: inArea.length };
  });
}

/** Every question that applies to a target, in questionnaire order, with its answer (or why it has none) and note. */
export function answerRows(policy: Policy, assessment: Assessment, targetId: string): AnswerRow[] {
  const orgFacts = buildFacts(policy.questionnaire, 'organisation', assessment.organisation.answers);
  const channel = assessment.channels.find((c) => c.id === targetId);
  const facts: Facts = channel ? channelFacts(policy, channel, orgFacts) : orgFacts;
  const scope = channel ? 'channel' : 'organisation';
  const notes = channel ? channel.notes : assessment.organisation.notes;
  const rows: AnswerRow[] = [];
  for (const section of policy.questionnaire.sections) {
    if (section.scope !== scope) continue;
    for (const question of section.questions) {
      const fact = facts.get(question.id);
      if (fact) rows.push({ question, fact, note: notes[question.id] });
    }
  }
  return rows;
}

/** The rules checked for the assessment: every rule that fired or passed somewhere. */
export function checkedRuleIds(result: AssessmentResult): Set<string> {
  return new Set(result.targets.flatMap((t) => [...t.findings.map((f) => f.rule), ...t.passed]));
}
