import { formatScanJson, formatScanText, scanProblemLines } from '../../evidence/format.js';
import { loadEvidenceCatalogue } from '../../evidence/catalogue.js';
import { scanTree } from '../../evidence/scan.js';
import { loadPolicyStrict } from '../../policy/load.js';
import { EXIT, type Io } from '../io.js';
import { parseChoice, parseLang } from '../options.js';

/** Lists the messenger libraries a code base depends on, with file and line. */
export function runScan(dir: string, options: { format?: string; lang?: string }, io: Io): number {
  const format = parseChoice('--format', options.format ?? 'text', ['text', 'json'] as const);
  const lang = parseLang(options.lang);
  const catalogue = loadEvidenceCatalogue(loadPolicyStrict().questionnaire);
  const report = scanTree(dir, catalogue);
  for (const line of scanProblemLines(report, lang)) io.err(`warning: ${line}\n`);
  io.out(format === 'json' ? formatScanJson(report, lang) : formatScanText(report, lang));
  return EXIT.ok;
}
