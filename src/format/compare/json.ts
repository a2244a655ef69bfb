import type { ChannelComparison, RouteOutcome } from '../../engine/compare.js';
import { rawPoints } from '../../engine/score.js';
import type { Finding } from '../../engine/result.js';
import type { Lang, Questionnaire } from '../../policy/model.js';
import { answerText, recommendationText } from './reasons.js';
import type { CompareRun } from './run.js';

/** Bump when a consumer of the JSON would have to change. Documented in README ("compare"). */
export const COMPARE_JSON_FORMAT_VERSION = 1;

export function formatCompareJson(run: CompareRun): string {
  const document = {
    formatVersion: COMPARE_JSON_FORMAT_VERSION,
    tool: run.tool,
    date: run.date,
    lang: run.lang,
    routesVersion: run.routes.version,
    file: run.assessment.file,
    organisation: run.assessment.organisation.name,
    channels: run.comparisons.map((c) => channelJson(c, run.questionnaire, run.lang)),
  };
  return `${JSON.stringify(document, null, 2)}\n`;
}

function channelJson(c: ChannelComparison, questionnaire: Questionnaire, lang: Lang) {
  const rec = c.recommendation;
  return {
    id: c.channel.id,
    platform: c.channel.platform,
    plan: { rating: c.plan.rating, score: c.plan.score, points: rawPoints(c.plan), findings: active(c.plan.findings).map((f) => findingRef(f, lang)) },
    recommendation: {
      kind: rec.kind,
      reason: rec.reason,
      route: rec.route ?? null,
      before: rec.before,
      after: rec.after ?? null,
      removed: rec.removed.map((f) => f.rule),
      added: rec.added.map((f) => f.rule),
      ownRisks: rec.ownRisks.map((f) => f.rule),
      remaining: rec.remaining.map((f) => f.rule),
      text: recommendationText(c, lang),
    },
    planRisks: c.planRisks.map((f) => findingRef(f, lang)),
    routes: c.routes.map((o) => routeJson(o, questionnaire, lang)),
  };
}

function routeJson(o: RouteOutcome, questionnaire: Questionnaire, lang: Lang) {
  const e = o.evaluation;
  return {
    id: o.route.id,
    platform: o.route.platform,
    official: o.route.official,
    title: o.route.title[lang],
    current: o.current,
    available: !o.route.unavailable,
    unavailableReason: o.route.unavailable?.[lang] ?? null,
    serves: o.serves,
    cannotServe: o.blockers.map((b) => ({ reason: b.reason[lang], assumed: b.assumed, triggers: b.triggers })),
    rating: e?.target.rating ?? null,
    score: e?.target.score ?? null,
    points: e ? rawPoints(e.target) : null,
    appeared: (e?.appeared ?? []).map((f) => findingRef(f, lang)),
    disappeared: (e?.disappeared ?? []).map((f) => findingRef(f, lang)),
    assumptions: [
      ...(e?.assumptions ?? []).map((a) => ({ question: a.question, value: a.value, kind: a.kind, text: answerText(questionnaire, a.question, a.value, lang) })),
      ...o.route.assumptions.map((text) => ({ question: null, value: null, kind: 'stated', text: text[lang] })),
    ],
    openForRoute: e?.newlyOpen ?? [],
    notCarried: e?.notCarried ?? [],
    routeAssumed: (e?.routeAssumed ?? []).map((f) => f.rule),
    pending: (e?.pending ?? []).map((f) => findingRef(f, lang)),
    sources: o.route.sources.map((s) => ({ title: s.title, url: s.url ?? null, citation: s.citation ?? null, section: s.section ?? null, version: s.version ?? null })),
    reviewed: o.route.reviewed,
  };
}

const active = (findings: Finding[]) => findings.filter((f) => f.status === 'active');
const findingRef = (f: Finding, lang: Lang) => ({ rule: f.rule, level: f.level, points: f.points, title: f.title[lang] });
