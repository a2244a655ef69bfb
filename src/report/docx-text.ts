/**
 * Text for a Word run. The docx library escapes &, < and > itself, but XML 1.0 cannot carry most control
 * characters or a lone surrogate at all: one of them in an organisation's name would make Word refuse the file.
 */

// C0 controls except tab/line feed/carriage return, the two non-characters XML excludes, and unpaired surrogates.
const NOT_XML = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

/** A config or pack string as one line of a Word run: illegal characters become U+FFFD, line breaks spaces. */
export function docxText(value: string): string {
  return value.replace(NOT_XML, '\uFFFD').replace(/\s+/g, ' ');
}

/** A URL inside a HYPERLINK field instruction, where a quote or a space would end the address. */
export function fieldUrl(url: string): string {
  return docxText(url).replace(/["\s\\]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase().padStart(2, '0')}`);
}
