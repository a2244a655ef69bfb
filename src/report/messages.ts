import type { Lang, RiskLevel, Text } from '../policy/model.js';
import { fill } from '../messages.js';

/** The report's own words (rule texts come from the packs, level and area names from src/messages.ts). */
const words = {
  title: { en: 'Messenger risk assessment', de: 'Risikobewertung Messenger-Einsatz' },
  organisation: { en: 'Organisation', de: 'Organisation' },
  date: { en: 'Date of assessment', de: 'Stand der Bewertung' },
  assessor: { en: 'Assessor', de: 'Bewertet von' },
  notStated: { en: 'not stated', de: 'nicht angegeben' },
  rulePacks: { en: 'Rule packs', de: 'Regelwerke' },
  version: { en: 'version', de: 'Version' },
  oldestCheck: { en: 'Oldest source check behind the rules applied', de: 'Älteste Quellenprüfung der angewandten Regeln' },
  tool: { en: 'Produced with', de: 'Erstellt mit' },
  summary: { en: 'Executive summary', de: 'Zusammenfassung für die Geschäftsleitung' },
  overallRating: { en: 'Overall rating', de: 'Gesamtbewertung' },
  effect: { en: 'Effect', de: 'Wirkung' },
  opensQuestions: { en: 'then answer: {questions}', de: 'danach zu klären: {questions}' },
  findingsCount: { en: 'findings', de: 'Befunde' },
  oneFinding: { en: 'finding', de: 'Befund' },
  noActiveFindings: { en: 'no open findings', de: 'keine offenen Befunde' },
  channel: { en: 'Channel', de: 'Kanal' },
  organisationWide: { en: 'Organisation-wide', de: 'Organisationsweit' },
  platform: { en: 'Platform', de: 'Plattform' },
  rating: { en: 'Rating', de: 'Bewertung' },
  score: { en: 'Score', de: 'Risikowert' },
  topActions: { en: 'Steps that remove most risk', de: 'Maßnahmen mit der größten Wirkung' },
  topActionsNone: { en: 'No step is needed: no finding is open.', de: 'Es ist keine Maßnahme nötig: Kein Befund ist offen.' },
  matrix: { en: 'Risk matrix', de: 'Risikomatrix' },
  matrixLead: {
    en: 'Each open finding sits in the cell of its impact and likelihood; the numbers refer to the findings below.',
    de: 'Jeder offene Befund steht in der Zelle seiner Schwere und Eintrittswahrscheinlichkeit; die Nummern verweisen auf die Befunde unten.',
  },
  impact: { en: 'Impact', de: 'Schwere' },
  likelihood: { en: 'Likelihood', de: 'Eintrittswahrscheinlichkeit' },
  impactWord: { en: 'impact', de: 'Schwere' },
  likelihoodWord: { en: 'likelihood', de: 'Wahrscheinlichkeit' },
  impactByLikelihood: { en: 'Impact ↓ · likelihood →', de: 'Schwere ↓ · Wahrscheinlichkeit →' },
  areaScores: { en: 'Score per area', de: 'Punktzahl je Themenbereich' },
  areaScoresLead: {
    en: 'The open findings of an area across all channels, scored like a channel: the band of the worst level, moved up by their points.',
    de: 'Die offenen Befunde eines Themenbereichs über alle Kanäle, bewertet wie ein Kanal: das Band der schwersten Stufe, angehoben nach ihren Punkten.',
  },
  area: { en: 'Area', de: 'Themenbereich' },
  findings: { en: 'Findings by channel', de: 'Befunde je Kanal' },
  noFindingsTarget: { en: 'No rule fired for this channel.', de: 'Für diesen Kanal hat keine Regel angeschlagen.' },
  level: { en: 'Level', de: 'Stufe' },
  points: { en: 'points', de: 'Punkte' },
  why: { en: 'Why', de: 'Ausschlaggebende Angaben' },
  todo: { en: 'What to do', de: 'Empfehlung' },
  sources: { en: 'Sources', de: 'Quellen' },
  section: { en: 'section', de: 'Abschnitt' },
  asOf: { en: 'as of', de: 'Stand' },
  reviewed: { en: 'Rule reviewed', de: 'Regel geprüft am' },
  uncertainty: { en: 'Not confirmed', de: 'Nicht abschließend geklärt' },
  adjusted: { en: 'Adjusted', de: 'Anpassung' },
  assumedNote: {
    en: 'This finding rests on an answer that is not known; it assumes the worst case until the answer is given.',
    de: 'Dieser Befund beruht auf einer offenen Antwort; bis sie geklärt ist, wird der ungünstigste Fall angenommen.',
  },
  acceptedNote: { en: 'Accepted as a risk; see "Accepted risks".', de: 'Als Risiko akzeptiert; siehe „Akzeptierte Risiken“.' },
  note: { en: 'note', de: 'Anmerkung' },
  dontKnow: { en: "Don't know", de: 'Weiß nicht' },
  notAnswered: { en: 'Not answered', de: 'Nicht beantwortet' },
  yes: { en: 'Yes', de: 'Ja' },
  no: { en: 'No', de: 'Nein' },
  noneSelected: { en: 'None', de: 'Keine Angabe' },
  actions: { en: 'Action plan', de: 'Maßnahmenplan' },
  actionsLead: {
    en: 'Every open finding, grouped by the step that resolves it and ranked by the risk the step removes: we applied the recommended change to the answers and assessed again. The effect names the change in rating where there is one, and the finding points the step removes.',
    de: 'Alle offenen Befunde, zusammengefasst nach der Maßnahme, die sie behebt, und geordnet nach dem Risiko, das die Maßnahme beseitigt: Wir haben die empfohlene Änderung auf die Antworten angewandt und erneut bewertet. Die Wirkung nennt die Änderung der Bewertung, wo es eine gibt, und die Punkte, die die Maßnahme beseitigt.',
  },
  actionsNone: { en: 'There is nothing to do: no finding is open.', de: 'Es ist nichts zu tun: Kein Befund ist offen.' },
  finding: { en: 'Finding', de: 'Befund' },
  owner: { en: 'Owner', de: 'Zuständig' },
  reason: { en: 'Reason', de: 'Begründung' },
  approver: { en: 'Approved by', de: 'Freigegeben von' },
  expires: { en: 'Expires', de: 'Gültig bis' },
  due: { en: 'Due', de: 'Fällig bis' },
  accepted: { en: 'Accepted risks', de: 'Akzeptierte Risiken' },
  acceptedNone: {
    en: 'No risk has been formally accepted. Every finding above stays open until it is resolved or accepted.',
    de: 'Kein Risiko wurde förmlich akzeptiert. Jeder Befund bleibt offen, bis er behoben oder akzeptiert ist.',
  },
  openPoints: { en: 'Open points', de: 'Offene Punkte' },
  openPointsLead: {
    en: 'These questions are unanswered or were answered "don\'t know". The assessment assumes the worst case for them; answering them can only improve the rating.',
    de: 'Diese Fragen sind offen oder wurden mit „weiß nicht“ beantwortet. Die Bewertung nimmt für sie den ungünstigsten Fall an; eine Antwort kann die Bewertung nur verbessern.',
  },
  openPointsNone: { en: 'There are no open points: every applicable question is answered.', de: 'Es gibt keine offenen Punkte: Jede zutreffende Frage ist beantwortet.' },
  question: { en: 'Question', de: 'Frage' },
  status: { en: 'Status', de: 'Status' },
  affects: { en: 'Risks that depend on the answer', de: 'Risiken, die von der Antwort abhängen' },
  passedLead: {
    en: 'These risks were checked and are not present: their rules did not fire. They document what is already in order.',
    de: 'Diese Risiken wurden geprüft und liegen nicht vor: Ihre Regeln haben nicht angeschlagen. Sie belegen, was bereits in Ordnung ist.',
  },
  passedNone: { en: 'No rule was checked without a finding.', de: 'Keine geprüfte Regel blieb ohne Befund.' },
  rule: { en: 'Risk checked', de: 'Geprüftes Risiko' },
  methodMatrix: {
    en: 'Each rule rates impact and likelihood on four levels each (negligible, limited, significant, maximum), following the CNIL method for privacy impact assessments. The matrix below turns the pair into a risk level; the number in brackets is the points a finding in that cell adds to the score.',
    de: 'Jede Regel bewertet Schwere und Eintrittswahrscheinlichkeit auf je vier Stufen (vernachlässigbar, begrenzt, erheblich, maximal), nach der Methode der CNIL für Datenschutz-Folgenabschätzungen. Die Matrix unten ordnet jedem Paar eine Risikostufe zu; die Zahl in Klammern sind die Punkte, die ein Befund in dieser Zelle zur Punktzahl beiträgt.',
  },
  methodScore: {
    en: 'Score: each open finding carries impact × likelihood × 3 points (3 to 48); the score places the rating in its band (low 0–24, medium 25–49, high 50–74, critical 75–99) and moves up within it with the points of all open findings, half the band at 48 points, so a higher rating always scores higher and more findings never stop counting.',
    de: 'Risikowert: Jeder offene Befund trägt Schwere × Wahrscheinlichkeit × 3 Punkte (3 bis 48); der Risikowert ordnet die Bewertung ihrem Band zu (niedrig 0–24, mittel 25–49, hoch 50–74, kritisch 75–99) und steigt darin mit den Punkten aller offenen Befunde, bei 48 Punkten um das halbe Band. Eine höhere Bewertung hat so stets den höheren Wert, und weitere Befunde zählen immer mit.',
  },
  methodRating: {
    en: 'Rating: a channel is rated by its worst open finding; the organisation by its worst channel. Accepted risks do not count towards rating or score.',
    de: 'Bewertung: Ein Kanal erhält die Stufe seines schwersten offenen Befunds, die Organisation die ihres schwersten Kanals. Akzeptierte Risiken zählen weder zur Bewertung noch zur Punktzahl.',
  },
  methodUnknown: {
    en: 'Unknown answers: a "don\'t know" or a missing answer is taken as the worst case; such findings are marked as assumed and listed under open points.',
    de: 'Offene Antworten: „Weiß nicht“ oder eine fehlende Antwort gilt als ungünstigster Fall; solche Befunde sind als angenommen gekennzeichnet und unter den offenen Punkten aufgeführt.',
  },
  contents: { en: 'Contents', de: 'Inhalt' },
  actionRef: { en: 'step {n} of the plan', de: 'Maßnahme {n} im Plan' },
  modifierAssumed: {
    en: 'applied because the answer is not known; the worst case is assumed until it is given',
    de: 'angewandt, weil die Antwort offen ist; bis sie vorliegt, wird der ungünstigste Fall angenommen',
  },
  step: { en: 'Step', de: 'Maßnahme' },
  resolves: { en: 'Resolves', de: 'Behebt' },
  pointsRemoved: { en: '−{points} points', de: '−{points} Punkte' },
  noEffect: { en: 'no measurable change', de: 'keine messbare Änderung' },
  channels: { en: 'Channels', de: 'Kanäle' },
  methodBasis: { en: 'Method and basis', de: 'Methode und Grundlagen' },
  annexSources: { en: 'Annex A: Sources per finding', de: 'Anhang A: Quellen je Befund' },
  annexSourcesLead: {
    en: 'Every source the findings rest on, once each, with the findings that cite it. How current the rules are is stated in the method section.',
    de: 'Jede Quelle, auf die sich die Befunde stützen, je einmal, mit den Befunden, die sie anführen. Den Prüfstand der Regeln nennt der Abschnitt zur Methode.',
  },
  annexSourcesNone: { en: 'No finding, so no source to list.', de: 'Kein Befund, daher keine Quelle.' },
  annexRoutes: { en: 'Annex B: The routes in detail', de: 'Anhang B: Die Wege im Einzelnen' },
  annexPassed: { en: 'Annex C: What passed', de: 'Anhang C: Ohne Befund geprüft' },
  annexAnswers: { en: 'Annex D: All answers', de: 'Anhang D: Alle Antworten' },
  annexAnswersLead: {
    en: 'Every question that applies to the organisation or a channel, with its answer. An unanswered question is listed only where a rule reads it.',
    de: 'Jede Frage, die für die Organisation oder einen Kanal gilt, mit ihrer Antwort. Eine unbeantwortete Frage erscheint nur, wenn eine Regel sie auswertet.',
  },
  answer: { en: 'Answer', de: 'Antwort' },
  noteColumn: { en: 'Note', de: 'Anmerkung' },
} satisfies Record<string, Text>;

