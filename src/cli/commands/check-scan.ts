import type { Io } from '../io.js';
import type { Assessment } from '../../engine/assessment.js';
import type { AssessmentResult } from '../../engine/result.js';
import type { Lang, Policy } from '../../policy/model.js';
import { loadEvidenceCatalogue } from '../../evidence/catalogue.js';
import { scanProblemLines } from '../../evidence/format.js';
import { evaluateWithEvidence } from '../../evidence/merge.js';
import { scanTree } from '../../evidence/scan.js';

/** `check --scan`: scans once, reports what could not be read, and returns the evaluation with evidence merged in. */
export function scanForCheck(dir: string, policy: Policy, date: string, lang: Lang, io: Io): (assessment: Assessment) => AssessmentResult {
  const catalogue = loadEvidenceCatalogue(policy.questionnaire);
  const report = scanTree(dir, catalogue);
  for (const line of scanProblemLines(report, lang)) io.err(`warning: ${line}\n`);
  return (assessment) => evaluateWithEvidence(policy, assessment, report.hits, catalogue.contradiction, { date });
}
