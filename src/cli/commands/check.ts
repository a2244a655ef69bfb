import { findProjectFile } from '../../config/project-locate.js';
import { loadConfigFile } from '../../config/load.js';
import { applyAcceptances, checkAcceptances, type AcceptableRule } from '../../engine/acceptance.js';
import type { Assessment } from '../../engine/assessment.js';
import { compareWithBaseline, createBaseline } from '../../engine/baseline.js';
import { evaluateAssessment } from '../../engine/evaluate.js';
import { FAIL_ON_VALUES, type FailOn } from '../../engine/gate.js';
import type { AssessmentResult } from '../../engine/result.js';
import { batched, type Chunks } from '../../format/chunks.js';
import { formatGithub } from '../../format/github.js';
import { formatJson } from '../../format/json.js';
import { formatJunit } from '../../format/junit.js';
import { failingCount } from '../../format/located.js';
import { formatMarkdown } from '../../format/markdown.js';
import type { CheckRun } from '../../format/run.js';
import { formatSarif } from '../../format/sarif.js';
import { formatText } from '../../format/text.js';
import { loadPolicyStrict } from '../../policy/load.js';
import type { Policy } from '../../policy/model.js';
import { writeFileAtomic, writeFileAtomicChunks } from '../../util/atomic-write.js';
import { InputErrors } from '../../util/errors.js';
import { packageInfo } from '../../util/package-root.js';
import { repoRelativePath } from '../../util/repo-path.js';
import { EXIT, type Io } from '../io.js';
import { parseChoice, parseDate, parseLang } from '../options.js';
import { readBaseline } from './baseline-file.js';

export const CHECK_FORMATS = ['text', 'json', 'sarif', 'junit', 'github', 'markdown'] as const;
const FORMATTERS: Record<(typeof CHECK_FORMATS)[number], (run: CheckRun) => Chunks> = {
  text: formatText,
  json: formatJson,
  sarif: formatSarif,
  junit: formatJunit,
  github: formatGithub,
  markdown: formatMarkdown,
};

export interface CheckOptions {
  format?: string;
  failOn?: string;
  lang?: string;
  rules?: string[];
  date?: string;
  output?: string;
  /** false with --no-acceptances: the unwaived picture for audits. */
  acceptances?: boolean;
  baseline?: string;
  writeBaseline?: string;
  scan?: string;
  /** --scan-exclude (repeatable; `scan_exclude` in .chanrisk.yaml): globs the scan leaves out besides the defaults. */
  scanExclude?: string[];
}

export const checkExamples = `
Examples:
  $ chanrisk check                      # the configs of .chanrisk.yaml, else ./chanrisk.yaml
  $ chanrisk check examples/whatsapp-cloud-api-service.yaml
  $ chanrisk check configs/*.yaml --format json > chanrisk.json
  $ chanrisk check channels.yaml --fail-on critical --lang de
  $ chanrisk check channels.yaml --rules ./our-packs --date 2026-12-31
  $ chanrisk check channels.yaml --format sarif -o chanrisk.sarif
  $ chanrisk check channels.yaml --scan . --format github
  $ chanrisk check channels.yaml --write-baseline .chanrisk-baseline.json
  $ chanrisk check channels.yaml --baseline .chanrisk-baseline.json

Exit codes: 0 no active finding at or above --fail-on, 1 at least one, 2 usage, config or rule-pack error.`;

