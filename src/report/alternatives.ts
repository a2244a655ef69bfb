import type { ChannelComparison, RouteOutcome } from '../engine/compare.js';
import { riskRank } from '../engine/levels.js';
import type { Finding } from '../engine/result.js';
import { fill, levelName } from '../messages.js';
import type { Lang, Questionnaire, Source, Text } from '../policy/model.js';
import { byCodeUnits } from '../util/order.js';
import { answerText } from '../format/compare/reasons.js';
import { mdText, mdUrl } from './escape.js';
import { standingPhrase, standingText } from './standing.js';

/** The words of the report's "Alternatives": plain sentences for a reader who does not know the rules. */
const words = {
  heading: { en: 'Alternatives', de: 'Alternativen' },
  lead: {
    en: 'How each channel would fare on other routes: the plan\'s answers with what the route implies, assessed again. The annex lists what each route assumes and its sources.',
    de: 'Wie jeder Kanal auf anderen Wegen abschneiden würde: die Antworten des Plans mit dem, was der Weg mit sich bringt, erneut bewertet. Der Anhang nennt, wovon jeder Weg ausgeht, und seine Quellen.',
  },
  route: { en: 'Route', de: 'Weg' },
  standing: { en: 'Rating', de: 'Bewertung' },
  gone: { en: 'Risks gone', de: 'Risiken entfallen' },
  added: { en: 'Risks added', de: 'Risiken kommen hinzu' },
  serves: { en: 'Serves the plan', de: 'Deckt den Plan' },
  plan: { en: 'The plan as it stands', de: 'Der Plan, wie er ist' },
  yes: { en: 'yes', de: 'ja' },
  no: { en: 'no', de: 'nein' },
  unclear: { en: 'unclear', de: 'unklar' },
  current: { en: 'the current plan', de: 'der jetzige Plan' },
  grey: { en: 'not recommendable', de: 'nicht empfehlenswert' },
  recommended: { en: 'recommended', de: 'empfohlen' },
  notServing: {
    en: 'These routes do not serve every planned purpose (the reasons are in the annex): {routes}.',
    de: 'Diese Wege decken nicht alle geplanten Zwecke (die Gründe stehen im Anhang): {routes}.',
  },
  noBusinessRoute: { en: 'No business route exists on: {routes}.', de: 'Keinen geschäftlichen Weg gibt es bei: {routes}.' },
  switch: {
    en: 'We recommend {route}. It serves every planned purpose and is rated {after}, against {before} for the plan.',
    de: 'Wir empfehlen {route}. Dieser Weg deckt alle geplanten Zwecke und wird als {after} eingestuft, der Plan als {before}.',
  },
  keep: {
    en: 'Keep the route: the plan already uses {route}, the official route with the lowest risk that serves every planned purpose; it is rated {after}.',
    de: 'Der Weg kann bleiben: Der Plan nutzt bereits {route}, den offiziellen Weg mit dem geringsten Risiko, der alle geplanten Zwecke deckt; er wird als {after} eingestuft.',
  },
  keepPlan: {
    en: 'Keep the route: no official route that serves every planned purpose is less risky than the plan on {route}, rated {before}.',
    de: 'Der Weg kann bleiben: Kein offizieller Weg, der alle geplanten Zwecke deckt, ist weniger riskant als der Plan über {route}, eingestuft als {before}.',
  },
  noRoute: {
    en: 'No official route serves every planned purpose, so we recommend none; the table shows which route serves the plan.',
    de: 'Kein offizieller Weg deckt alle geplanten Zwecke; wir empfehlen daher keinen. Die Tabelle zeigt, welcher Weg den Plan deckt.',
  },
  ownRisk: {
    en: 'Every official route that serves all planned purposes brings a high risk of its own, so we recommend none. The least risky, {route}, is rated {after} and brings: {titles}.',
    de: 'Jeder offizielle Weg, der alle geplanten Zwecke deckt, bringt ein eigenes hohes Risiko mit; wir empfehlen daher keinen. Der am wenigsten riskante, {route}, wird als {after} eingestuft und bringt mit sich: {titles}.',
  },
  removes: {
    en: 'The switch removes {count}: {titles}.',
    de: 'Mit dem Wechsel entfällt {count}: {titles}.',
  },
  removesMany: {
    en: 'The switch removes {count}: {titles}.',
    de: 'Mit dem Wechsel entfallen {count}: {titles}.',
  },
  brings: { en: 'The route itself brings {count}: {titles}.', de: 'Der Weg selbst bringt {count} mit sich: {titles}.' },
  dependsOne: {
    en: '{count} depends on answers the plan does not give yet and is counted at its worst until they are given: {titles}.',
    de: '{count} hängt von Antworten ab, die der Plan noch nicht gibt, und zählt bis dahin im ungünstigsten Fall: {titles}.',
  },
  dependsMany: {
    en: '{count} depend on answers the plan does not give yet and are counted at their worst until they are given: {titles}.',
    de: '{count} hängen von Antworten ab, die der Plan noch nicht gibt, und zählen bis dahin im ungünstigsten Fall: {titles}.',
  },
  openOne: {
    en: '{count} depends on answers the plan does not give yet and is not counted until they are given: {titles}.',
    de: '{count} hängt von Antworten ab, die der Plan noch nicht gibt, und wird erst gezählt, wenn sie vorliegen: {titles}.',
  },
  openMany: {
    en: '{count} depend on answers the plan does not give yet and are not counted until they are given: {titles}.',
    de: '{count} hängen von Antworten ab, die der Plan noch nicht gibt, und werden erst gezählt, wenn sie vorliegen: {titles}.',
  },
  noneLowers: {
    en: 'No official route that serves every planned purpose leaves less risk than the plan ({before}); the least risky, {route}, is rated {after}. We recommend none.',
    de: 'Kein offizieller Weg, der alle geplanten Zwecke deckt, lässt weniger Risiko als der Plan ({before}); der am wenigsten riskante, {route}, wird mit {after} bewertet. Wir empfehlen daher keinen.',
  },
  remaining: {
    en: 'On any route, the plan\'s own choices keep: {titles}. These are resolved by the action plan, not by a change of route.',
    de: 'Auf jedem Weg bleiben wegen der Entscheidungen des Plans selbst: {titles}. Diese behebt der Maßnahmenplan, nicht ein Wechsel des Wegs.',
  },
  andOneMore: { en: '{titles} and one more', de: '{titles} und ein weiteres' },
  andMore: { en: '{titles} and {n} more', de: '{titles} und {n} weitere' },
  riskOne: { en: 'one risk', de: 'ein Risiko' },
  riskMany: { en: '{n} risks', de: '{n} Risiken' },
  furtherOne: { en: 'One further risk', de: 'Ein weiteres Risiko' },
  furtherMany: { en: '{n} further risks', de: '{n} weitere Risiken' },
  annexLead: {
    en: 'For each route: what it cannot serve, which risks of the plan it removes and which it brings, the answers it assumes, and its sources.',
    de: 'Für jeden Weg: was er nicht deckt, welche Risiken des Plans entfallen und welche er mitbringt, von welchen Antworten er ausgeht, und seine Quellen.',
  },
  noRoutes: { en: 'No routes were compared for this report.', de: 'Für diesen Bericht wurden keine Wege verglichen.' },
  cannotServe: { en: 'Cannot serve', de: 'Deckt nicht' },
  mayNotServe: { en: 'May not serve (answer unknown)', de: 'Deckt womöglich nicht (Antwort offen)' },
  goneList: { en: 'Removes', de: 'Entfällt' },
  addedList: { en: 'Brings', de: 'Bringt mit' },
  onAssumption: { en: 'rests on an assumed answer', de: 'beruht auf einer angenommenen Antwort' },
  assumes: { en: 'Assumes', de: 'Geht aus von' },
  noAnswer: { en: 'the plan gives no answer', de: 'der Plan nennt keine Antwort' },
  sources: { en: 'Sources', de: 'Quellen' },
} satisfies Record<string, Text>;

