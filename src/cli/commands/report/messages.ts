import type { Lang, Text } from '../../../policy/model.js';
import { fill } from '../../../messages.js';

/** What the report command says on the terminal. */
const messages = {
  written: { en: 'Report written to {file}', de: 'Bericht gespeichert: {file}' },
  exists: { en: '{file} already exists; it was left unchanged', de: '{file} existiert bereits und wurde nicht verändert' },
  existsHint: { en: 'add --force to overwrite it, or choose another file with -o', de: 'mit --force überschreiben oder mit -o eine andere Datei wählen' },
  missingDir: { en: 'cannot write {file}: the folder {dir} does not exist', de: '{file} kann nicht geschrieben werden: Der Ordner {dir} existiert nicht' },
  missingDirHint: { en: 'create the folder first, or choose another path with -o', de: 'legen Sie den Ordner zuerst an oder wählen Sie mit -o einen anderen Pfad' },
  notWritable: { en: 'cannot write {file}: {reason}', de: '{file} kann nicht geschrieben werden: {reason}' },
  notWritableHint: { en: 'check the path and its permissions, or choose another path with -o', de: 'prüfen Sie Pfad und Berechtigungen oder wählen Sie mit -o einen anderen Pfad' },
  isDirectory: { en: 'it is a folder', de: 'es ist ein Ordner' },
  permission: { en: 'permission denied', de: 'keine Schreibberechtigung' },
} satisfies Record<string, Text>;

export type ReportMessage = keyof typeof messages;

export const say = (key: ReportMessage, lang: Lang, values: Record<string, string> = {}): string =>
  fill(messages[key][lang], values);
