import { resolve } from 'node:path';
import { buildFacts } from '../engine/facts.js';
import { conditionTruth } from '../engine/conditions.js';
import { builtinRulesDir } from '../policy/load.js';
import type { LintProblem } from '../policy/lint.js';
import type { Questionnaire } from '../policy/model.js';
import { hasRoutes, loadRoutes, routeProblem, routesFileIn, type RouteSet } from '../policy/routes.js';
import { readSnapshot } from '../policy/snapshot.js';
import { InputError, InputErrors } from '../util/errors.js';
import type { YamlSource } from '../util/yaml-file.js';

/**
 * Proves each answer a route implies applies to the route's platform and integration: its question's condition
 * and its option's condition hold for the route's own answers (an option the platform does not have is an error,
 * not a silent no-op). Evaluating conditions is the engine's, so this check sits above it.
 */
export function lintRouteAnswers(set: RouteSet, questionnaire: Questionnaire, source?: YamlSource): LintProblem[] {
  const problems: LintProblem[] = [];
  set.routes.forEach((route, i) => {
    const facts = buildFacts(questionnaire, 'channel', { ...route.defaults, ...route.facts, platform: route.platform });
    for (const [field, answers] of [['facts', route.facts], ['defaults', route.defaults]] as const) {
      for (const [id, value] of Object.entries(answers)) {
        const question = questionnaire.questions.get(id);
        if (!question || question.scope !== 'channel' || id === 'platform') continue; // reported by lintRoutes
        if (!facts.has(id)) {
          problems.push(routeProblem(set, i, source, [field, id], `"${id}" does not apply to this route (its condition is false for these answers)`));
          continue;
        }
        for (const chosen of Array.isArray(value) ? value : [value]) {
          const option = question.options?.find((o) => o.value === chosen);
          if (option?.when && conditionTruth(option.when, facts) === 'no') {
            problems.push(routeProblem(set, i, source, [field, id], `option "${String(chosen)}" of "${id}" does not apply to ${route.platform}`));
          }
        }
      }
    }
  });
  return problems;
}

/** Loads routes.yaml with every check, structural and by answer. */
export function loadRoutesChecked(file: string, questionnaire: Questionnaire): { routes: RouteSet; problems: LintProblem[] } {
  const { routes, problems, source } = loadRoutes(file, questionnaire);
  return { routes, problems: [...problems, ...lintRouteAnswers(routes, questionnaire, source)] };
}

/** Loads and fails on any lint error. */
export function loadRoutesStrict(file: string, questionnaire: Questionnaire): RouteSet {
  const { routes, problems } = loadRoutesChecked(file, questionnaire);
  const errors = problems.filter((p) => p.severity === 'error');
  if (errors.length) throw new InputErrors(errors.map((p) => new InputError(p.message, p.location)));
  return routes;
}

/** The built-in rules/routes.yaml, failing on any lint error: what `compare` and the report use. */
export function loadBuiltinRoutes(questionnaire: Questionnaire): RouteSet {
  // The build linted the snapshot's routes against the built-in questionnaire, which `--rules` packs cannot change.
  return readSnapshot(builtinRulesDir())?.routes ?? loadRoutesStrict(routesFileIn(builtinRulesDir()), questionnaire);
}

/** The lint problems of a rule set's routes.yaml, if it has one: what `rules lint` adds to the packs' problems. */
export function lintRoutesIn(rulesDir: string | undefined, questionnaire: Questionnaire): LintProblem[] {
  const dir = resolve(rulesDir ?? builtinRulesDir());
  return hasRoutes(dir) ? loadRoutesChecked(routesFileIn(dir), questionnaire).problems : [];
}
