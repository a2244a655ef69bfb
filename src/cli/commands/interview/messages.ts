import type { Lang, Text } from '../../../policy/model.js';
import { fill } from '../../../messages.js';

/** Every word the interview itself says, in English and German (question texts come from the questionnaire). */
const messages = {
  orgName: { en: 'Name of the organisation', de: 'Name der Organisation' },
  orgNameRequired: { en: 'Please enter the organisation\'s name.', de: 'Bitte den Namen der Organisation eingeben.' },
  assessor: { en: 'Who carries out the assessment?', de: 'Wer führt die Bewertung durch?' },
  skipHint: { en: '(Enter to skip)', de: '(Enter zum Überspringen)' },
  channelId: { en: 'A short id for this channel', de: 'Eine kurze Kennung für diesen Kanal' },
  channelIdHint: { en: '(letters, digits, . _ -)', de: '(Buchstaben, Ziffern, . _ -)' },
  channelIdInvalid: { en: 'Use letters, digits, ".", "_" and "-" (at most 64), starting with a letter or digit.', de: 'Buchstaben, Ziffern, „.“, „_“ und „-“ (höchstens 64), beginnend mit Buchstabe oder Ziffer.' },
  channelIdTaken: { en: 'Another channel already has this id.', de: 'Ein anderer Kanal hat schon diese Kennung.' },
  channelName: { en: 'A name for this channel', de: 'Ein Name für diesen Kanal' },
  channelNameHint: { en: '(e.g. "Appointment reminders"; Enter to skip)', de: '(z. B. „Terminerinnerungen“; Enter zum Überspringen)' },
  tooLong: { en: 'At most 200 characters, please.', de: 'Bitte höchstens 200 Zeichen.' },
  moreChannels: { en: 'Add another channel?', de: 'Einen weiteren Kanal hinzufügen?' },
  moreHelp: {
    en: 'An organisation may plan several channels at once, e.g. WhatsApp for service and Instagram for marketing.',
    de: 'Eine Organisation kann mehrere Kanäle zugleich planen, z. B. WhatsApp für den Service und Instagram für Werbung.',
  },
  yes: { en: 'Yes', de: 'Ja' },
  no: { en: 'No', de: 'Nein' },
  dontKnow: { en: "Don't know", de: 'Weiß nicht' },
  showHelp: { en: '? Explain this question', de: '? Frage erklären' },
  helpShort: { en: 'explained below', de: 'Erklärung folgt' },
  showHelpHint: { en: 'Shows why the question matters', de: 'Zeigt, warum die Frage wichtig ist' },
  dontKnowAlone: { en: '"Don\'t know" cannot be combined with other choices.', de: '„Weiß nicht“ lässt sich nicht mit anderen Antworten kombinieren.' },
  numberHint: { en: 'a number · ? explains · - for don\'t know', de: 'eine Zahl · ? erklärt · - für weiß nicht' },
  numberHintNoDontKnow: { en: 'a number · ? explains', de: 'eine Zahl · ? erklärt' },
  textHint: { en: '? explains', de: '? erklärt' },
  notANumber: { en: 'Please enter a number.', de: 'Bitte eine Zahl eingeben.' },
  atLeast: { en: 'At least', de: 'Mindestens' },
  atMost: { en: 'At most', de: 'Höchstens' },
  note: { en: 'Note', de: 'Notiz' },
  noteHint: { en: '(who said it, which document shows it; Enter: none)', de: '(wer sagt das, welches Dokument belegt es; Enter: keine)' },
  noteHintRemove: { en: '(Enter keeps it, - removes it)', de: '(Enter behält sie, - entfernt sie)' },
  channel: { en: 'Channel', de: 'Kanal' },
  reviewTitle: {
    en: 'Review: pick an answer to change it (type to find one), or confirm',
    de: 'Überprüfung: eine Antwort zum Ändern wählen (tippen zum Suchen) oder bestätigen',
  },
  confirm: { en: '✔ All correct: write the config', de: '✔ Alles richtig: Konfiguration schreiben' },
  addChannel: { en: '+ Add another channel', de: '+ Weiteren Kanal hinzufügen' },
  empty: { en: '(empty)', de: '(leer)' },
  noteMark: { en: 'note', de: 'Notiz' },
  navigate: { en: 'navigate', de: 'bewegen' },
  select: { en: 'select', de: 'auswählen' },
  submit: { en: 'confirm', de: 'bestätigen' },
  all: { en: 'all', de: 'alle' },
  invert: { en: 'invert', de: 'umkehren' },
  space: { en: 'space', de: 'Leertaste' },
  welcome: {
    en: 'chanrisk interview: organisation first, then each channel. Answers are saved after every question in',
    de: 'chanrisk-Interview: zuerst die Organisation, dann jeder Kanal. Die Antworten werden nach jeder Frage gespeichert in',
  },
  welcomeHelp: {
    en: 'Type ? (or pick "? Explain this question") for background on any question; "Don\'t know" is a fair answer where offered.',
    de: '? tippen (oder „? Frage erklären“ wählen) erklärt jede Frage; „Weiß nicht“ ist, wo angeboten, eine zulässige Antwort.',
  },
  welcomeKeys: {
    en: 'Ctrl-C pauses; resume later with',
    de: 'Strg-C unterbricht; später fortsetzen mit',
  },
  resumed: { en: 'Resuming the interview from', de: 'Interview wird fortgesetzt aus' },
  paused: { en: 'Interview paused. Every answer so far is saved in', de: 'Interview unterbrochen. Alle bisherigen Antworten sind gespeichert in' },
  resumeWith: { en: 'Resume with', de: 'Fortsetzen mit' },
  noTty: {
    en: 'the interview needs an interactive terminal (stdin is not a TTY)',
    de: 'das Interview braucht ein interaktives Terminal (stdin ist kein TTY)',
  },
  noTtyHint: {
    en: 'in CI or scripts, write the channel config yourself and run `chanrisk check <config.yaml>` (see examples/)',
    de: 'in CI oder Skripten die Kanal-Konfiguration selbst schreiben und `chanrisk check <config.yaml>` ausführen (siehe examples/)',
  },
  outExists: { en: 'already exists; the interview does not overwrite it', de: 'existiert bereits; das Interview überschreibt sie nicht' },
  outExistsHint: { en: 'choose another --out, or move the file away', de: 'eine andere --out wählen oder die Datei verschieben' },
  reportExistsHint: { en: 'choose another --report, or move the file away', de: 'einen anderen --report wählen oder die Datei verschieben' },
  sessionExists: { en: 'a paused interview is saved in', de: 'ein unterbrochenes Interview ist gespeichert in' },
  sessionExistsHint: { en: 'resume it with', de: 'fortsetzen mit' },
  wrote: { en: 'Wrote the channel config', de: 'Kanal-Konfiguration geschrieben' },
  checkWith: { en: 'Check it any time with', de: 'Jederzeit prüfen mit' },
  configHeader: { en: 'chanrisk channel config, written by `chanrisk interview` on', de: 'chanrisk-Kanal-Konfiguration, geschrieben von `chanrisk interview` am' },
  configHeaderCheck: {
    en: 'Check it with: chanrisk check {file}   (exit 0: nothing at or above --fail-on, 1: findings, 2: invalid)',
    de: 'Prüfen mit: chanrisk check {file}   (Exit 0: nichts ab --fail-on, 1: Befunde, 2: ungültig)',
  },
  configHeaderEdit: {
    en: 'Answers may be edited here; rules/questionnaire.yaml explains every question.',
    de: 'Antworten dürfen hier geändert werden; rules/questionnaire.yaml erklärt jede Frage.',
  },
  sessionHeader: {
    en: 'chanrisk interview session (answers so far). Resume with: chanrisk interview --resume {file}',
    de: 'chanrisk-Interview-Sitzung (bisherige Antworten). Fortsetzen mit: chanrisk interview --resume {file}',
  },
} satisfies Record<string, Text>;

export type InterviewMessage = keyof typeof messages;

export const m = (key: InterviewMessage, lang: Lang, vars: Record<string, string> = {}): string =>
  fill(messages[key][lang], vars);
