import { Marked, type Tokens } from 'marked';
import { htmlText } from './escape.js';
import type { Lang } from '../policy/model.js';
import { RISK_LEVELS } from '../policy/schema.js';
import { anchor, headingClasses, renderMarkdown } from './markdown.js';
import { w } from './messages.js';
import type { ReportInput } from './model.js';
import { levelLabel } from './standing.js';
import { LEVEL_FILL, LEVEL_INK, svgVisuals } from './svg.js';

// Raw HTML passes marked only as the report's own figures; anything else is shown as text, whatever its origin.
const OWN_FIGURE = /^<figure class="(matrix|bars)"><svg [^\n]*<\/svg><\/figure>\n*$/;

/**
 * marked with four additions: raw HTML only for the report's own figures, risk levels marked for colour, section
 * headings with the ids the table of contents links to and the classes of headingClasses.
 */
function markedFor(lang: Lang): Marked {
  const levels = new Map(RISK_LEVELS.map((level) => [levelLabel(level, lang), level]));
  const classes = headingClasses(lang);
  return new Marked({
    gfm: true,
    renderer: {
      html(token: Tokens.HTML | Tokens.Tag): string {
        return OWN_FIGURE.test(token.text) ? token.text : htmlText(token.text);
      },
      strong(token: Tokens.Strong): string | false {
        const level = levels.get(token.text);
        return level ? `<strong class="level level-${level}">${this.parser.parseInline(token.tokens)}</strong>` : false;
      },
      heading(token: Tokens.Heading): string | false {
        const inline = this.parser.parseInline(token.tokens);
        if (token.depth === 2) {
          const text = this.parser.parseInline(token.tokens, this.parser.textRenderer);
          const name = classes.get(text);
          return `<h2 id="${htmlText(anchor(text))}"${name ? ` class="${name}"` : ''}>${inline}</h2>\n`;
        }
        const level = token.depth === 4 ? levels.get(/^F\d+ · (\S+) · /.exec(token.text)?.[1] ?? '') : undefined;
        return level ? `<h4 class="finding level-${level}">${inline}</h4>\n` : false;
      },
    },
  });
}

const LEVEL_CSS = RISK_LEVELS.map(
  (level) => `.level-${level} { background: ${LEVEL_FILL[level]}; color: ${LEVEL_INK[level]}; } h4.level-${level} { border-left-color: ${LEVEL_INK[level]}; background: #f4f6f9; color: inherit; }`,
).join('\n');

