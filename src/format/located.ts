import { fails } from '../engine/gate.js';
import type { AssessmentResult, Finding, TargetResult } from '../engine/result.js';
import type { SourceLocation } from '../util/errors.js';
import { repoRelativePath } from '../util/repo-path.js';
import type { CheckRun } from './run.js';

/** One finding with everything a located output format needs. */
export interface LocatedFinding {
  result: AssessmentResult;
  target: TargetResult;
  finding: Finding;
  /** Where the answer that triggered it stands in the config (the channel's platform line as a fallback). */
  location: SourceLocation;
  /** True when this finding fails the build: active, at or above --fail-on, and not already in the baseline. */
  failing: boolean;
}

/** Whether a finding fails the build, the one gate every format and the exit code share. */
export function isFailing(run: CheckRun, finding: Finding): boolean {
  if (finding.status !== 'active' || !fails(finding, run.failOn)) return false;
  return run.baseline ? run.baseline.get(finding) !== 'known' : true;
}

export function locateTrigger(run: CheckRun, index: number, target: string, question: string): SourceLocation | undefined {
  const locations = run.assessments[index]?.locations ?? {};
  return locations[`${target}/${question}`] ?? locations[`organisation/${question}`];
}

/** Every finding of the run with its location, config by config, made one at a time. */
export function* locatedFindings(run: CheckRun): Generator<LocatedFinding> {
  for (const [index, result] of run.results.entries()) {
    for (const target of result.targets) yield* locateTargetFindings(run, index, result, target);
  }
}

/** The findings of one target of `result`, the config at `index`, located. */
export function locateTargetFindings(run: CheckRun, index: number, result: AssessmentResult, target: TargetResult): LocatedFinding[] {
  return target.findings.map((finding) => {
    const location =
      finding.triggers.map((t) => locateTrigger(run, index, target.id, t.question)).find(Boolean) ??
      locateTrigger(run, index, target.id, 'platform') ?? { file: result.file, line: 1, column: 1 };
    return { result, target, finding, location: { ...location, file: repoRelativePath(location.file) }, failing: isFailing(run, finding) };
  });
}

/** How many findings fail the build: the exit code and every format's verdict. */
export function failingCount(run: CheckRun): number {
  let count = 0;
  for (const result of run.results) {
    for (const target of result.targets) count += target.findings.filter((finding) => isFailing(run, finding)).length;
  }
  return count;
}

/** The first source with a URL: the rule's help link. */
export const helpUri = (finding: Finding): string | undefined => finding.sources.find((s) => s.url)?.url;
