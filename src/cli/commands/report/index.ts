import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { loadConfigFile } from '../../../config/load.js';
import { applyAcceptances, checkAcceptances } from '../../../engine/acceptance.js';
import { compareChannels } from '../../../engine/compare.js';
import { evaluateAssessment } from '../../../engine/evaluate.js';
import type { AssessmentResult } from '../../../engine/result.js';
import { rankActions } from '../../../engine/whatif.js';
import { loadPolicyStrict } from '../../../policy/load.js';
import { loadBuiltinRoutes } from '../../../routes/load.js';
import { slug } from '../../../report/escape.js';
import { htmlPieces } from '../../../report/html.js';
import { renderMarkdown } from '../../../report/markdown.js';
import type { ReportInput } from '../../../report/model.js';
import { InputErrors } from '../../../util/errors.js';
import { packageInfo } from '../../../util/package-root.js';
import { EXIT, type Io } from '../../io.js';
import { parseChoice, parseDate, parseLang } from '../../options.js';
import { say } from './messages.js';
import { writeReport } from './write.js';

export const REPORT_FORMATS = ['markdown', 'html'] as const;
type ReportFormat = (typeof REPORT_FORMATS)[number];
const EXTENSION: Record<ReportFormat, string> = { markdown: 'md', html: 'html' };
const DEFAULT_DIR = 'reports';

export interface ReportOptions {
  output?: string;
  format?: string;
  lang?: string;
  date?: string;
  force?: boolean;
  rules?: string[];
}

/** Writes the client report for one config; exit 0 whatever the findings (a report is not a gate). */
export function runReport(file: string, options: ReportOptions, io: Io): number {
  const format = reportFormat(options);
  const lang = parseLang(options.lang);
  const date = parseDate(options.date);
  const policy = loadPolicyStrict({ extraDirs: options.rules ?? [] });
  const loaded = loadConfigFile(file, policy.questionnaire);
  for (const warning of loaded.warnings) io.err(`warning: ${warning.format()}\n`);
  const { assessment } = loaded;
  const acceptances = assessment.acceptances ?? [];
  const problems = checkAcceptances(acceptances, policy, assessment);
  if (problems.length) throw new InputErrors(problems);
  // Accepted risks are settled the same way for the result and for every what-if of the action plan.
  const settle = (evaluated: AssessmentResult): AssessmentResult => applyAcceptances(evaluated, acceptances, date).result;
  const settled = applyAcceptances(evaluateAssessment(policy, assessment, { date }), acceptances, date);
  for (const warning of settled.warnings) {
    const { file: at, line, column } = warning.acceptance.location;
    io.err(`warning: ${at}:${line}:${column}: ${warning.message[lang]}\n`);
  }
  const result = settled.result;
  const input: ReportInput = {
    tool: { name: 'chanrisk', version: packageInfo().version },
    date,
    lang,
    policy,
    assessment,
    result,
    actions: rankActions(policy, assessment, result, { date }, settle),
    alternatives: compareChannels(policy, assessment, loadBuiltinRoutes(policy.questionnaire).routes, { date, settle }),
  };
  const content = format === 'html' ? htmlPieces(input) : [renderMarkdown(input)];
  const output = options.output ?? defaultOutput(assessment.organisation.name, date, format);
  writeReport(output, content, { force: options.force ?? false, lang });
  io.out(`${say('written', lang, { file: output })}\n`);
  return EXIT.ok;
}

/** --format wins; otherwise an -o ending in .html asks for HTML; otherwise Markdown. */
function reportFormat(options: ReportOptions): ReportFormat {
  if (options.format !== undefined) return parseChoice('--format', options.format, REPORT_FORMATS);
  return options.output && /\.html?$/i.test(options.output) ? 'html' : 'markdown';
}

/** reports/<organisation>-<date>.<ext>; the default folder is created on first use, a folder given with -o is not. */
function defaultOutput(organisation: string, date: string, format: ReportFormat): string {
  mkdirSync(DEFAULT_DIR, { recursive: true });
  return join(DEFAULT_DIR, `${slug(organisation)}-${date}.${EXTENSION[format]}`);
}