/** Evaluates every config; the exit code gates a build. Without a config named, the project file says what to check. */
export async function runCheck(named: string[], flags: CheckOptions, io: Io): Promise<number> {
  const { files, options } = await withProjectFile(named, flags);
  const format = parseChoice('--format', options.format ?? 'text', CHECK_FORMATS);
  const failOn = parseChoice('--fail-on', options.failOn ?? 'high', FAIL_ON_VALUES) as FailOn;
  const lang = parseLang(options.lang);
  const date = parseDate(options.date);
  const baseline = options.baseline === undefined ? undefined : readBaseline(options.baseline, lang);
  if (baseline?.warning) io.err(`warning: ${baseline.warning}\n`);
  const policy = loadPolicyStrict({ extraDirs: options.rules ?? [] });
  // Keep only the assessment and warnings: the parsed YAML documents of a thousand configs would stay in memory.
  const loaded = files.map((file) => {
    const { assessment, warnings } = loadConfigFile(file, policy.questionnaire);
    return { assessment, warnings };
  });
  for (const warning of loaded.flatMap((l) => l.warnings)) io.err(`warning: ${warning.format()}\n`);
  const assessments = loaded.map((l) => l.assessment);
  const extraRules = await evidenceRules(assessments, policy);
  const problems = assessments.flatMap((a) => checkAcceptances(a.acceptances ?? [], policy, a, extraRules));
  if (problems.length) throw new InputErrors(problems);

  const evaluate = options.scan === undefined ? plainEvaluation(policy, date) : await evidenceEvaluation(options.scan, options.scanExclude ?? [], policy, date, lang, io);
  const results = assessments.map((assessment) => {
    const result = evaluate(assessment);
    if (options.acceptances === false) return result;
    const accepted = applyAcceptances(result, assessment.acceptances ?? [], date);
    for (const warning of accepted.warnings) {
      const { file, line, column } = warning.acceptance.location;
      io.err(`warning: ${file}:${line}:${column}: ${warning.message[lang]}\n`);
    }
    return accepted.result;
  });

  // Repository paths, not the paths as typed: fingerprints and CI reports must not depend on the working folder.
  const configPaths = files.map((file) => repoRelativePath(file));
  const run: CheckRun = { tool: { name: 'chanrisk', version: packageInfo().version }, date, lang, failOn, policy, assessments, results };
  if (options.writeBaseline !== undefined) {
    const written = createBaseline(results, configPaths, date);
    writeFileAtomic(options.writeBaseline, `${JSON.stringify(written, null, 2)}\n`, '--write-baseline');
    // Everything recorded is known from now on, so the build passes as it will next time.
    run.baseline = compareWithBaseline(results, configPaths, written);
  } else if (baseline) run.baseline = compareWithBaseline(results, configPaths, baseline.baseline);

  // Everything is read and checked by now: the output is made and written piece by piece, never held whole.
  const output = batched(FORMATTERS[format](run));
  if (options.output !== undefined) writeFileAtomicChunks(options.output, output, '--output');
  else {
    for (const chunk of output) {
      io.out(chunk);
      await io.ready?.();
      if (io.outClosed?.()) break;
    }
  }
  return failingCount(run) > 0 ? EXIT.findings : EXIT.ok;
}

/**
 * The configs and options as the command line and the project file give them: named configs replace the file's list,
 * a flag overrides the file's setting, and every other setting of the file (scan, baseline, rules…) still holds — so a
 * pre-commit hook naming the staged configs is judged as CI judges them. The file's code loads only where it is needed.
 */
async function withProjectFile(named: string[], flags: CheckOptions): Promise<{ files: string[]; options: CheckOptions }> {
  if (named.length && findProjectFile() === undefined) return { files: named, options: flags };
  const { projectSettings } = await import('../../config/project-file.js');
  const { configs, ...settings } = projectSettings(process.cwd(), { configsNamed: named.length > 0 });
  const given = Object.fromEntries(Object.entries(flags).filter(([, value]) => value !== undefined));
  return { files: named.length ? named : configs, options: { ...settings, ...given } };
}

function plainEvaluation(policy: Policy, date: string): (assessment: Assessment) => AssessmentResult {
  return (assessment) => evaluateAssessment(policy, assessment, { date });
}

/** The evidence contradiction may be accepted too; its library list loads only when an entry names a rule the policy lacks. */
async function evidenceRules(assessments: Assessment[], policy: Policy): Promise<AcceptableRule[]> {
  const known = new Set(policy.rules.map((r) => r.id));
  if (!assessments.some((a) => a.acceptances?.some((entry) => !known.has(entry.rule)))) return [];
  const { acceptableEvidenceRules } = await import('../../evidence/catalogue.js');
  return acceptableEvidenceRules(assessments, policy);
}

/** --scan: the evidence modules load only here, so a plain check stays fast. */
async function evidenceEvaluation(dir: string, exclude: string[], policy: Policy, date: string, lang: CheckRun['lang'], io: Io): Promise<(assessment: Assessment) => AssessmentResult> {
  const { scanForCheck } = await import('./check-scan.js');
  return scanForCheck(dir, exclude, policy, date, lang, io);
}
