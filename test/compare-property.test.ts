import fc from 'fast-check';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Assessment } from '../src/engine/assessment.js';
import { compareChannels } from '../src/engine/compare.js';
import { riskRank } from '../src/engine/levels.js';
import { loadPolicyStrict } from '../src/policy/load.js';
import { loadRoutesStrict } from '../src/routes/load.js';
import { ROOT } from './helpers.js';

const FIXTURE = join(ROOT, 'test/fixtures/rules-compare');
const policy = loadPolicyStrict({ rulesDir: FIXTURE });
const routes = loadRoutesStrict(join(FIXTURE, 'routes.yaml'), policy.questionnaire).routes;
const RUNS = { seed: Number(process.env.FC_SEED ?? 20261127), numRuns: Number(process.env.FC_RUNS ?? 300) };

const maybe = <T>(arb: fc.Arbitrary<T>) => fc.option(fc.oneof(arb, fc.constant('unknown' as const)), { nil: undefined });
const plan = fc.record({
  sector: fc.constantFrom('health', 'retail'),
  platform: fc.constantFrom('whatsapp', 'threema', 'sms'),
  integration: fc.constantFrom('official', 'grey', 'app'),
  hosting: maybe(fc.constantFrom('eu', 'us')),
  purposes: maybe(fc.subarray(['service', 'marketing', 'documents'])),
  consent: maybe(fc.boolean()),
  archive: maybe(fc.boolean()),
});

function assessmentOf(p: typeof plan extends fc.Arbitrary<infer T> ? T : never): Assessment {
  const { sector, platform, ...answers } = p;
  const defined = Object.fromEntries(Object.entries(answers).filter(([, v]) => v !== undefined));
  return { file: 'p.yaml', organisation: { name: 'P', answers: { sector }, notes: {} }, channels: [{ id: 'c', platform, answers: defined, notes: {} }], locations: {} };
}

describe('recommendation properties (random plans on the fixture)', () => {
  it('recommends only an official route that serves the plan, passing over a lower-rated one only for a risk of its own; none only when it must', () => {
    fc.assert(
      fc.property(plan, (p) => {
        const [c] = compareChannels(policy, assessmentOf(p), routes, { date: '2026-11-27' });
        if (!c) return;
        const candidates = c.routes.filter((o) => o.route.official && o.serves && o.evaluation);
        const rec = c.recommendation;
        if (rec.reason === 'no_route_serves') expect(candidates).toEqual([]);
        if (rec.kind === 'switch' || (rec.kind === 'keep' && rec.reason === 'lowest_risk')) {
          const chosen = candidates.find((o) => o.route.id === rec.route);
          expect(chosen).toBeDefined();
          const rank = (o: (typeof candidates)[number] | undefined) => riskRank(o?.evaluation?.target.rating ?? 'critical');
          const fromPlan = new Set(c.planRisks.map((f) => f.rule));
          for (const lower of candidates.filter((o) => rank(o) < rank(chosen))) {
            const own = lower.evaluation?.target.findings.filter((f) => f.status === 'active' && riskRank(f.level) >= riskRank('high') && !fromPlan.has(f.rule));
            expect(own?.length).toBeGreaterThan(0);
          }
        }
        if (rec.kind !== 'none') expect(rec.ownRisks).toEqual([]);
        expect(compareChannels(policy, assessmentOf(p), routes, { date: '2026-11-27' })).toEqual([c]);
      }),
      RUNS,
    );
  });
});
