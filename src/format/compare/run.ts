import type { Assessment } from '../../engine/assessment.js';
import type { ChannelComparison } from '../../engine/compare.js';
import type { Lang, Questionnaire } from '../../policy/model.js';
import type { RouteSet } from '../../policy/routes.js';

/** Everything an output format of `compare` may show. */
export interface CompareRun {
  tool: { name: 'chanrisk'; version: string };
  date: string;
  lang: Lang;
  questionnaire: Questionnaire;
  routes: RouteSet;
  assessment: Assessment;
  comparisons: ChannelComparison[];
}
