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
  effectChange: { en: '{before} → {after}', de: '{before} → {after}' },
  effectCapped: {
    en: 'rating and score stay at {rating}; this finding alone accounts for {points} points',
    de: 'Bewertung und Punktzahl bleiben bei {rating}; auf diesen Befund allein entfallen {points} Punkte',
  },
  opensQuestions: { en: 'then answer: {questions}', de: 'danach zu klären: {questions}' },
  findingsCount: { en: 'findings', de: 'Befunde' },
  oneFinding: { en: 'finding', de: 'Befund' },
  noActiveFindings: { en: 'no open findings', de: 'keine offenen Befunde' },
  channel: { en: 'Channel', de: 'Kanal' },
  organisationWide: { en: 'Organisation-wide', de: 'Organisationsweit' },
  platform: { en: 'Platform', de: 'Plattform' },
  rating: { en: 'Rating', de: 'Bewertung' },
  score: { en: 'Score', de: 'Punktzahl' },
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
    en: 'The points of all open findings in an area, across all channels, capped at 100.',
    de: 'Die Punkte aller offenen Befunde eines Themenbereichs über alle Kanäle, höchstens 100.',
  },
  area: { en: 'Area', de: 'Themenbereich' },
  findings: { en: 'Findings by channel and area', de: 'Befunde nach Kanal und Themenbereich' },
  noFindingsTarget: { en: 'No rule fired for this channel.', de: 'Für diesen Kanal hat keine Regel angeschlagen.' },
  level: { en: 'Level', de: 'Stufe' },
  points: { en: 'points', de: 'Punkte' },
  what: { en: 'What we found', de: 'Befund' },
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
    en: 'Every open finding, ranked by the risk its recommendation removes: we applied the recommended change to the answers and assessed again. The points are what the finding adds to its channel\'s score; "before → after" shows the channel\'s rating and score (capped at 100) without and with the step.',
    de: 'Alle offenen Befunde, geordnet nach der Wirkung ihrer Empfehlung: Wir haben die empfohlene Änderung auf die Antworten angewandt und erneut bewertet. Die Punkte sind der Beitrag des Befunds zur Punktzahl seines Kanals; „vorher → nachher“ zeigt Bewertung und Punktzahl des Kanals (höchstens 100) ohne und mit der Maßnahme.',
  },
  actionsNone: { en: 'There is nothing to do: no finding is open.', de: 'Es ist nichts zu tun: Kein Befund ist offen.' },
  finding: { en: 'Finding', de: 'Befund' },
  beforeAfter: { en: 'Before → after', de: 'Vorher → nachher' },
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
  passed: { en: 'What passed', de: 'Ohne Befund geprüft' },
  passedLead: {
    en: 'These risks were checked and are not present: their rules did not fire. They document what is already in order.',
    de: 'Diese Risiken wurden geprüft und liegen nicht vor: Ihre Regeln haben nicht angeschlagen. Sie belegen, was bereits in Ordnung ist.',
  },
  passedNone: { en: 'No rule was checked without a finding.', de: 'Keine geprüfte Regel blieb ohne Befund.' },
  rule: { en: 'Risk checked', de: 'Geprüftes Risiko' },
  ruleId: { en: 'Rule ID', de: 'Regel-ID' },
  checkedFor: { en: 'Checked for', de: 'Geprüft für' },
  method: { en: 'Method', de: 'Methode' },
  methodMatrix: {
    en: 'Each rule rates impact and likelihood on four levels each (negligible, limited, significant, maximum), following the CNIL method for privacy impact assessments. The matrix below turns the pair into a risk level; the number in brackets is the points a finding in that cell adds to the score.',
    de: 'Jede Regel bewertet Schwere und Eintrittswahrscheinlichkeit auf je vier Stufen (vernachlässigbar, begrenzt, erheblich, maximal), nach der Methode der CNIL für Datenschutz-Folgenabschätzungen. Die Matrix unten ordnet jedem Paar eine Risikostufe zu; die Zahl in Klammern sind die Punkte, die ein Befund in dieser Zelle zur Punktzahl beiträgt.',
  },
  methodScore: {
    en: 'Score: each open finding adds impact × likelihood × 3 points (levels counted 1 to 4, so 3 to 48 points) to its channel; a channel\'s score is capped at 100. The overall score is the highest channel score.',
    de: 'Punktzahl: Jeder offene Befund zählt Schwere × Wahrscheinlichkeit × 3 Punkte (Stufen von 1 bis 4 gezählt, also 3 bis 48 Punkte) für seinen Kanal; die Punktzahl eines Kanals ist auf 100 begrenzt. Die Gesamtpunktzahl ist die höchste Kanalpunktzahl.',
  },
  methodRating: {
    en: 'Rating: a channel is rated by its worst open finding; the organisation by its worst channel. Accepted risks do not count towards rating or score.',
    de: 'Bewertung: Ein Kanal erhält die Stufe seines schwersten offenen Befunds, die Organisation die ihres schwersten Kanals. Akzeptierte Risiken zählen weder zur Bewertung noch zur Punktzahl.',
  },
  methodUnknown: {
    en: 'Unknown answers: a "don\'t know" or a missing answer is taken as the worst case; such findings are marked as assumed and listed under open points.',
    de: 'Offene Antworten: „Weiß nicht“ oder eine fehlende Antwort gilt als ungünstigster Fall; solche Befunde sind als angenommen gekennzeichnet und unter den offenen Punkten aufgeführt.',
  },
  appendix: { en: 'Appendix: all answers', de: 'Anhang: alle Antworten' },
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
