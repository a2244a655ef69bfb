import type { Assessment } from '../engine/assessment.js';
import type { FailOn } from '../engine/gate.js';
import type { BaselineState } from '../engine/baseline.js';
import type { AssessmentResult, Finding } from '../engine/result.js';
import type { Lang, Policy } from '../policy/model.js';

/** Everything an output format of `check` may show: the results plus how they were produced. */
export interface CheckRun {
  tool: { name: 'chanrisk'; version: string };
  date: string;
  lang: Lang;
  failOn: FailOn;
  policy: Policy;
  assessments: Assessment[];
  results: AssessmentResult[];
  /** With `--baseline`: each finding's state; only new or raised findings fail the build. */
  baseline?: Map<Finding, BaselineState>;
}
