import type { Lang } from '../policy/model.js';
import { checkExamples } from './commands/check.js';
import { initExamples, scanExamples, schemaExamples } from './commands/ci-help.js';
import { compareExamples } from './commands/compare/help.js';
import { EXIT_PAUSED, interviewExamples } from './commands/interview/help.js';
import { reportExamples } from './commands/report/help.js';

/** Every word of `--help` in English and German; the program picks one language before it parses anything. */

const en = {
  program: 'How risky is your planned use of business messengers? Platform terms, GDPR, UWG and API officiality.',
  version: 'output the version number',
  help: 'display help for command',
  helpCommand: 'display help for a command',
  titles: { 'Usage:': 'Usage:', 'Arguments:': 'Arguments:', 'Options:': 'Options:', 'Commands:': 'Commands:', 'Global Options:': 'Global Options:' } as Record<string, string>,
  lang: 'language of the output: en or de (default: from the system locale)',
  rulesOption: "add an organisation's own rule packs (repeatable)",
  scanExclude: 'leave these paths of the scanned folder out (repeatable; tests, fixtures, examples and docs are left out already)',
  date: 'judge rules in force on this day (default: today)',
  check: {
    description: 'assess one or more channel configs; the exit code gates a CI build',
    config: 'channel-config YAML files (default: the configs of .chanrisk.yaml, else ./chanrisk.yaml)',
    format: 'text, json, sarif, junit, github or markdown',
    output: 'write the output to a file (atomically) instead of printing it',
    failOn: 'exit 1 when an active finding is at or above: low, medium, high, critical, never (default: high)',
    noAcceptances: 'ignore accepted_risks: the unwaived picture for audits',
    baseline: 'fail only on findings that are new or whose level rose since this baseline',
    writeBaseline: "record today's findings as the baseline",
    scan: 'read dependency manifests in this folder as evidence of how channels are connected',
    examples: checkExamples,
  },
  report: {
    description: 'write the client report for one channel config: Markdown, a self-contained HTML page or a Word file',
    config: 'channel-config YAML file',
    output: 'the report file (default: reports/<organisation>-<date>.md, .html or .docx)',
    format: 'markdown, html or docx (default: from the -o extension, else markdown)',
    date: 'the assessment date; rules in force on this day (default: today)',
    force: 'overwrite an existing report file',
    examples: reportExamples,
  },
  compare: {
    description: 'weigh each planned channel against the alternative routes (other integrations, other platforms)',
    config: 'channel-config YAML file',
    channel: 'compare only this channel (repeatable)',
    format: 'text, json or markdown',
    examples: compareExamples,
  },
  rules: {
    description: 'list, show, lint and test the rule packs',
    list: 'list every rule with its area and level range',
    listFormat: 'text, json or markdown (the rule catalogue)',
    listExamples: '\nExamples:\n  $ chanrisk rules list\n  $ chanrisk rules list --format json --lang de\n  $ chanrisk rules list --format markdown > rules/CATALOGUE.md',
    show: 'show one rule: text, levels, modifiers and sources',
    id: 'rule id',
    showExamples: '\nExamples:\n  $ chanrisk rules show wa-unofficial-client\n  $ chanrisk rules show uwg-advertising-without-consent --lang de',
    lint: 'validate packs: schema, unknown ids and options, duplicates, translations, sources, review dates',
    dir: 'a rules folder (with questionnaire.yaml) or a folder of extra packs; default: the built-in rules',
    reviewDate: 'the day review due dates are measured against (default: today)',
    failPastDue: 'a built-in rule past its review date (oldest source check + review_days) is an error, not a warning',
    lintExamples: '\nExamples:\n  $ chanrisk rules lint\n  $ chanrisk rules lint ./our-packs --date 2027-01-31\n  $ chanrisk rules lint --fail-past-due   # CI\n\nExit codes: 0 valid (warnings allowed), 2 errors.',
    test: "run every rule's own test cases",
    testExamples: '\nExamples:\n  $ chanrisk rules test\n  $ chanrisk rules test ./our-packs\n\nExit codes: 0 all pass, 1 a case fails, 2 a pack is invalid.',
  },
  interview: {
    description: 'guided interview for consultants: asks the questionnaire, writes a channel config, shows the result',
    out: 'the channel config to write (default: chanrisk.yaml)',
    resume: 'continue a paused interview from its session file',
    report: 'the Markdown report to write',
    noReport: 'write no report',
    examples: interviewExamples,
  },
  scan: {
    description: 'list the messenger libraries a code base depends on (manifests and lockfiles), with file and line',
    dir: 'the folder of a code base',
    format: 'text or json',
    examples: scanExamples,
  },
  schema: { description: 'print the JSON Schema of the channel config', examples: schemaExamples },
  init: {
    description: 'write a commented starter channel config that points editors at the schema',
    file: 'the config to create (default: chanrisk.yaml); never overwritten',
    examples: initExamples,
  },
};

