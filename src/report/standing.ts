import { riskRank } from '../engine/levels.js';
import { levelName } from '../messages.js';
import type { Lang, RiskLevel } from '../policy/model.js';
import { w } from './messages.js';
import type { PlanStep } from './model.js';

// Every place the report shows a score or a rating change goes through this module, so a new scoring model
// changes the report here alone.

const capital = (value: string): string => value.charAt(0).toUpperCase() + value.slice(1);
export const levelLabel = (level: RiskLevel, lang: Lang): string => capital(levelName(level, lang));

/** A score as the tables show it: "72" (0-99, in the band of its rating). */
export const scoreText = (score: number): string => String(score);

/** A rating with its score inside a sentence: "critical (97)". */
export const standingPhrase = (rating: RiskLevel, score: number, lang: Lang): string => `${levelName(rating, lang)} (${scoreText(score)})`;

/** A rating with its score in a table or heading: "Critical, 97". */
export const standingText = (rating: RiskLevel, score: number, lang: Lang): string => `${levelLabel(rating, lang)}, ${scoreText(score)}`;

/**
 * What a step of the plan changes, in words a reader sees at once: the rating change of the channel where the
 * rating drops (in bold), and the finding points it removes across its channels.
 */
export function effectText(step: PlanStep, lang: Lang): string {
  const drop = step.actions.find((a) => riskRank(a.after.rating) < riskRank(a.before.rating));
  const parts = [
    ...(drop ? [`**${levelLabel(drop.before.rating, lang)} → ${levelLabel(drop.after.rating, lang)}**`] : []),
    step.removed > 0 ? w('pointsRemoved', lang, { points: String(step.removed) }) : w('noEffect', lang),
  ];
  return parts.join('; ');
}
