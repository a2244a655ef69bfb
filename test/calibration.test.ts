import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse, stringify } from 'yaml';
import { parseConfig } from '../src/config/load.js';
import { evaluateAssessment } from '../src/engine/evaluate.js';
import type { AssessmentResult } from '../src/engine/result.js';
import { loadPolicyStrict } from '../src/policy/load.js';
import { RISK_LEVELS, type RiskLevel } from '../src/policy/schema.js';
import { ROOT } from './helpers.js';

/**
 * Consultant-style scenarios (test/calibration/*.yaml): a complete channel config, the rating a careful German
 * data-protection consultant expects, and findings that must and must not appear, each with its legal reason.
 */
const DIR = join(ROOT, 'test', 'calibration');
const DATE = '2026-12-02';

interface Expectation {
  rule: string;
  channel?: string;
  because: string;
}
interface Scenario {
  scenario: string;
  expect: { rating: RiskLevel | { min: RiskLevel; max: RiskLevel }; fire?: Expectation[]; not_fire?: Expectation[] };
  config: unknown;
}

const policy = loadPolicyStrict();
const rank = (level: RiskLevel): number => RISK_LEVELS.indexOf(level);

function readScenario(file: string): Scenario {
  const data = parse(readFileSync(join(DIR, file), 'utf8')) as Partial<Scenario> | null;
  if (!data?.scenario || !data.expect?.rating || !data.config) throw new Error(`${file}: a scenario needs "scenario", "expect.rating" and "config"`);
  for (const item of [...(data.expect.fire ?? []), ...(data.expect.not_fire ?? [])]) {
    if (!item.rule || !item.because) throw new Error(`${file}: every expected finding needs "rule" and "because"`);
  }
  return data as Scenario;
}

/** The config goes through the same loader as `chanrisk check`, so a scenario can only use answers a client could give. */
function evaluate(file: string, scenario: Scenario): AssessmentResult {
  const { assessment } = parseConfig(stringify(scenario.config), `${file}#config`, policy.questionnaire);
  return evaluateAssessment(policy, assessment, { date: DATE });
}

function firedOn(result: AssessmentResult, item: Expectation): boolean {
  return result.targets.some((t) => (!item.channel || t.id === item.channel) && t.findings.some((f) => f.rule === item.rule));
}

const files = readdirSync(DIR).filter((f) => f.endsWith('.yaml')).sort();

describe('calibration scenarios', () => {
  it('has the scenarios the law packs are calibrated against', () => {
    expect(files.filter((f) => f.startsWith('a-')).length).toBeGreaterThanOrEqual(16);
  });

  for (const file of files) {
    const scenario = readScenario(file);
    it(`${file}: ${scenario.scenario}`, () => {
      const result = evaluate(file, scenario);
      const where = (item: Expectation): string => `${item.rule}${item.channel ? ` on ${item.channel}` : ''}`;
      const fired = result.targets.flatMap((t) => t.findings.map((f) => `${t.id}: ${f.rule} (${f.level})`));
      for (const item of scenario.expect.fire ?? []) {
        expect(firedOn(result, item), `${file}: expected ${where(item)} to fire — ${item.because}\nfired: ${fired.join('; ')}`).toBe(true);
      }
      for (const item of scenario.expect.not_fire ?? []) {
        expect(firedOn(result, item), `${file}: expected ${where(item)} NOT to fire — ${item.because}`).toBe(false);
      }
      const { rating } = scenario.expect;
      const [min, max] = typeof rating === 'string' ? [rating, rating] : [rating.min, rating.max];
      const inBand = rank(result.rating) >= rank(min) && rank(result.rating) <= rank(max);
      expect(inBand, `${file}: rating ${result.rating}, expected ${min === max ? min : `${min}..${max}`}\nfired: ${fired.join('; ')}`).toBe(true);
    });
  }
});
