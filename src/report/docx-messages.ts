import type { Lang, Text } from '../policy/model.js';
import { fill } from '../messages.js';

/** Words only the Word copy needs; everything the other formats also say comes from ./messages.ts. */
const words = {
  contents: { en: 'Contents', de: 'Inhaltsverzeichnis' },
  what: { en: 'What we found', de: 'Befund' },
  method: { en: 'Method', de: 'Methode' },
  ruleId: { en: 'Rule ID', de: 'Regel-ID' },
  checkedFor: { en: 'Checked for', de: 'Geprüft für' },
  page: { en: 'Page {page} of {pages}', de: 'Seite {page} von {pages}' },
  annexAnswers: { en: 'Annex A: all answers', de: 'Anlage A: alle Antworten' },
  annexPassed: { en: 'Annex B: what passed', de: 'Anlage B: ohne Befund geprüft' },
  annexSources: { en: 'Annex C: sources', de: 'Anlage C: Quellen' },
  sourcesLead: {
    en: 'Every source a finding of this report relies on; the numbers in square brackets in the findings refer to this list.',
    de: 'Alle Quellen, auf die sich die Befunde dieses Berichts stützen; die Nummern in eckigen Klammern bei den Befunden verweisen auf diese Liste.',
  },
  packMetadata: { en: 'Basis of the assessment', de: 'Grundlagen der Bewertung' },
  scoring: { en: 'Rating and score', de: 'Bewertung und Punktzahl' },
} satisfies Record<string, Text>;

export type DocxWord = keyof typeof words;

export const dw = (key: DocxWord, lang: Lang, values: Record<string, string> = {}): string => fill(words[key][lang], values);
