import { unzipSync, zipSync, type Zippable } from 'fflate';

const CORE = 'docProps/core.xml';
const DOCUMENT = 'word/document.xml';
const CONTENT_TYPES = '[Content_Types].xml';
const TIMESTAMP = /(<dcterms:(created|modified)[^>]*>)[^<]*(<\/dcterms:\2>)/g;
// The library wraps the table of contents in a content control with only an alias; Word marks it as a
// table-of-contents part, and without that mark LibreOffice prints the field code instead of the entries.
const TOC_CONTROL = /<w:sdtPr><w:alias w:val="[^"]*"\/><\/w:sdtPr>/;
const TOC_PART = '<w:sdtPr><w:docPartObj><w:docPartGallery w:val="Table of Contents"/><w:docPartUnique/></w:docPartObj></w:sdtPr>';

/**
 * Finishes a .docx packed by the docx library: marks the table of contents as Word does, and makes the file a pure
 * function of the report. The library stamps the current time on the document's created/modified properties and on
 * every zip entry; both are set to the assessment date, and the entries keep a fixed order.
 */
export function finishDocx(packed: Uint8Array, date: string): Uint8Array {
  const [year, month, day] = date.split('-').map(Number) as [number, number, number];
  // Zip times are local wall-clock fields: a Date built from local parts encodes the same in every time zone.
  const mtime = new Date(year, month - 1, day);
  const entries = unzipSync(packed);
  rewrite(entries, CORE, (xml) => xml.replace(TIMESTAMP, `$1${date}T00:00:00Z$3`));
  rewrite(entries, DOCUMENT, (xml) => xml.replace(TOC_CONTROL, TOC_PART));
  // The content-types part first, as Office writes it; folder entries are left out, a package needs none.
  const names = Object.keys(entries).filter((name) => !name.endsWith('/'));
  const zippable: Zippable = {};
  for (const name of [CONTENT_TYPES, ...names.filter((n) => n !== CONTENT_TYPES)]) {
    const data = entries[name];
    if (data) zippable[name] = [data, { mtime, level: 6 }];
  }
  return zipSync(zippable);
}

function rewrite(entries: Record<string, Uint8Array>, name: string, change: (xml: string) => string): void {
  const data = entries[name];
  if (data) entries[name] = new TextEncoder().encode(change(new TextDecoder().decode(data)));
}
