import type { Lang, Text } from '../../policy/model.js';
import { fill } from '../../messages.js';

/** Everything `compare` says in its own words, in English and German. */
const catalogue = {
  heading: { en: 'Alternatives', de: 'Alternativen' },
  channel: { en: 'Channel', de: 'Kanal' },
  plan: { en: 'plan', de: 'Plan' },
  route: { en: 'Route', de: 'Weg' },
  rating: { en: 'Rating', de: 'Bewertung' },
  score: { en: 'Score', de: 'Punkte' },
  points: { en: 'Points', de: 'Rohpunkte' },
  gone: { en: 'Gone', de: 'Entfällt' },
  new: { en: 'New', de: 'Neu' },
  serves: { en: 'Serves the plan', de: 'Deckt den Plan' },
  yes: { en: 'yes', de: 'ja' },
  no: { en: 'no', de: 'nein' },
  maybe: { en: 'unclear', de: 'unklar' },
  unavailable: { en: 'no business route', de: 'kein Business-Weg' },
  current: { en: 'current plan', de: 'aktueller Plan' },
  grey: { en: 'not recommendable', de: 'nicht empfehlbar' },
  recommendation: { en: 'Recommendation', de: 'Empfehlung' },
  assumes: { en: 'assumes', de: 'nimmt an' },
  defaultNote: { en: 'the plan gives no answer', de: 'der Plan nennt keine Antwort' },
  openForRoute: { en: 'not known for this route', de: 'für diesen Weg unbekannt' },
  notCarried: {
    en: 'answered for the planned provider only, so judged as the worst case here',
    de: 'nur für den geplanten Anbieter beantwortet, hier daher als schlechtester Fall bewertet',
  },
  pending: {
    en: 'would follow if those answers turn out badly (not counted)',
    de: 'folgen, falls diese Antworten ungünstig ausfallen (nicht mitgezählt)',
  },
  routeAssumed: { en: 'rests on assumptions of this route', de: 'beruht auf Annahmen dieses Wegs' },
  openHint: {
    en: 'answer these in the channel config (they are kept even where they do not apply to the plan) to judge the route fairly',
    de: 'beantworten Sie diese in der Kanal-Konfiguration (sie bleiben erhalten, auch wo sie für den Plan nicht gelten), um den Weg fair zu beurteilen',
  },
  cannotServe: { en: 'cannot serve', de: 'deckt nicht' },
  mayNotServe: { en: 'may not serve (answer unknown)', de: 'deckt womöglich nicht (Antwort unbekannt)' },
  because: { en: 'because', de: 'weil' },
  sources: { en: 'sources', de: 'Quellen' },
  details: { en: 'Routes in detail', de: 'Die Wege im Einzelnen' },
  none: { en: 'none', de: 'keine' },
  planRow: { en: 'Plan as configured', de: 'Plan wie konfiguriert' },
} satisfies Record<string, Text>;

export type CompareMessage = keyof typeof catalogue;
export const m = (key: CompareMessage, lang: Lang): string => catalogue[key][lang];

/** Sentence templates of the recommendation; {placeholders} are filled by ./reasons.ts. */
const sentences = {
  switch: {
    en: '{route} serves every planned purpose and is rated {after} (score {afterScore}, {afterPoints} points), against {before} (score {beforeScore}, {beforePoints} points) for the plan.',
    de: '{route} deckt alle geplanten Zwecke und wird mit {after} bewertet (Risikowert {afterScore}, {afterPoints} Punkte), gegenüber {before} (Risikowert {beforeScore}, {beforePoints} Punkte) für den Plan.',
  },
  removes: { en: 'It removes {count} finding(s), among them: {titles}.', de: 'Damit entfallen {count} Befund(e), darunter: {titles}.' },
  removesAndAdds: {
    en: 'It removes {count} finding(s), among them: {titles}; {addedCount} other(s) appear, among them: {addedTitles}.',
    de: 'Damit entfallen {count} Befund(e), darunter: {titles}; {addedCount} andere kommen hinzu, darunter: {addedTitles}.',
  },
  removesNothing: {
    en: 'It removes no finding but lowers their weight (points: {beforePoints} → {afterPoints}).',
    de: 'Es entfällt kein Befund, aber ihr Gewicht sinkt (Punkte: {beforePoints} → {afterPoints}).',
  },
  keepLowest: {
    en: 'The plan already uses {route}, the official route with the lowest risk that serves every planned purpose: rated {after} (score {afterScore}).',
    de: 'Der Plan nutzt bereits {route}, den offiziellen Weg mit dem geringsten Risiko, der alle geplanten Zwecke deckt: bewertet mit {after} (Risikowert {afterScore}).',
  },
  keepPlan: {
    en: 'The plan on {route} is rated {before} (score {beforeScore}); no official route that serves every planned purpose is less risky, so keep it.',
    de: 'Der Plan über {route} wird mit {before} bewertet (Risikowert {beforeScore}); kein offizieller Weg, der alle geplanten Zwecke deckt, ist weniger riskant, also beibehalten.',
  },
  noRoute: {
    en: 'No official route serves every planned purpose, so chanrisk recommends none; the table says what each route cannot serve and why.',
    de: 'Kein offizieller Weg deckt alle geplanten Zwecke, daher empfiehlt chanrisk keinen; die Tabelle nennt, was jeder Weg nicht deckt und warum.',
  },
  noneLowers: {
    en: 'No official route that serves every planned purpose lowers the risk: the best of them, {route}, is rated {after} ({afterPoints} points) against {before} ({beforePoints} points) for the plan, so chanrisk recommends none.',
    de: 'Kein offizieller Weg, der alle geplanten Zwecke deckt, senkt das Risiko: Der beste, {route}, wird mit {after} bewertet ({afterPoints} Punkte), gegenüber {before} ({beforePoints} Punkte) für den Plan; chanrisk empfiehlt daher keinen.',
  },
  ownRisk: {
    en: 'Every official route that serves all planned purposes keeps a high risk of its own, so chanrisk recommends none. The least risky, {route}, is rated {after} because of: {titles}.',
    de: 'Jeder offizielle Weg, der alle geplanten Zwecke deckt, behält ein eigenes hohes Risiko, daher empfiehlt chanrisk keinen. Der am wenigsten riskante, {route}, wird mit {after} bewertet wegen: {titles}.',
  },
  remaining: {
    en: 'What remains comes from the plan itself, not from the channel, and stays on any route until the plan changes: {titles}.',
    de: 'Was bleibt, stammt aus dem Plan selbst, nicht aus dem Kanal, und bleibt auf jedem Weg, bis sich der Plan ändert: {titles}.',
  },
} satisfies Record<string, Text>;

export type Sentence = keyof typeof sentences;

export function sentence(key: Sentence, lang: Lang, values: Record<string, string | number>): string {
  return fill(sentences[key][lang], values);
}
