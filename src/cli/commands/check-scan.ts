import type { Io } from '../io.js';
import type { Assessment } from '../../engine/assessment.js';
import type { AssessmentResult } from '../../engine/result.js';
import type { Lang, Policy } from '../../policy/model.js';
import { loadEvidenceCatalogue } from '../../evidence/catalogue.js';
import { scanNoticeLines } from '../../evidence/format.js';
import { evaluateWithEvidence } from '../../evidence/merge.js';
import { scanTree } from '../../evidence/scan.js';

/** `check --scan`: scans once, reports what could not be read or was skipped, and returns the evaluation with evidence merged in. */
export async function scanForCheck(
  dir: string,
  exclude: readonly string[],
  policy: Policy,
  date: string,
  lang: Lang,
  io: Io,
): Promise<(assessment: Assessment) => AssessmentResult> {
  const catalogue = loadEvidenceCatalogue(policy.questionnaire);
  const report = await scanTree(dir, catalogue, { exclude });
  for (const line of scanNoticeLines(report, lang, true)) io.err(`${line}\n`);
  return (assessment) => evaluateWithEvidence(policy, assessment, report.hits, catalogue.contradiction, { date });
}