/** One sentence of advice per overall rating, the first thing management reads. */
export const VERDICT: Record<RiskLevel, Text> = {
  critical: {
    en: 'Do not run the affected channels in their planned form until the critical findings are resolved.',
    de: 'Die betroffenen Kanäle sollten in der geplanten Form nicht betrieben werden, bis die kritischen Befunde behoben sind.',
  },
  high: {
    en: 'Resolve the high findings before the channels go live or carry on: they carry a real risk of account bans, fines or cease-and-desist letters.',
    de: 'Die hohen Befunde sollten vor dem Start oder Weiterbetrieb der Kanäle behoben werden: Sie bergen ein echtes Risiko von Kontosperren, Bußgeldern oder Abmahnungen.',
  },
  medium: {
    en: 'The channels can run, but the findings below should be resolved in the coming months.',
    de: 'Die Kanäle können betrieben werden; die folgenden Befunde sollten aber in den kommenden Monaten behoben werden.',
  },
  low: {
    en: 'No significant risk was found. Keep the documentation current and repeat the assessment when the plan changes.',
    de: 'Es wurde kein nennenswertes Risiko festgestellt. Halten Sie die Dokumentation aktuell und wiederholen Sie die Bewertung, wenn sich die Planung ändert.',
  },
};

const MONTHS: Record<Lang, string[]> = {
  en: ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'],
  de: ['Januar', 'Februar', 'März', 'April', 'Mai', 'Juni', 'Juli', 'August', 'September', 'Oktober', 'November', 'Dezember'],
};

/** A YYYY-MM-DD date as a reader writes it: "27 November 2026", "27. November 2026". */
export function longDate(date: string, lang: Lang): string {
  const [year, month, day] = date.split('-').map(Number) as [number, number, number];
  const name = MONTHS[lang][month - 1] ?? String(month);
  return lang === 'de' ? `${day}. ${name} ${year}` : `${day} ${name} ${year}`;
}

export type ReportWord = keyof typeof words;

export const w = (key: ReportWord, lang: Lang, values: Record<string, string> = {}): string =>
  fill(words[key][lang], values);
