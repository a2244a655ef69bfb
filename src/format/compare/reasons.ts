import type { ChannelComparison } from '../../engine/compare.js';
import { riskRank } from '../../engine/levels.js';
import type { Finding } from '../../engine/result.js';
import { levelName } from '../../messages.js';
import type { AnswerValue, Lang, Questionnaire } from '../../policy/model.js';
import { m, sentence } from './messages.js';
import { byCodeUnits } from '../../util/order.js';

const TITLES_SHOWN = 3;

/** Finding titles for a sentence: the most severe first, at most three, "…" when there are more. */
function titles(findings: Finding[], lang: Lang): string {
  const sorted = [...findings].sort((a, b) => riskRank(b.level) - riskRank(a.level) || b.points - a.points || byCodeUnits(a.rule, b.rule));
  const shown = sorted.slice(0, TITLES_SHOWN).map((f) => `${f.title[lang]} (${levelName(f.level, lang)})`);
  return sorted.length > TITLES_SHOWN ? `${shown.join('; ')}; …` : shown.join('; ');
}

/** The recommendation in two or three sentences, generated from the comparison's data. */
export function recommendationText(comparison: ChannelComparison, lang: Lang): string {
  const { recommendation: rec, routes } = comparison;
  const route = routes.find((o) => o.route.id === rec.route)?.route.title[lang] ?? '';
  const values = {
    route,
    before: levelName(rec.before.rating, lang),
    beforeScore: rec.before.score,
    after: rec.after ? levelName(rec.after.rating, lang) : '',
    afterScore: rec.after?.score ?? '',
    beforePoints: rec.before.points,
    afterPoints: rec.after?.points ?? '',
  };
  const parts: string[] = [];
  if (rec.kind === 'switch') {
    parts.push(sentence('switch', lang, values));
    const removed = { count: rec.removed.length, titles: titles(rec.removed, lang), addedCount: rec.added.length, addedTitles: titles(rec.added, lang) };
    if (!rec.removed.length) parts.push(sentence('removesNothing', lang, values));
    else parts.push(sentence(rec.added.length ? 'removesAndAdds' : 'removes', lang, removed));
  } else if (rec.kind === 'keep') {
    parts.push(sentence(rec.reason === 'plan_is_lowest' ? 'keepPlan' : 'keepLowest', lang, values));
  } else if (rec.reason === 'no_route_lowers_risk') {
    parts.push(sentence('noneLowers', lang, values));
  } else if (rec.reason === 'own_high_risk') {
    parts.push(sentence('ownRisk', lang, { ...values, titles: titles(rec.ownRisks, lang) }));
  } else {
    parts.push(sentence('noRoute', lang, values));
  }
  if (rec.remaining.length) parts.push(sentence('remaining', lang, { titles: titles(rec.remaining, lang) }));
  return parts.join(' ');
}

/** "Question title: answer label" for an answer the route implies, in the questionnaire's own words. */
export function answerText(questionnaire: Questionnaire, question: string, value: AnswerValue | 'unknown', lang: Lang): string {
  const q = questionnaire.questions.get(question);
  if (!q) return `${question} = ${String(value)}`;
  const label = (v: unknown): string => {
    if (typeof v === 'boolean') return m(v ? 'yes' : 'no', lang);
    return q.options?.find((o) => o.value === v)?.label[lang] ?? String(v);
  };
  const shown = Array.isArray(value) ? value.map(label).join(', ') : label(value);
  return `${q.title[lang]} → ${shown}`;
}
