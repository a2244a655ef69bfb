import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Assessment } from '../../src/engine/assessment.js';
import { evaluateAssessment } from '../../src/engine/evaluate.js';
import { riskRank } from '../../src/engine/levels.js';
import type { AssessmentResult } from '../../src/engine/result.js';
import { BAND, rawPoints, scoreOf } from '../../src/engine/score.js';
import { rankActions, whatIf } from '../../src/engine/whatif.js';
import { loadPolicyStrict } from '../../src/policy/load.js';
import type { Policy } from '../../src/policy/model.js';
import { RISK_LEVELS } from '../../src/policy/schema.js';
import { assessmentArbitrary } from './arbitraries.js';
import { fcParams, propertyTimeout } from './fc-params.js';

const DATE = '2026-12-02';
const level = fc.constantFrom(...RISK_LEVELS);
// Up to every finding of the largest platform at the highest cell: far beyond any real plan.
const points = fc.integer({ min: 0, max: 5000 });

let policy: Policy;
beforeAll(() => {
  policy = loadPolicyStrict();
});

const evaluate = (assessment: Assessment): AssessmentResult => evaluateAssessment(policy, assessment, { date: DATE });

describe('score laws', () => {
  it('never shows a lower score for a higher rating, whatever the points', () => {
    fc.assert(
      fc.property(level, points, level, points, (a, pa, b, pb) => {
        if (riskRank(a) > riskRank(b)) expect(scoreOf(a, pa)).toBeGreaterThan(scoreOf(b, pb));
      }),
      fcParams(2000),
    );
  });

  it('stays inside the rating band and below its top, and never falls as points grow', () => {
    fc.assert(
      fc.property(level, points, points, (rating, p, q) => {
        const [low, high] = p <= q ? [p, q] : [q, p];
        expect(Math.floor(scoreOf(rating, high) / BAND)).toBe(riskRank(rating));
        expect(scoreOf(rating, low)).toBeLessThanOrEqual(scoreOf(rating, high));
      }),
      fcParams(2000),
    );
  });

  it('does not saturate: three high findings and ten high findings score differently', () => {
    const high = 27; // significant x significant x 3, the highest cell of "high"
    expect(scoreOf('high', 3 * high)).toBeLessThan(scoreOf('high', 10 * high));
    expect(scoreOf('critical', 5 * 48)).toBeLessThan(scoreOf('critical', 20 * 48));
  });

  it('gives every evaluated target a score in the band of its rating', () => {
    fc.assert(
      fc.property(assessmentArbitrary(policy), (assessment) => {
        const result = evaluate(assessment);
        for (const target of [result, ...result.targets]) expect(Math.floor(target.score / BAND)).toBe(riskRank(target.rating));
        for (const target of result.targets) expect(target.score).toBe(scoreOf(target.rating, rawPoints(target)));
      }),
      fcParams(200),
    );
  }, propertyTimeout(200));

  it('shows a visible change in the what-if for every action that removes its finding', () => {
    const rules = new Map(policy.rules.map((r) => [r.id, r]));
    const violations: string[] = [];
    for (const assessment of fc.sample(assessmentArbitrary(policy), fcParams(40))) {
      const result = evaluate(assessment);
      for (const action of rankActions(policy, assessment, result, { date: DATE })) {
        const mitigation = rules.get(action.finding.rule)?.mitigation;
        const after = mitigation && whatIf(policy, assessment, action.target, mitigation, { date: DATE }).result.targets.find((t) => t.id === action.target);
        if (after?.findings.some((f) => f.rule === action.finding.rule && f.status === 'active')) continue;
        // Rating, score and points are what the action plan prints before and after: one of them must move.
        const moved = action.after.rating !== action.before.rating || action.after.score !== action.before.score || action.after.points !== action.before.points;
        if (!moved) violations.push(`${action.target}/${action.finding.rule}: ${JSON.stringify(action.before)} → ${JSON.stringify(action.after)}`);
      }
    }
    expect(violations.slice(0, 5)).toEqual([]);
  }, propertyTimeout(40));
});
