import { existsSync } from 'node:fs';
import { join } from 'node:path';
import * as z from 'zod/mini';
import { InputError, InputErrors, type SourceLocation } from '../util/errors.js';
import { validateWithSchema } from '../util/zod-errors.js';
import { loadYamlFile, type PathSegment, type YamlSource } from '../util/yaml-file.js';
import { parseCondition, type Condition, type SyntaxProblem } from './condition.js';
import { checkAnswer, checkCondition, type LintProblem } from './lint.js';
import type { Questionnaire, Source, Text as TextValue } from './model.js';
import { Source as SourceData, Text } from './schema.js';

/** The alternative routes `compare` weighs: data in rules/routes.yaml, never code. */
export const ROUTES_FILE = 'routes.yaml';

const Id = z.string().check(z.regex(/^[a-z0-9]+(?:[-_][a-z0-9]+)*$/, 'use lower-case letters, digits, "-" and "_"'));
const IsoDate = z.string().check(z.regex(/^\d{4}-\d{2}-\d{2}$/, 'a date as YYYY-MM-DD'));
const Answers = z.record(z.string(), z.unknown());

export const RouteData = z.strictObject({
  id: Id,
  platform: z.string(),
  official: z.boolean(),
  title: Text,
  facts: z.optional(Answers),
  defaults: z.optional(Answers),
  assumptions: z.optional(z.array(Text)),
  cannot_serve: z.optional(z.array(z.strictObject({ when: z.unknown(), reason: Text }))),
  unavailable: z.optional(Text),
  sources: z.array(SourceData).check(z.minLength(1)),
  reviewed: IsoDate,
});

export const RoutesFile = z.strictObject({
  version: z.string(),
  routes: z.array(RouteData).check(z.minLength(1)),
});

export interface RouteLimit {
  when: Condition;
  reason: TextValue;
}

export interface Route {
  id: string;
  platform: string;
  /** False for grey or consumer routes: compared, never recommended. */
  official: boolean;
  title: TextValue;
  /** Answers the route implies, applied over the plan's answers. */
  facts: Record<string, unknown>;
  /** Answers used only where the plan gives none (e.g. a new number's messaging limit). */
  defaults: Record<string, unknown>;
  assumptions: TextValue[];
  cannotServe: RouteLimit[];
  /** Set when the platform offers no business route at all; such a route is listed, not evaluated. */
  unavailable?: TextValue;
  sources: Source[];
  reviewed: string;
  location: SourceLocation;
}

export interface RouteSet {
  version: string;
  file: string;
  routes: Route[];
}

export interface LoadedRoutes {
  routes: RouteSet;
  problems: LintProblem[];
  /** The YAML, to locate problems found later. */
  source: YamlSource;
}

export const routesFileIn = (rulesDir: string): string => join(rulesDir, ROUTES_FILE);
export const hasRoutes = (rulesDir: string): boolean => existsSync(routesFileIn(rulesDir));

/**
 * Loads and validates routes.yaml; malformed data throws, cross-reference problems are returned (as lint does).
 * Whether each answer applies to its route needs the engine: src/routes/load.ts adds that check.
 */
export function loadRoutes(file: string, questionnaire: Questionnaire): LoadedRoutes {
  const source = loadYamlFile(file);
  const { value, errors } = validateWithSchema(RoutesFile, source);
  if (errors.length || !value) throw new InputErrors(errors);
  const routes = value.routes.map((data, i): Route => {
    const path: PathSegment[] = ['routes', i];
    return {
      id: data.id,
      platform: data.platform,
      official: data.official,
      title: data.title,
      facts: data.facts ?? {},
      defaults: data.defaults ?? {},
      assumptions: data.assumptions ?? [],
      cannotServe: (data.cannot_serve ?? []).map((limit, j) => ({ when: conditionOf(limit.when, [...path, 'cannot_serve', j, 'when'], source), reason: limit.reason })),
      ...(data.unavailable && { unavailable: data.unavailable }),
      sources: data.sources,
      reviewed: data.reviewed,
      location: source.locate([...path, 'id']),
    };
  });
  const set: RouteSet = { version: value.version, file, routes };
  return { routes: set, problems: lintRoutes(set, questionnaire, source), source };
}

function conditionOf(data: unknown, path: PathSegment[], source: YamlSource): Condition {
  const problems: SyntaxProblem[] = [];
  const condition = parseCondition(data, path, problems);
  if (problems.length) throw new InputErrors(problems.map((p) => new InputError(p.message, source.locate(p.path))));
  return condition;
}

/** Where in routes.yaml a route's problem lies, as a lint problem. */
export function routeProblem(set: RouteSet, index: number, source: YamlSource | undefined, path: PathSegment[], message: string, severity: LintProblem['severity'] = 'error'): LintProblem {
  const route = set.routes[index];
  return { severity, location: source ? source.locate(['routes', index, ...path]) : (route?.location ?? { file: set.file, line: 1, column: 1 }), message: `route ${route?.id ?? index}: ${message}` };
}

/** Proves every question id and option value a route names exists and is a channel question. */
export function lintRoutes(set: RouteSet, questionnaire: Questionnaire, source?: YamlSource): LintProblem[] {
  const problems: LintProblem[] = [];
  const platforms = questionnaire.questions.get('platform')?.options?.map((o) => o.value) ?? [];
  const seen = new Set<string>();
  set.routes.forEach((route, i) => {
    const at = (path: PathSegment[], message: string, severity: LintProblem['severity'] = 'error') => problems.push(routeProblem(set, i, source, path, message, severity));
    if (seen.has(route.id)) at(['id'], 'duplicate route id');
    seen.add(route.id);
    if (!platforms.includes(route.platform)) at(['platform'], `unknown platform "${route.platform}"`);
    if (route.sources.some((s) => !s.url && !s.citation)) at(['sources'], 'every source needs a url or a citation');
    if (!route.unavailable && !Object.keys(route.facts).length) at(['facts'], 'an available route must imply at least one answer (its integration)');
    for (const [field, answers] of [['facts', route.facts], ['defaults', route.defaults]] as const) {
      for (const [id, value] of Object.entries(answers)) {
        const message = id === 'platform' ? 'set the platform with "platform:", not as an answer' : checkAnswer(id, value, questionnaire);
        if (message) at([field, id], message);
        else if (questionnaire.questions.get(id)?.scope !== 'channel') at([field, id], `"${id}" is an organisation question; a route changes only the channel`);
      }
    }
    route.cannotServe.forEach((limit, j) => {
      for (const message of checkCondition(limit.when, questionnaire, 'channel')) at(['cannot_serve', j, 'when'], message);
    });
    for (const [k, text] of [route.title, ...route.assumptions, ...route.cannotServe.map((l) => l.reason)].entries()) {
      if (text.en === text.de && text.en.length > 40) at([], `text ${k + 1}: the German text equals the English one (untranslated?)`, 'warning');
    }
  });
  return problems;
}