type Word = keyof typeof words;
const say = (key: Word, lang: Lang, values: Record<string, string> = {}): string => fill(words[key][lang], values);

const row = (cells: string[]): string => `|${cells.map((cell) => (cell ? ` ${cell} ` : ' ')).join('|')}|`;

/** The section in the decision part: per channel the routes compared and the recommendation in plain words. */
export function alternativesSection(comparisons: ChannelComparison[], channelLabel: (id: string) => string, lang: Lang): string[] {
  if (!comparisons.length) return [];
  const blocks = [`## ${say('heading', lang)}`, say('lead', lang)];
  for (const c of comparisons) {
    blocks.push(`### ${channelLabel(c.channel.id)}`);
    // The table holds the routes that serve the plan (or may); the others are named in a sentence, their reasons in the annex.
    const shown = c.routes.filter((o) => o.evaluation && (o.serves || o.blockers.every((b) => b.assumed)));
    const others = c.routes.filter((o) => o.evaluation && !shown.includes(o)).map((o) => mdText(o.route.title[lang]));
    blocks.push(
      [
        row([say('route', lang), say('standing', lang), say('gone', lang), say('added', lang), say('serves', lang)]),
        row(['---', '---', '---:', '---:', '---']),
        row([`*${say('plan', lang)}*`, standingText(c.plan.rating, c.plan.score, lang), '', '', '']),
        ...shown.map((o) => routeRow(c, o, lang)),
      ].join('\n'),
    );
    if (others.length) blocks.push(say('notServing', lang, { routes: others.join(', ') }));
    const none = c.routes.filter((o) => !o.evaluation).map((o) => mdText(o.route.title[lang]));
    if (none.length) blocks.push(say('noBusinessRoute', lang, { routes: none.join(', ') }));
    blocks.push(recommendation(c, lang).map(mdText).join(' '));
  }
  return blocks;
}

