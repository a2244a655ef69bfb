import {
  AlignmentType,
  HeadingLevel,
  Paragraph,
  ShadingType,
  SimpleField,
  Table,
  TableCell,
  TableLayoutType,
  TableRow,
  TextRun,
  WidthType,
  type IRunOptions,
  type ParagraphChild,
} from 'docx';
import type { RiskLevel } from '../policy/model.js';
import { docxText, fieldUrl } from './docx-text.js';
import { LEVEL_FILL, LEVEL_INK } from './svg.js';

/** A4 portrait with 2.5 cm top/left and 2 cm right/bottom margins, in twentieths of a point. */
export const PAGE = { width: 11906, height: 16838, top: 1417, bottom: 1134, left: 1417, right: 1134 } as const;
export const TEXT_WIDTH = PAGE.width - PAGE.left - PAGE.right;

const TABLE_TEXT = 18; // half-points: 9 pt in tables, 10.5 pt in the body
const HEADER_FILL = 'E8EBF0';

/** One run of text; every string passes docxText, so no config value can corrupt the document's XML. */
export const run = (value: string, options: Omit<IRunOptions, 'text' | 'children'> = {}): TextRun => new TextRun({ ...options, text: docxText(value) });
export const bold = (value: string): TextRun => run(value, { bold: true });
export const italic = (value: string): TextRun => run(value, { italics: true });

export const para = (...children: ParagraphChild[]): Paragraph => new Paragraph({ children });
export const bullet = (...children: ParagraphChild[]): Paragraph => new Paragraph({ children, bullet: { level: 0 } });
/** "Label: text" with the label in bold, the way the other formats lead their lines. */
export const labelled = (label: string, ...rest: ParagraphChild[]): Paragraph => para(bold(`${label}: `), ...rest);

const HEADINGS = [HeadingLevel.HEADING_1, HeadingLevel.HEADING_2, HeadingLevel.HEADING_3] as const;

/** A Word heading style (Heading 1–3), so Word's navigation pane and table of contents pick it up. */
export function heading(depth: 1 | 2 | 3, ...children: ParagraphChild[]): Paragraph {
  return new Paragraph({ heading: HEADINGS[depth - 1], children, keepNext: true });
}

/** A clickable address: a HYPERLINK field needs no relationship id, which the library would otherwise make random. */
export function link(url: string): SimpleField {
  return new SimpleField(`HYPERLINK "${fieldUrl(url)}"`, docxText(url));
}

/** A table cell's content: plain text, runs of one paragraph, or whole paragraphs; optionally coloured by a level. */
export type Cell = string | ParagraphChild[] | { paragraphs: Paragraph[]; level?: RiskLevel };

function cell(content: Cell, width: number, header: boolean): TableCell {
  const paragraphs =
    typeof content === 'string'
      ? [new Paragraph({ children: [run(content, { bold: header, size: TABLE_TEXT })] })]
      : Array.isArray(content)
        ? [new Paragraph({ children: content })]
        : content.paragraphs;
  const fill = header ? HEADER_FILL : typeof content === 'object' && !Array.isArray(content) && content.level ? LEVEL_FILL[content.level].slice(1) : undefined;
  return new TableCell({
    children: paragraphs,
    width: { size: width, type: WidthType.DXA },
    margins: { top: 40, bottom: 40, left: 80, right: 80 },
    ...(fill && { shading: { type: ShadingType.CLEAR, color: 'auto', fill } }),
  });
}

/**
 * A real Word table: fixed column widths (in twips, summing to the text width), a header row Word repeats on every
 * page, and rows that may break across pages so a long row never leaves a page empty.
 */
export function table(widths: number[], header: string[], rows: Cell[][]): Table {
  return new Table({
    width: { size: TEXT_WIDTH, type: WidthType.DXA },
    columnWidths: widths,
    layout: TableLayoutType.FIXED,
    rows: [
      new TableRow({ tableHeader: true, cantSplit: true, children: header.map((h, i) => cell(h, widths[i] ?? 0, true)) }),
      ...rows.map((cells) => new TableRow({ children: cells.map((c, i) => cell(c, widths[i] ?? 0, false)) })),
    ],
  });
}

/** Column widths from proportions, rounded so they add up to the text width exactly. */
export function columns(...shares: number[]): number[] {
  const total = shares.reduce((a, b) => a + b, 0);
  const widths = shares.map((s) => Math.floor((TEXT_WIDTH * s) / total));
  widths[widths.length - 1] = (widths.at(-1) ?? 0) + TEXT_WIDTH - widths.reduce((a, b) => a + b, 0);
  return widths;
}

/** Small text in a table cell. */
export const small = (value: string, options: Omit<IRunOptions, 'text' | 'children'> = {}): TextRun => run(value, { ...options, size: TABLE_TEXT });

/** A level name in its colour, as the HTML report marks it. */
export const levelRun = (label: string, level: RiskLevel, size?: number): TextRun =>
  run(label, { bold: true, color: LEVEL_INK[level].slice(1), shading: { type: ShadingType.CLEAR, color: 'auto', fill: LEVEL_FILL[level].slice(1) }, ...(size && { size }) });

export const centred = (...children: ParagraphChild[]): Paragraph => new Paragraph({ children, alignment: AlignmentType.CENTER });
