import type { Parameters } from 'fast-check';

/**
 * CI runs every property with a fixed seed, so a red build is reproducible. A longer random run (the nightly size):
 *   FC_SEED=random FC_RUNS=20000 npx vitest run test/property
 * A failure prints its seed and path; rerun exactly that case with FC_SEED=<seed>.
 */
export function fcParams<T>(defaultRuns: number): Parameters<T> {
  const seed = process.env.FC_SEED;
  const runs = Number(process.env.FC_RUNS);
  return {
    ...(seed === 'random' ? {} : { seed: seed === undefined ? 20261127 : Number(seed) }),
    numRuns: Number.isInteger(runs) && runs > 0 ? runs : defaultRuns,
  };
}

/** Vitest time limit for a property: generous for nightly-size runs. */
export const propertyTimeout = (defaultRuns: number): number => Math.max(60_000, ((Number(process.env.FC_RUNS) || defaultRuns) / defaultRuns) * 60_000);