function routeRow(c: ChannelComparison, o: RouteOutcome, lang: Lang): string {
  const e = o.evaluation;
  if (!e) return row([mdText(o.route.title[lang]), '', '', '', '']);
  const recommended = c.recommendation.kind !== 'none' && c.recommendation.route === o.route.id;
  const title = recommended ? `**${mdText(o.route.title[lang])}** (${say('recommended', lang)})` : mdText(o.route.title[lang]);
  const serves = o.serves ? say('yes', lang) : o.blockers.every((b) => b.assumed) ? say('unclear', lang) : say('no', lang);
  const notes = [o.current ? say('current', lang) : '', o.route.official ? '' : say('grey', lang)].filter(Boolean);
  return row([title, standingText(e.target.rating, e.target.score, lang), String(e.disappeared.length), String(e.appeared.length), `${serves}${notes.length ? ` (${notes.join(', ')})` : ''}`]);
}

/** True for a route's finding that rests on an answer the plan does not give: a stand-in default or an unknown. */
export function restsOnRouteAssumption(o: RouteOutcome, finding: Finding): boolean {
  const defaults = new Set((o.evaluation?.assumptions ?? []).filter((a) => a.kind === 'default').map((a) => a.question));
  const open = new Set(o.evaluation?.newlyOpen ?? []);
  return finding.triggers.some((t) => defaults.has(t.question) || (t.assumed && open.has(t.question)));
}

const TITLES_SHOWN = 3;

/** Finding titles for a sentence, the most severe first, at most three, then how many more. */
function titles(findings: Finding[], lang: Lang): string {
  const sorted = [...findings].sort((a, b) => riskRank(b.level) - riskRank(a.level) || b.points - a.points || byCodeUnits(a.rule, b.rule));
  const shown = sorted.slice(0, TITLES_SHOWN).map((f) => `${f.title[lang]} (${levelName(f.level, lang)})`).join('; ');
  const more = sorted.length - TITLES_SHOWN;
  return more > 0 ? say(more === 1 ? 'andOneMore' : 'andMore', lang, { titles: shown, n: String(more) }) : shown;
}

const risks = (n: number, lang: Lang): string => (n === 1 ? say('riskOne', lang) : say('riskMany', lang, { n: String(n) }));

