import { formatScanJson, formatScanText, scanNoticeLines } from '../../evidence/format.js';
import { loadEvidenceCatalogue } from '../../evidence/catalogue.js';
import { scanTree } from '../../evidence/scan.js';
import { loadPolicyStrict } from '../../policy/load.js';
import { EXIT, type Io } from '../io.js';
import { parseChoice, parseLang } from '../options.js';

/** Lists the messenger libraries a code base depends on, with file and line. */
export async function runScan(dir: string, options: { format?: string; lang?: string; scanExclude?: string[] }, io: Io): Promise<number> {
  const format = parseChoice('--format', options.format ?? 'text', ['text', 'json'] as const);
  const lang = parseLang(options.lang);
  const catalogue = loadEvidenceCatalogue(loadPolicyStrict().questionnaire);
  const report = await scanTree(dir, catalogue, { exclude: options.scanExclude ?? [] });
  for (const line of scanNoticeLines(report, lang, format === 'text')) io.err(`${line}\n`);
  io.out(format === 'json' ? formatScanJson(report, lang) : formatScanText(report, lang));
  return EXIT.ok;
}