export type HelpText = typeof en;

const de: HelpText = {
  program: 'Wie riskant ist der geplante Einsatz von Business-Messengern? Nutzungsbedingungen, DSGVO, UWG und offizielle Schnittstellen.',
  version: 'Versionsnummer ausgeben',
  help: 'Hilfe zum Befehl anzeigen',
  helpCommand: 'Hilfe zu einem Befehl anzeigen',
  titles: { 'Usage:': 'Aufruf:', 'Arguments:': 'Argumente:', 'Options:': 'Optionen:', 'Commands:': 'Befehle:', 'Global Options:': 'Globale Optionen:' },
  lang: 'Sprache der Ausgabe: en oder de (Standard: aus der Spracheinstellung des Systems)',
  rulesOption: 'eigene Regelpakete der Organisation hinzufügen (mehrfach möglich)',
  scanExclude: 'diese Pfade des gescannten Ordners auslassen (mehrfach möglich; Tests, Fixtures, Beispiele und Dokumentation bleiben ohnehin außen vor)',
  date: 'Regeln anwenden, die an diesem Tag gelten (Standard: heute)',
  check: {
    description: 'eine oder mehrere Kanalkonfigurationen bewerten; der Exit-Code steuert den CI-Build',
    config: 'YAML-Dateien mit Kanalkonfigurationen (Standard: die Konfigurationen aus .chanrisk.yaml, sonst ./chanrisk.yaml)',
    format: 'text, json, sarif, junit, github oder markdown',
    output: 'die Ausgabe (atomar) in eine Datei schreiben, statt sie anzuzeigen',
    failOn: 'Exit-Code 1, sobald ein aktiver Befund diese Stufe erreicht: low, medium, high, critical, never (Standard: high)',
    noAcceptances: 'accepted_risks nicht berücksichtigen: das ungeschönte Bild für Prüfungen',
    baseline: 'nur bei Befunden scheitern, die seit dieser Baseline neu sind oder höher eingestuft werden',
    writeBaseline: 'die heutigen Befunde als Baseline festhalten',
    scan: 'Abhängigkeitsdateien in diesem Ordner als Nachweis lesen, wie die Kanäle angebunden sind',
    examples: `
Beispiele:
  $ chanrisk check examples/whatsapp-cloud-api-service.yaml
  $ chanrisk check configs/*.yaml --format json > chanrisk.json
  $ chanrisk check channels.yaml --fail-on critical --lang de
  $ chanrisk check channels.yaml --rules ./our-packs --date 2026-12-31
  $ chanrisk check channels.yaml --format sarif -o chanrisk.sarif
  $ chanrisk check channels.yaml --scan . --format github
  $ chanrisk check channels.yaml --write-baseline .chanrisk-baseline.json
  $ chanrisk check channels.yaml --baseline .chanrisk-baseline.json

Exit-Codes: 0 kein aktiver Befund ab --fail-on, 1 mindestens einer, 2 Fehler im Aufruf, in der Konfiguration oder einem Regelpaket.`,
  },
  report: {
    description: 'den Mandantenbericht zu einer Kanalkonfiguration schreiben: Markdown, eine eigenständige HTML-Seite oder eine Word-Datei',
    config: 'YAML-Datei mit der Kanalkonfiguration',
    output: 'die Berichtsdatei (Standard: reports/<Organisation>-<Datum>.md, .html bzw. .docx)',
    format: 'markdown, html oder docx (Standard: nach der Endung von -o, sonst markdown)',
    date: 'das Datum der Bewertung; es gelten die Regeln dieses Tages (Standard: heute)',
    force: 'eine vorhandene Berichtsdatei überschreiben',
    examples: `
Beispiele:
  $ chanrisk report examples/multichannel-clinic.yaml --lang de
  $ chanrisk report channels.yaml --format html -o mandantenbericht.html
  $ chanrisk report channels.yaml --date 2026-11-27 --force

Schreibt reports/<Organisation>-<Datum>.md (bzw. .html), sofern -o keine Datei nennt; eine vorhandene Datei bleibt ohne --force unverändert.
Exit-Codes: 0 Bericht geschrieben, 2 Fehler im Aufruf, in der Konfiguration, einem Regelpaket oder beim Schreiben.`,
  },
  compare: {
    description: 'jeden geplanten Kanal mit den Alternativen vergleichen (andere Anbindungen, andere Plattformen)',
    config: 'YAML-Datei mit der Kanalkonfiguration',
    channel: 'nur diesen Kanal vergleichen (mehrfach möglich)',
    format: 'text, json oder markdown',
    examples: `
Beispiele:
  $ chanrisk compare examples/whatsapp-unofficial-marketing.yaml
  $ chanrisk compare examples/multichannel-clinic.yaml --channel whatsapp-appointments --lang de
  $ chanrisk compare channels.yaml --format json --date 2026-11-27 > alternativen.json
  $ chanrisk compare channels.yaml --format markdown --rules ./our-packs

Die Alternativen stammen aus rules/routes.yaml; jede Tatsache, die eine Alternative unterstellt, wird als Annahme ausgewiesen.
Exit-Codes: 0 Vergleich ausgegeben (eine Empfehlung, keine Prüfschranke), 2 Fehler im Aufruf, in der Konfiguration, einem Regelpaket oder den Alternativen.`,
  },
  rules: {
    description: 'Regelpakete auflisten, anzeigen, prüfen und testen',
    list: 'alle Regeln mit Rechtsgebiet und Spanne der Risikostufen auflisten',
    listFormat: 'text, json oder markdown (der Regelkatalog)',
    listExamples: '\nBeispiele:\n  $ chanrisk rules list\n  $ chanrisk rules list --format json --lang de\n  $ chanrisk rules list --format markdown > rules/CATALOGUE.md',
    show: 'eine Regel anzeigen: Text, Stufen, Modifikatoren und Quellen',
    id: 'Kennung der Regel',
    showExamples: '\nBeispiele:\n  $ chanrisk rules show wa-unofficial-client\n  $ chanrisk rules show uwg-advertising-without-consent --lang de',
    lint: 'Regelpakete prüfen: Schema, unbekannte Kennungen und Optionen, Dubletten, Übersetzungen, Quellen, Prüfdaten',
    dir: 'ein Regelordner (mit questionnaire.yaml) oder ein Ordner mit zusätzlichen Paketen; Standard: die mitgelieferten Regeln',
    reviewDate: 'der Stichtag, an dem fällige Überprüfungen gemessen werden (Standard: heute)',
    failPastDue: 'eine eingebaute Regel, deren Überprüfung fällig ist (älteste Quellenprüfung + review_days), ist ein Fehler statt einer Warnung',
    lintExamples: '\nBeispiele:\n  $ chanrisk rules lint\n  $ chanrisk rules lint ./our-packs --date 2027-01-31\n  $ chanrisk rules lint --fail-past-due   # CI\n\nExit-Codes: 0 gültig (Warnungen möglich), 2 Fehler.',
    test: 'die Testfälle jeder Regel ausführen',
    testExamples: '\nBeispiele:\n  $ chanrisk rules test\n  $ chanrisk rules test ./our-packs\n\nExit-Codes: 0 alle bestanden, 1 ein Fall schlägt fehl, 2 ein Paket ist ungültig.',
  },
  interview: {
    description: 'geführtes Interview für Beraterinnen und Berater: fragt den Fragebogen ab, schreibt die Kanalkonfiguration und zeigt das Ergebnis',
    out: 'die zu schreibende Kanalkonfiguration (Standard: chanrisk.yaml)',
    resume: 'ein unterbrochenes Interview aus seiner Sitzungsdatei fortsetzen',
    report: 'der zu schreibende Markdown-Bericht',
    noReport: 'keinen Bericht schreiben',
    examples: `
Beispiele:
  $ chanrisk interview --out acme.yaml
  $ chanrisk interview --resume acme.session.yaml
  $ chanrisk interview --out acme.yaml --no-report --lang de

Die Antworten werden nach jeder Frage in <out>.session.yaml gespeichert; Strg-C unterbricht und nennt den Befehl zum Fortsetzen.
Am Ende: die Konfiguration, der Markdown-Bericht (--report, Standard reports/<Organisation>-<Datum>.md) und das Ergebnis mit den wichtigsten Maßnahmen.
Exit-Codes: 0 Konfiguration geschrieben, 2 Fehler im Aufruf oder in der Eingabe (auch ohne Terminal), ${EXIT_PAUSED} unterbrochen.`,
  },
  scan: {
    description: 'die Messenger-Bibliotheken auflisten, von denen eine Codebasis abhängt (Manifeste und Lockfiles), mit Datei und Zeile',
    dir: 'der Ordner einer Codebasis',
    format: 'text oder json',
    examples: `
Beispiele:
  $ chanrisk scan .
  $ chanrisk scan ../shop-backend --format json > evidence.json
  $ chanrisk check channels.yaml --scan .     # die Nachweise in die Bewertung einbeziehen

Exit-Codes: 0 gelesen (Funde werden gemeldet, nicht bewertet: dafür check --scan), 2 der Ordner ist nicht lesbar.`,
  },
  schema: {
    description: 'das JSON-Schema der Kanalkonfiguration ausgeben',
    examples: `
Beispiele:
  $ chanrisk schema > chanrisk-config.schema.json
  # dieselbe Datei liegt dem Paket bei: schema/chanrisk-config.schema.json`,
  },
  init: {
    description: 'eine kommentierte Vorlage für eine Kanalkonfiguration schreiben, die Editoren auf das Schema verweist',
    file: 'die anzulegende Konfiguration (Standard: chanrisk.yaml); wird nie überschrieben',
    examples: `
Beispiele:
  $ chanrisk init
  $ chanrisk init configs/shop.yaml --lang de

Exit-Codes: 0 geschrieben, 2 die Datei existiert bereits oder lässt sich nicht schreiben.`,
  },
};

