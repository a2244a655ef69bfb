import { areaName } from '../messages.js';
import type { Lang, RiskLevel } from '../policy/model.js';
import { IMPACT_LEVELS } from '../policy/schema.js';
import { htmlText } from './escape.js';
import { scaleLabel, type Visuals } from './markdown.js';
import { levelLabel, scoreText } from './standing.js';
import { w } from './messages.js';
import type { AreaScore, MatrixCell } from './model.js';

export const LEVEL_FILL: Record<RiskLevel, string> = { low: '#d9eedb', medium: '#fbecb5', high: '#f9cf9f', critical: '#f2a9a3' };
export const LEVEL_INK: Record<RiskLevel, string> = { low: '#1e5e2a', medium: '#6b5200', high: '#8a3d00', critical: '#8c1c13' };

const CELL_W = 124;
const MIN_CELL_H = 86;
const LEFT = 118;
const TOP = 12;
const MARKER = 12;
const STEP = MARKER * 2 + 3;
const PER_LINE = 4;

// Each picture is one line of markup: a blank line would end the HTML block marked passes through.
const svg = (width: number, height: number, label: string, body: string[]): string =>
  `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${width} ${height}" width="${width}" height="${height}" role="img" aria-label="${htmlText(label)}"><title>${htmlText(label)}</title>${body.join('')}</svg>`;

const text = (x: number, y: number, content: string, attrs = ''): string =>
  `<text x="${x}" y="${y}" ${attrs}>${htmlText(content)}</text>`;

/** A row is as tall as its fullest cell needs: every finding gets its marker, none is summed up as "+n". */
const rowHeight = (cells: MatrixCell[]): number => Math.max(MIN_CELL_H, 32 + Math.ceil(Math.max(...cells.map((c) => c.refs.length)) / PER_LINE) * STEP);

function matrixSvg(rows: MatrixCell[][], lang: Lang): string {
  const gridW = CELL_W * IMPACT_LEVELS.length;
  const heights = rows.map(rowHeight);
  const gridH = heights.reduce((sum, h) => sum + h, 0);
  const body: string[] = [];
  let y = TOP;
  rows.forEach((cells, r) => {
    const height = heights[r] ?? MIN_CELL_H;
    body.push(text(LEFT - 10, y + height / 2 + 4, scaleLabel(cells[0]?.impact ?? 'maximum', lang), 'text-anchor="end" class="axis"'));
    cells.forEach((cell, c) => {
      const x = LEFT + c * CELL_W;
      body.push(`<rect x="${x}" y="${y}" width="${CELL_W}" height="${height}" fill="${LEVEL_FILL[cell.level]}" stroke="#ffffff" stroke-width="2"/>`);
      body.push(text(x + 8, y + 16, levelLabel(cell.level, lang), `class="cell-level" fill="${LEVEL_INK[cell.level]}"`));
      cell.refs.forEach((ref, i) => {
        const cx = x + 8 + MARKER + (i % PER_LINE) * STEP;
        const cy = y + 24 + MARKER + Math.floor(i / PER_LINE) * STEP;
        body.push(`<circle cx="${cx}" cy="${cy}" r="${MARKER}" fill="${LEVEL_INK[ref.finding.level]}"/>`);
        body.push(text(cx, cy + 3.5, ref.ref, 'text-anchor="middle" class="marker"'));
      });
    });
    y += height;
  });
  IMPACT_LEVELS.forEach((level, c) => body.push(text(LEFT + c * CELL_W + CELL_W / 2, TOP + gridH + 20, scaleLabel(level, lang), 'text-anchor="middle" class="axis"')));
  body.push(text(LEFT + gridW / 2, TOP + gridH + 44, `${w('likelihood', lang)} →`, 'text-anchor="middle" class="axis-title"'));
  body.push(text(16, TOP + gridH / 2, `${w('impact', lang)} →`, `text-anchor="middle" class="axis-title" transform="rotate(-90 16 ${TOP + gridH / 2})"`));
  return svg(LEFT + gridW + 4, TOP + gridH + 54, w('matrix', lang), body);
}

const BAR_LEFT = 250;
const BAR_W = 300;
const BAR_ROW = 24;

function barsSvg(scores: AreaScore[], lang: Lang): string {
  const body: string[] = [];
  scores.forEach((s, i) => {
    const y = 8 + i * BAR_ROW;
    body.push(text(BAR_LEFT - 12, y + 15, areaName(s.area, lang), 'text-anchor="end" class="bar-label"'));
    body.push(`<rect x="${BAR_LEFT}" y="${y + 3}" width="${BAR_W}" height="16" rx="3" fill="#e8ebf0"/>`);
    if (s.score > 0) body.push(`<rect x="${BAR_LEFT}" y="${y + 3}" width="${(BAR_W * s.score) / 100}" height="16" rx="3" fill="#25406b"/>`);
    body.push(text(BAR_LEFT + BAR_W + 10, y + 16, scoreText(s.score), 'class="bar-value"'));
  });
  return svg(BAR_LEFT + BAR_W + 70, 16 + scores.length * BAR_ROW, w('areaScores', lang), body);
}

/** The HTML pictures: inline SVG, wrapped in a figure so marked passes them through as one HTML block. */
export const svgVisuals: Visuals = {
  riskMatrix: (rows, lang) => `<figure class="matrix">${matrixSvg(rows, lang)}</figure>`,
  areaBars: (scores, lang) => `<figure class="bars">${barsSvg(scores, lang)}</figure>`,
};
