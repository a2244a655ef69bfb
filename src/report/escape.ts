/**
 * Escaping for strings that come from a config (names, notes, text answers) or a pack. Markdown escapes make the
 * text render literally on GitHub and through marked; HTML escapes are for the SVG and the HTML frame, which marked
 * does not touch.
 */

// What can start emphasis, code, links, table cells, headings or strike-through anywhere in a line.
const MARKDOWN_SPECIAL = /[\\`*_[\]#|~]/g;

/**
 * Inline Markdown text: backslash-escapes every character with a Markdown meaning (so `| **x** |` breaks no table),
 * writes < > (and an & that would start an entity) as entities (so `<img …>` stays text in both Markdown and
 * HTML), folds line breaks into spaces and defuses a leading list marker.
 */
export function mdText(value: string): string {
  let escaped = escapedText.get(value);
  if (escaped === undefined) escapedText.set(value, (escaped = escapeMarkdownText(value)));
  return escaped;
}

// A rule's texts recur for every channel it fires on: a 50-channel report escapes the same few hundred strings ~15,000 times.
const escapedText = new Map<string, string>();

function escapeMarkdownText(value: string): string {
  return value
    .replace(/\r\n?|\n|\u2028|\u2029/g, ' ')
    .replace(/&(?=#?[a-z0-9]+;)/gi, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(MARKDOWN_SPECIAL, (c) => `\\${c}`)
    .replace(/\s+/g, ' ')
    .trim()
    .replace(/^[-+=]/, '\\$&')
    .replace(/^(\d{1,9})([.)])(?=\s|$)/, '$1\\$2');
}

/** A URL as a Markdown link target: characters that would end or break the link are percent-encoded. */
export function mdUrl(url: string): string {
  return url.replace(/[\s()<>[\]|\\`]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase().padStart(2, '0')}`);
}

export function htmlText(value: string): string {
  return value.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&#39;');
}

const TRANSLITERATE: Record<string, string> = { ä: 'ae', ö: 'oe', ü: 'ue', ß: 'ss' };

/** File-name slug of an organisation name: lower-case ASCII letters, digits and single hyphens. */
export function slug(value: string): string {
  const ascii = value
    .toLowerCase()
    .replace(/[äöüß]/g, (c) => TRANSLITERATE[c] ?? c)
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '');
  const cleaned = ascii.replace(/[^a-z0-9]+/g, '-').replace(/^-+|-+$/g, '').slice(0, 60).replace(/-+$/, '');
  return cleaned || 'report';
}
