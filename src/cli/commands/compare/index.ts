import { loadConfigFile } from '../../../config/load.js';
import { applyAcceptances, checkAcceptances } from '../../../engine/acceptance.js';
import { compareChannels } from '../../../engine/compare.js';
import { evaluateAssessment } from '../../../engine/evaluate.js';
import type { AssessmentResult } from '../../../engine/result.js';
import { formatCompareJson } from '../../../format/compare/json.js';
import { formatCompareMarkdown } from '../../../format/compare/markdown.js';
import type { CompareRun } from '../../../format/compare/run.js';
import { formatCompareText } from '../../../format/compare/text.js';
import { loadPolicyStrict } from '../../../policy/load.js';
import { loadBuiltinRoutes } from '../../../routes/load.js';
import { didYouMean } from '../../../util/did-you-mean.js';
import { InputError, InputErrors } from '../../../util/errors.js';
import { packageInfo } from '../../../util/package-root.js';
import { EXIT, type Io } from '../../io.js';
import { parseChoice, parseDate, parseLang } from '../../options.js';

export const COMPARE_FORMATS = ['text', 'json', 'markdown'] as const;

export interface CompareOptions {
  channel?: string[];
  format?: string;
  lang?: string;
  rules?: string[];
  date?: string;
}

/** Weighs every planned channel against the alternative routes in rules/routes.yaml; advisory, so exit 0. */
export function runCompare(file: string, options: CompareOptions, io: Io): number {
  const format = parseChoice('--format', options.format ?? 'text', COMPARE_FORMATS);
  const lang = parseLang(options.lang);
  const date = parseDate(options.date);
  const policy = loadPolicyStrict({ extraDirs: options.rules ?? [] });
  const routes = loadBuiltinRoutes(policy.questionnaire);
  const loaded = loadConfigFile(file, policy.questionnaire);
  for (const warning of loaded.warnings) io.err(`warning: ${warning.format()}\n`);
  const { assessment } = loaded;
  const ids = assessment.channels.map((c) => c.id);
  for (const wanted of options.channel ?? []) {
    if (ids.includes(wanted)) continue;
    const suggestion = didYouMean(wanted, ids);
    throw new InputError(`--channel: no channel "${wanted}" in ${file}`, undefined, `${suggestion ? `did you mean "${suggestion}"? ` : ''}channels: ${ids.join(', ')}`);
  }
  // Accepted risks settle the plan and every route alike, as in `check` and the report.
  const acceptances = assessment.acceptances ?? [];
  const problems = checkAcceptances(acceptances, policy, assessment);
  if (problems.length) throw new InputErrors(problems);
  for (const warning of applyAcceptances(evaluateAssessment(policy, assessment, { date }), acceptances, date).warnings) {
    const { file: at, line, column } = warning.acceptance.location;
    io.err(`warning: ${at}:${line}:${column}: ${warning.message[lang]}\n`);
  }
  const settle = acceptances.length ? { settle: (evaluated: AssessmentResult) => applyAcceptances(evaluated, acceptances, date).result } : {};
  const run: CompareRun = {
    tool: { name: 'chanrisk', version: packageInfo().version },
    date,
    lang,
    questionnaire: policy.questionnaire,
    routes,
    assessment,
    comparisons: compareChannels(policy, assessment, routes.routes, { date, ...settle, ...(options.channel && { channels: options.channel }) }),
  };
  io.out(format === 'json' ? formatCompareJson(run) : format === 'markdown' ? formatCompareMarkdown(run) : formatCompareText(run));
  return EXIT.ok;
}
