import { loadConfigFile } from '../../config/load.js';
import { evaluateAssessment } from '../../engine/evaluate.js';
import { FAIL_ON_VALUES, summarize, type FailOn } from '../../engine/gate.js';
import { formatJson } from '../../format/json.js';
import type { CheckRun } from '../../format/run.js';
import { formatText } from '../../format/text.js';
import { loadPolicyStrict } from '../../policy/load.js';
import { packageInfo } from '../../util/package-root.js';
import { EXIT, type Io } from '../io.js';
import { parseChoice, parseDate, parseLang } from '../options.js';

export const CHECK_FORMATS = ['text', 'json'] as const;

export interface CheckOptions {
  format?: string;
  failOn?: string;
  lang?: string;
  rules?: string[];
  date?: string;
}

export const checkExamples = `
Examples:
  $ chanrisk check examples/whatsapp-cloud-api-service.yaml
  $ chanrisk check configs/*.yaml --format json > chanrisk.json
  $ chanrisk check channels.yaml --fail-on critical --lang de
  $ chanrisk check channels.yaml --rules ./our-packs --date 2026-12-31

Exit codes: 0 no active finding at or above --fail-on, 1 at least one, 2 usage, config or rule-pack error.`;

/** Evaluates every config; the exit code gates a build. */
export function runCheck(files: string[], options: CheckOptions, io: Io): number {
  const format = parseChoice('--format', options.format ?? 'text', CHECK_FORMATS);
  const failOn = parseChoice('--fail-on', options.failOn ?? 'high', FAIL_ON_VALUES) as FailOn;
  const lang = parseLang(options.lang);
  const date = parseDate(options.date);
  const policy = loadPolicyStrict({ extraDirs: options.rules ?? [] });
  const loaded = files.map((file) => loadConfigFile(file, policy.questionnaire));
  for (const warning of loaded.flatMap((l) => l.warnings)) io.err(`warning: ${warning.format()}\n`);
  const assessments = loaded.map((l) => l.assessment);
  const run: CheckRun = {
    tool: { name: 'chanrisk', version: packageInfo().version },
    date,
    lang,
    failOn,
    policy,
    assessments,
    results: assessments.map((assessment) => evaluateAssessment(policy, assessment, { date })),
  };
  io.out(format === 'json' ? formatJson(run) : formatText(run));
  return summarize(run.results, failOn).failing > 0 ? EXIT.findings : EXIT.ok;
}