export const helpText = (lang: Lang): HelpText => (lang === 'de' ? de : en);

const GERMAN_WORDS: Record<string, string> = { '[options]': '[Optionen]', '[command]': '[Befehl]' };

/** Commander's help layout with its fixed words (titles, placeholders, "default:") in the language. */
export function helpStyle(lang: Lang) {
  const { titles } = helpText(lang);
  const word = (text: string) => (lang === 'de' ? (GERMAN_WORDS[text] ?? text) : text);
  return {
    styleTitle: (title: string) => titles[title] ?? title,
    styleOptionText: word,
    styleSubcommandText: word,
    styleDescriptionText: (text: string) => (lang === 'de' ? text.replace(/\(default: ([^)]*)\)$/, '(Standard: $1)') : text),
  };
}

/** Commander's own error lines, in German: the wording commander 14 uses, matched whole. */
const commanderErrors: [RegExp, string][] = [
  [/^error: unknown option '([^']+)'/, "Fehler: unbekannte Option '$1'"],
  [/^error: unknown command '([^']+)'/, "Fehler: unbekannter Befehl '$1'"],
  [/^error: missing required argument '([^']+)'/, "Fehler: das Argument '$1' fehlt"],
  [/^error: option '([^']+)' argument missing/, "Fehler: der Option '$1' fehlt ihr Wert"],
  [/^error: too many arguments(?: for '([^']+)')?\. Expected (\d+) arguments? but got (\d+)\./, 'Fehler: zu viele Argumente. Erwartet: $2, erhalten: $3.'],
  [/\(Did you mean ([^?]+)\?\)/, '(Meinten Sie $1?)'],
];

export function translateCommanderError(text: string, lang: Lang): string {
  if (lang === 'en') return text;
  return commanderErrors.reduce((out, [pattern, german]) => out.replace(pattern, german), text);
}
