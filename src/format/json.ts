import type { BaselineState } from '../engine/baseline.js';
import { summarize } from '../engine/gate.js';
import { rawPoints } from '../engine/score.js';
import type { Finding, TargetResult } from '../engine/result.js';
import type { Lang } from '../policy/model.js';
import type { SourceLocation } from '../util/errors.js';
import type { Chunks } from './chunks.js';
import { StreamedArray, StreamedObject, streamJson } from './json-stream.js';
import { failingCount } from './located.js';
import type { CheckRun } from './run.js';

/** Bump when a consumer of the JSON would have to change. Documented in README ("JSON output"). */
export const JSON_FORMAT_VERSION = 1;

export function* formatJson(run: CheckRun): Chunks {
  // With --baseline only new or raised findings fail, as in the exit code.
  const summary = { ...summarize(run.results, run.failOn), failing: failingCount(run) };
  const document = new StreamedObject({
    formatVersion: JSON_FORMAT_VERSION,
    tool: run.tool,
    date: run.date,
    lang: run.lang,
    failOn: run.failOn,
    packs: run.policy.packs.map((p) => ({ id: p.id, version: p.version, rules: p.rules.length })),
    summary,
    assessments: new StreamedArray(assessmentsJson(run)),
  });
  yield* streamJson(document);
  yield '\n';
}

function* assessmentsJson(run: CheckRun) {
  for (const [index, result] of run.results.entries()) {
    const locations = run.assessments[index]?.locations ?? {};
    yield new StreamedObject({
      file: result.file,
      organisation: result.organisation,
      rating: result.rating,
      score: result.score,
      targets: new StreamedArray(result.targets.map((target) => targetJson(target, run, locations))),
    });
  }
}

function targetJson(target: TargetResult, run: CheckRun, locations: Record<string, SourceLocation>) {
  return new StreamedObject({
    id: target.id,
    kind: target.kind,
    platform: target.platform ?? null,
    rating: target.rating,
    score: target.score,
    points: rawPoints(target),
    scoreBreakdown: target.findings.filter((f) => f.status === 'active').map((f) => ({ rule: f.rule, points: f.points })),
    findings: new StreamedArray(findingsJson(target, run, locations)),
    openPoints: target.openPoints,
    passed: target.passed,
    notApplicable: target.notApplicable,
    notAssessed: target.notAssessed.map((law) => ({ jurisdiction: law.jurisdiction, name: law.name[run.lang], rules: law.rules })),
    superseded: target.superseded,
  });
}

function* findingsJson(target: TargetResult, run: CheckRun, locations: Record<string, SourceLocation>) {
  for (const f of target.findings) {
    yield findingJson(f, run.lang, (q) => locations[`${target.id}/${q}`] ?? locations[`organisation/${q}`], run.baseline?.get(f) ?? null);
  }
}

// One object literal with every key (no spread): spreading ~20 keys into a new object costs as much as making it.
function findingJson(f: Finding, lang: Lang, locate: (question: string) => { line: number; column: number } | undefined, baseline: BaselineState | null) {
  return {
    rule: f.rule,
    pack: f.pack,
    area: f.area,
    level: f.level,
    status: f.status,
    impact: f.impact,
    likelihood: f.likelihood,
    points: f.points,
    assumed: f.assumed,
    title: f.title[lang],
    finding: f.finding[lang],
    recommendation: f.recommendation[lang],
    uncertainty: f.uncertainty?.[lang] ?? null,
    triggers: f.triggers.map((t) => {
      const at = locate(t.question);
      return { question: t.question, value: t.value, assumed: t.assumed, line: at?.line ?? null, column: at?.column ?? null, evidence: t.evidence ?? null };
    }),
    modifiers: f.modifiers.map((m) => ({ scale: m.scale, effect: `${m.from} → ${m.to}`, reason: m.reason[lang], assumed: m.assumed })),
    sources: f.sources.map((s) => ({ title: s.title, url: s.url ?? null, citation: s.citation ?? null, section: s.section ?? null, version: s.version ?? null })),
    reviewed: f.reviewed,
    waivable: f.waivable,
    acceptance: f.acceptance ?? null,
    baseline,
  };
}