/** The recommendation in plain sentences; a route's findings that rest on its assumptions are named as such. */
function recommendation(c: ChannelComparison, lang: Lang): string[] {
  const rec = c.recommendation;
  const outcome = c.routes.find((o) => o.route.id === rec.route);
  const route = outcome?.route.title[lang] ?? '';
  const before = standingPhrase(rec.before.rating, rec.before.score, lang);
  const after = rec.after ? standingPhrase(rec.after.rating, rec.after.score, lang) : '';
  const assumed = (f: Finding) => (outcome ? restsOnRouteAssumption(outcome, f) : false);
  const sentences: string[] = [];
  if (rec.kind === 'switch') {
    sentences.push(say('switch', lang, { route, before, after }));
    if (rec.removed.length) sentences.push(say(rec.removed.length === 1 ? 'removes' : 'removesMany', lang, { count: risks(rec.removed.length, lang), titles: titles(rec.removed, lang) }));
    const own = rec.added.filter((f) => !assumed(f));
    const pending = rec.added.filter(assumed);
    if (own.length) sentences.push(say('brings', lang, { count: risks(own.length, lang), titles: titles(own, lang) }));
    if (pending.length) {
      const count = pending.length === 1 ? say('furtherOne', lang) : say('furtherMany', lang, { n: String(pending.length) });
      sentences.push(say(pending.length === 1 ? 'dependsOne' : 'dependsMany', lang, { count, titles: titles(pending, lang) }));
    }
    // Findings resting only on questions the route makes relevant are left out of its rating by the engine: named here.
    const open = outcome?.evaluation?.pending ?? [];
    if (open.length) {
      const count = open.length === 1 ? say('furtherOne', lang) : say('furtherMany', lang, { n: String(open.length) });
      sentences.push(say(open.length === 1 ? 'openOne' : 'openMany', lang, { count, titles: titles(open, lang) }));
    }
  } else if (rec.kind === 'keep') {
    sentences.push(say(rec.reason === 'plan_is_lowest' ? 'keepPlan' : 'keep', lang, { route, before, after }));
  } else if (rec.reason === 'no_route_lowers_risk') {
    sentences.push(say('noneLowers', lang, { route, before, after }));
  } else if (rec.reason === 'own_high_risk') {
    sentences.push(say('ownRisk', lang, { route, after, titles: titles(rec.ownRisks, lang) }));
  } else {
    sentences.push(say('noRoute', lang));
  }
  // What the plan keeps on any route, without the findings that only the route's assumptions produce.
  const remaining = rec.remaining.filter((f) => !assumed(f));
  if (remaining.length) sentences.push(say('remaining', lang, { titles: titles(remaining, lang) }));
  return sentences;
}

/**
 * The annex: every route of every channel in a line or two, in the reader's words (never rule ids). A route that
 * cannot serve the plan gets its reason; one that can, the answers it assumes where the plan gives none and its
 * sources; the recommended route also the risks it removes and brings.
 */
export function routesAnnex(comparisons: ChannelComparison[], channelLabel: (id: string) => string, questionnaire: Questionnaire, heading: string, lang: Lang): string[] {
  // The annex keeps its letter when no route was compared, so annexes are lettered alike in every report.
  const blocks = [`## ${heading}`, say(comparisons.length ? 'annexLead' : 'noRoutes', lang)];
  for (const c of comparisons) {
    const recommended = (o: RouteOutcome) => c.recommendation.kind === 'switch' && c.recommendation.route === o.route.id;
    const detail = (o: RouteOutcome) => routeDetail(o, recommended(o), questionnaire, lang);
    blocks.push(`### ${channelLabel(c.channel.id)}`, c.routes.map(detail).join('\n'));
  }
  return blocks;
}

function routeDetail(o: RouteOutcome, recommended: boolean, questionnaire: Questionnaire, lang: Lang): string {
  const parts: string[] = [];
  if (o.route.unavailable) parts.push(mdText(o.route.unavailable[lang]));
  for (const b of o.blockers) parts.push(`${say(b.assumed ? 'mayNotServe' : 'cannotServe', lang)}: ${mdText(b.reason[lang])}`);
  const e = o.evaluation;
  const named = (f: Finding) => mdText(f.title[lang]) + (restsOnRouteAssumption(o, f) ? ` (${say('onAssumption', lang)})` : '');
  if (recommended && e?.disappeared.length) parts.push(`${say('goneList', lang)}: ${e.disappeared.map(named).join('; ')}`);
  if (recommended && e?.appeared.length) parts.push(`${say('addedList', lang)}: ${e.appeared.map(named).join('; ')}`);
  // The answers the route itself implies are what its title says; only the stand-ins for missing answers are news.
  const assumed = o.blockers.some((b) => !b.assumed) ? [] : [
    ...(e?.assumptions ?? []).filter((a) => a.kind === 'default').map((a) => `${mdText(answerText(questionnaire, a.question, a.value, lang))} (${say('noAnswer', lang)})`),
    ...o.route.assumptions.map((text) => mdText(text[lang])),
  ];
  if (assumed.length) parts.push(`${say('assumes', lang)}: ${assumed.join('; ')}`);
  // A route that cannot serve the plan is told by its reason; its sources matter only for a route one might take.
  if (o.route.sources.length && !o.blockers.some((b) => !b.assumed)) parts.push(`${say('sources', lang)}: ${o.route.sources.map(sourceLink).join('; ')}`);
  return `- **${mdText(o.route.title[lang])}**: ${parts.join(' · ')}`;
}

const sourceLink = (s: Source): string => (s.url ? `[${mdText(s.title)}](${mdUrl(s.url)})` : mdText(`${s.title}${s.citation ? `, ${s.citation}` : ''}`));
