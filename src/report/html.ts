import { Marked, type Tokens } from 'marked';
import { htmlText } from './escape.js';
import type { Lang } from '../policy/model.js';
import { RISK_LEVELS } from '../policy/schema.js';
import { levelLabel, renderMarkdown } from './markdown.js';
import { w } from './messages.js';
import type { ReportInput } from './model.js';
import { LEVEL_FILL, LEVEL_INK, svgVisuals } from './svg.js';

// Raw HTML passes marked only as the report's own figures; anything else is shown as text, whatever its origin.
const OWN_FIGURE = /^<figure class="(matrix|bars)"><svg [^\n]*<\/svg><\/figure>\n*$/;

/** marked with two additions: raw HTML only for the report's own figures, and risk levels marked for colour. */
function markedFor(lang: Lang): Marked {
  const levels = new Map(RISK_LEVELS.map((level) => [levelLabel(level, lang), level]));
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
        const level = token.depth === 5 ? levels.get(/^F\d+ · (\S+) · /.exec(token.text)?.[1] ?? '') : undefined;
        return level ? `<h5 class="finding level-${level}">${this.parser.parseInline(token.tokens)}</h5>\n` : false;
      },
    },
  });
}

const LEVEL_CSS = RISK_LEVELS.map(
  (level) => `.level-${level} { background: ${LEVEL_FILL[level]}; color: ${LEVEL_INK[level]}; } h5.level-${level} { border-left-color: ${LEVEL_INK[level]}; background: #f4f6f9; color: inherit; }`,
).join('\n');

const STYLE = `
:root { --ink: #1d2433; --muted: #5b6478; --rule: #d5dae3; --accent: #25406b; --wash: #f4f6f9; }
* { box-sizing: border-box; }
html { font-family: "Source Sans 3", "Segoe UI", "Helvetica Neue", Arial, sans-serif; color: var(--ink); line-height: 1.5; font-size: 15px; }
body { margin: 0; background: #ffffff; }
main { max-width: 60rem; margin: 0 auto; padding: 2.5rem 2rem 4rem; }
h1 { font-size: 1.9rem; line-height: 1.25; margin: 0 0 1rem; padding-bottom: .75rem; border-bottom: 3px solid var(--accent); color: var(--accent); }
h2 { font-size: 1.4rem; margin: 2.5rem 0 .75rem; padding-bottom: .3rem; border-bottom: 1px solid var(--rule); color: var(--accent); }
h3 { font-size: 1.15rem; margin: 1.75rem 0 .5rem; }
h4 { font-size: 1rem; margin: 1.5rem 0 .5rem; text-transform: uppercase; letter-spacing: .04em; color: var(--muted); }
h5 { font-size: 1rem; margin: 1.25rem 0 .4rem; padding: .45rem .7rem; background: var(--wash); border-left: 4px solid var(--accent); }
p, ul, ol { margin: .4rem 0 .7rem; }
ul, ol { padding-left: 1.4rem; }
li { margin: .15rem 0; }
a { color: var(--accent); }
blockquote { margin: 1rem 0; padding: .7rem 1rem; background: #fff8e1; border-left: 4px solid #d9a400; }
blockquote p { margin: 0; }
table { border-collapse: collapse; width: 100%; margin: .6rem 0 1.2rem; font-size: .92rem; }
th, td { border: 1px solid var(--rule); padding: .35rem .55rem; text-align: left; vertical-align: top; overflow-wrap: break-word; }
table.plan { table-layout: fixed; font-size: .85rem; }
table.plan th, table.plan td { padding: .3rem .35rem; }
table.plan th:nth-child(1) { width: 2rem; }
table.plan th:nth-child(2) { width: 23%; }
table.plan th:nth-child(4) { width: 14%; }
table.plan th:nth-child(5) { width: 12%; }
table.plan th:nth-child(6), table.plan th:nth-child(7) { width: 12.5%; }
th { background: var(--wash); font-weight: 600; }
code { font-family: "DejaVu Sans Mono", Menlo, Consolas, monospace; font-size: .85rem; color: var(--accent); }
figure { margin: 1rem 0 1.5rem; }
figure svg { max-width: 100%; height: auto; font-family: inherit; }
svg .axis { font-size: 12px; fill: #3a4255; }
svg .axis-title { font-size: 12px; font-weight: 600; fill: #3a4255; }
svg .cell-level { font-size: 11px; font-weight: 600; text-transform: uppercase; letter-spacing: .04em; }
svg .marker { font-size: 9.5px; font-weight: 700; fill: #ffffff; }
svg .more { font-size: 11px; font-weight: 700; fill: #3a4255; }
svg .bar-label, svg .bar-value { font-size: 12px; fill: #3a4255; }
strong.level { display: inline-block; padding: 0 .45rem; border-radius: 3px; font-size: .9em; }
${LEVEL_CSS}
@page { size: A4; margin: 18mm 16mm 20mm; }
@media print {
  * { print-color-adjust: exact; -webkit-print-color-adjust: exact; }
  html { font-size: 10.5pt; }
  main { max-width: none; padding: 0; }
  h2 { break-before: page; }
  h2:first-of-type { break-before: auto; }
  h2, h3, h4, h5 { break-after: avoid; }
  table, figure, blockquote, tr { break-inside: avoid; }
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
