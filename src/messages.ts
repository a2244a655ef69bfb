import type { Area, Lang, RiskLevel, ScaleLevel, Text } from './policy/model.js';

/** The message catalogue for everything the tool itself says (rule texts live in the packs). */
const catalogue = {
  level: {
    low: { en: 'low', de: 'niedrig' },
    medium: { en: 'medium', de: 'mittel' },
    high: { en: 'high', de: 'hoch' },
    critical: { en: 'critical', de: 'kritisch' },
  } satisfies Record<RiskLevel, Text>,
  scale: {
    negligible: { en: 'negligible', de: 'vernachlässigbar' },
    limited: { en: 'limited', de: 'begrenzt' },
    significant: { en: 'significant', de: 'erheblich' },
    maximum: { en: 'maximum', de: 'maximal' },
  } satisfies Record<ScaleLevel, Text>,
  area: {
    platform_terms: { en: 'Platform terms', de: 'Nutzungsbedingungen der Plattform' },
    api_officiality: { en: 'API officiality', de: 'Offizielle Schnittstelle' },
    platform_policy: { en: 'Business platform policies', de: 'Richtlinien der Business-Plattform' },
    data_protection: { en: 'Data protection', de: 'Datenschutz' },
    marketing_law: { en: 'Marketing law', de: 'Wettbewerbsrecht (Werbung)' },
    records: { en: 'Records and retention', de: 'Aufbewahrung und Aufzeichnung' },
    sector: { en: 'Sector rules', de: 'Branchenregeln' },
    ai: { en: 'AI in the chat', de: 'KI im Chat' },
  } satisfies Record<Area, Text>,
  organisation: { en: 'organisation', de: 'Organisation' },
  channel: { en: 'channel', de: 'Kanal' },
  overall: { en: 'overall', de: 'gesamt' },
  score: { en: 'score', de: 'Risikowert' },
  why: { en: 'why', de: 'warum' },
  impact: { en: 'impact', de: 'Schwere' },
  likelihood: { en: 'likelihood', de: 'Wahrscheinlichkeit' },
  todo: { en: 'do', de: 'tun' },
  assumed: { en: 'assumed worst case', de: 'schlechtester Fall angenommen' },
  accepted: { en: 'accepted', de: 'akzeptiert' },
  openPoints: { en: 'open points', de: 'offene Punkte' },
  dontKnow: { en: "answered \"don't know\"", de: 'mit „weiß nicht“ beantwortet' },
  unanswered: { en: 'not answered', de: 'nicht beantwortet' },
  noFindings: { en: 'no findings', de: 'keine Befunde' },
  line: { en: 'line', de: 'Zeile' },
  unknown: { en: 'unknown', de: 'unbekannt' },
  configs: { en: 'config(s)', de: 'Konfiguration(en)' },
  failsAt: { en: 'fails at', de: 'scheitert ab' },
  never: { en: 'never fails', de: 'scheitert nie' },
  passedRules: { en: 'rules passed', de: 'Regeln ohne Befund' },
  notApplicableRules: { en: 'not applicable', de: 'nicht anwendbar' },
  points: { en: 'points', de: 'Punkte' },
  notAssessed: { en: 'not assessed', de: 'nicht geprüft' },
  checkLocalLaw: {
    en: '{law} does not reach this organisation ({count} rules); check the law of its seat and markets instead',
    de: '{law} erfasst diese Organisation nicht ({count} Regeln); maßgeblich ist das Recht ihres Sitzes und ihrer Märkte',
  },
  notLegalAdvice: {
    en: 'Not legal advice: chanrisk gives a structured first assessment; have a lawyer or your data protection officer confirm it.',
    de: 'Keine Rechtsberatung: chanrisk liefert eine strukturierte Ersteinschätzung; lassen Sie sie von einer Anwältin, einem Anwalt oder Ihrer bzw. Ihrem Datenschutzbeauftragten bestätigen.',
  },
} as const;

export type MessageKey = Exclude<keyof typeof catalogue, 'level' | 'scale' | 'area'>;

export const t = (key: MessageKey, lang: Lang): string => catalogue[key][lang];
export const levelName = (level: RiskLevel, lang: Lang): string => catalogue.level[level][lang];
export const scaleName = (level: ScaleLevel, lang: Lang): string => catalogue.scale[level][lang];
export const areaName = (area: Area, lang: Lang): string => catalogue.area[area][lang];
export const text = (value: Text, lang: Lang): string => value[lang];

/** Fills {name} placeholders of a catalogue string; an unknown name stays visible rather than vanishing. */
export const fill = (template: string, values: Readonly<Record<string, string | number>> = {}): string =>
  template.replace(/\{(\w+)\}/g, (whole, name: string) => (Object.hasOwn(values, name) ? String(values[name]) : whole));