// Print: tables may run over pages (rows do not), headings stay with what follows, and every page carries its
// number (CSS margin boxes, which Chromium's print honours). Words break only where the page's language allows
// (hyphens: auto with <html lang>), never mid-word to fit a cell; only links and code may break anywhere.
const STYLE = `
:root { --ink: #1d2433; --muted: #5b6478; --rule: #d5dae3; --accent: #25406b; --wash: #f4f6f9; }
* { box-sizing: border-box; }
html { font-family: "Source Sans 3", "Segoe UI", "Helvetica Neue", Arial, sans-serif; color: var(--ink); line-height: 1.45; font-size: 15px; }
body { margin: 0; background: #ffffff; }
main { max-width: 60rem; margin: 0 auto; padding: 2.5rem 2rem 4rem; }
p, li, td, th, blockquote { hyphens: auto; -webkit-hyphens: auto; }
a, code { overflow-wrap: anywhere; }
h1 { font-size: 1.8rem; line-height: 1.25; margin: 0 0 .8rem; padding-bottom: .6rem; border-bottom: 3px solid var(--accent); color: var(--accent); }
h2 { font-size: 1.35rem; margin: 2rem 0 .6rem; padding-bottom: .25rem; border-bottom: 1px solid var(--rule); color: var(--accent); }
h1 + h2 { margin-top: .5rem; }
h3 { font-size: 1.1rem; margin: 1.4rem 0 .4rem; }
h4 { font-size: 1rem; margin: 1.1rem 0 .3rem; padding: .35rem .6rem; background: var(--wash); border-left: 4px solid var(--accent); }
h4 + p { margin-top: .2rem; color: var(--muted); font-size: .9em; }
p, ul, ol { margin: .3rem 0 .55rem; }
ul, ol { padding-left: 1.4rem; }
li { margin: .1rem 0; }
a { color: var(--accent); }
blockquote { margin: .8rem 0; padding: .5rem .9rem; background: #fff8e1; border-left: 4px solid #d9a400; font-size: .92em; }
blockquote p { margin: 0; }
table { border-collapse: collapse; width: 100%; margin: .5rem 0 1rem; font-size: .9rem; }
th, td { border: 1px solid var(--rule); padding: .3rem .5rem; text-align: left; vertical-align: top; }
th { background: var(--wash); font-weight: 600; }
table.plan { table-layout: fixed; font-size: .86rem; }
table.plan th:nth-child(1) { width: 2.2rem; }
table.plan td:nth-child(1) { white-space: nowrap; }
table.plan th:nth-child(2) { width: 50%; }
table.plan th:nth-child(4) { width: 12%; }
table.plan th:nth-child(5) { width: 10%; }
code { font-family: "DejaVu Sans Mono", Menlo, Consolas, monospace; font-size: .8rem; color: var(--muted); }
figure { margin: .8rem 0 1.2rem; }
figure svg { max-width: 100%; height: auto; font-family: inherit; }
svg .axis { font-size: 12px; fill: #3a4255; }
svg .axis-title { font-size: 12px; font-weight: 600; fill: #3a4255; }
svg .cell-level { font-size: 11px; font-weight: 600; text-transform: uppercase; letter-spacing: .04em; }
svg .marker { font-size: 9px; font-weight: 700; fill: #ffffff; }
svg .bar-label, svg .bar-value { font-size: 12px; fill: #3a4255; }
h2.annex ~ * { font-size: .88em; }
h2.annex ~ h2 { font-size: 1.2rem; }
h2.annex ~ h3 { font-size: 1rem; margin-top: 1rem; }
h2.annex ~ table th, h2.annex ~ table td { padding: .15rem .4rem; }
h2.toc + ul { columns: 2; column-gap: 2rem; }
h2.columns ~ ul { columns: 2; column-gap: 2rem; font-size: .88rem; }
h2.columns ~ ul li { break-inside: avoid; }
strong.level { display: inline-block; padding: 0 .45rem; border-radius: 3px; font-size: .9em; }
${LEVEL_CSS}
@page { size: A4; margin: 13mm 14mm 15mm; @bottom-center { content: counter(page) " / " counter(pages); font-size: 8pt; color: #5b6478; } }
@media print {
  * { print-color-adjust: exact; -webkit-print-color-adjust: exact; }
  html { font-size: 9pt; line-height: 1.35; }
  h4 { margin: .8rem 0 .2rem; padding: .25rem .5rem; }
  main { max-width: none; padding: 0; }
  h1, h2, h3, h4 { break-after: avoid; }
  h2 + p, h3 + p, h4 + p { break-after: avoid; }
  tr, figure, blockquote, li { break-inside: avoid; }
  figure.matrix svg { width: 72%; }
  figure.bars svg { width: 66%; }
  thead { display: table-header-group; }
  a { color: inherit; text-decoration: none; }
}
`;

/** The Markdown report rendered by marked into one self-contained page: inline CSS and SVG, no scripts, no requests. */
export function renderHtml(input: ReportInput): string {
  return [...htmlPieces(input)].join('');
}

/** renderHtml in pieces, a section at a time, for writing a large report without holding it whole. */
export function* htmlPieces(input: ReportInput): Generator<string> {
  const marked = markedFor(input.lang);
  const title = `${w('title', input.lang)}: ${input.assessment.organisation.name}`;
  yield [
    '<!DOCTYPE html>',
    `<html lang="${input.lang}">`,
    '<head>',
    '<meta charset="utf-8">',
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    `<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'">`,
    `<meta name="generator" content="${htmlText(`${input.tool.name} ${input.tool.version}`)}">`,
    `<title>${htmlText(title)}</title>`,
    `<style>${STYLE}</style>`,
    '</head>',
    '<body>',
    '<main>',
    '',
  ].join('\n');
  // Parsed heading by heading: a heading closes every open block, and no line of the report starts with "#" but a
  // heading (escaping sees to text from configs and packs), so the HTML is the same as from one parse, while marked
  // takes about twice as long on one document of megabytes as on its sections.
  const sections = renderMarkdown(input, svgVisuals).split(/\n\n(?=#)/);
  for (const [i, section] of sections.entries()) {
    const html = marked
      .parse(section, { async: false })
      // The action plan is the one table whose first column is "#": it gets fixed column widths to fit on A4.
      .replace('<table>\n<thead>\n<tr>\n<th>#</th>', '<table class="plan">\n<thead>\n<tr>\n<th>#</th>');
    yield i === sections.length - 1 ? html.trimEnd() : html;
  }
  yield ['', '</main>', '</body>', '</html>', ''].join('\n');
}
