import { readdirSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { InputError, InputErrors } from '../util/errors.js';
import { packageInfo } from '../util/package-root.js';
import { validateWithSchema } from '../util/zod-errors.js';
import { loadYamlFile, type PathSegment, type YamlSource } from '../util/yaml-file.js';
import { withApplicability } from './applicability.js';
import { parseCondition, type Condition, type SyntaxProblem } from './condition.js';
import { lintPolicy, type LintProblem } from './lint.js';
import type { Jurisdiction, Modifier, Pack, Policy, Question, Questionnaire, Reach, Rule, Scale } from './model.js';
import { PackFile, QuestionnaireFile, Scale as ScaleData } from './schema.js';
import { readSnapshot } from './snapshot.js';
import { oldestCheck } from './sources.js';
import type * as z from 'zod/mini';

export const QUESTIONNAIRE_FILE = 'questionnaire.yaml';

export function builtinRulesDir(): string {
  return join(packageInfo().root, 'rules');
}

export interface LoadedPolicy {
  policy: Policy;
  problems: LintProblem[];
}

/**
 * Loads the questionnaire and the packs, validates them and runs the cross-reference lint.
 * Throws InputErrors when any pack is malformed; lint problems are returned for the caller to judge.
 */
export function loadPolicy(options: { rulesDir?: string; extraDirs?: string[]; today?: string; failPastDue?: boolean } = {}): LoadedPolicy {
  const rulesDir = resolve(options.rulesDir ?? builtinRulesDir());
  const builtin = options.rulesDir === undefined;
  const questionnaire = loadQuestionnaire(join(rulesDir, QUESTIONNAIRE_FILE));
  const packs = [
    ...packFiles(join(rulesDir, 'packs')).map((file) => loadPack(file, builtin)),
    ...(options.extraDirs ?? []).flatMap((dir) => packFiles(resolve(dir)).map((file) => loadPack(file, false))),
  ].map((pack) => withPackApplicability(pack, questionnaire));
  const problems = lintPolicy(questionnaire, packs, options);
  const rules = applyOverrides(packs);
  return { policy: { questionnaire, packs, rules }, problems };
}

/** Loads, and fails on any lint error: what `check` and `report` use. */
export function loadPolicyStrict(options: Parameters<typeof loadPolicy>[0] = {}): Policy {
  // The built-in rules alone: the snapshot the build made with this loader and lint, while the YAML is unchanged.
  if (options.rulesDir === undefined && !options.extraDirs?.length && options.today === undefined) {
    const snapshot = readSnapshot(builtinRulesDir());
    if (snapshot) return snapshot.policy;
  }
  const { policy, problems } = loadPolicy(options);
  const errors = problems.filter((p) => p.severity === 'error');
  if (errors.length) throw new InputErrors(errors.map((p) => new InputError(p.message, p.location)));
  return policy;
}

function packFiles(dir: string): string[] {
  let entries: string[];
  try {
    if (!statSync(dir).isDirectory()) throw new InputError(`${dir} is not a directory`, undefined, '--rules takes a folder of *.yaml packs');
    entries = readdirSync(dir);
  } catch (error) {
    if (error instanceof InputError) throw error;
    throw new InputError(`cannot read the rules folder ${dir} (${(error as NodeJS.ErrnoException).code ?? 'error'})`);
  }
  return entries.filter((name) => /\.ya?ml$/.test(name)).sort().map((name) => join(dir, name));
}

function validated<T>(schema: z.ZodMiniType<T>, source: YamlSource): T {
  const { value, errors } = validateWithSchema(schema, source);
  if (errors.length || value === undefined) throw new InputErrors(errors);
  return value;
}

function conditionOf(data: unknown, path: PathSegment[], source: YamlSource): Condition {
  const problems: SyntaxProblem[] = [];
  const condition = parseCondition(data, path, problems);
  if (problems.length) throw new InputErrors(problems.map((p) => new InputError(p.message, source.locate(p.path))));
  return condition;
}

export function loadQuestionnaire(file: string): Questionnaire {
  const source = loadYamlFile(file);
  const data = validated(QuestionnaireFile, source);
  const questions = new Map<string, Question>();
  const sections = data.sections.map((section, s) => ({
    id: section.id,
    scope: section.scope,
    title: section.title,
    questions: section.questions.map((q, i) => {
      const path: PathSegment[] = ['sections', s, 'questions', i];
      const question: Question = {
        id: q.id,
        scope: section.scope,
        section: section.id,
        type: q.type,
        title: q.title,
        help: q.help,
        dontKnow: q.dont_know ?? true,
        ...(q.options && {
          options: q.options.map((o, j) => ({
            value: o.value,
            label: o.label,
            ...(o.help && { help: o.help }),
            ...(o.when !== undefined && { when: conditionOf(o.when, [...path, 'options', j, 'when'], source) }),
          })),
        }),
        ...(q.when !== undefined && { when: conditionOf(q.when, [...path, 'when'], source) }),
        ...(q.min !== undefined && { min: q.min }),
        ...(q.max !== undefined && { max: q.max }),
        ...(q.unit && { unit: q.unit }),
        ...(q.provider_bound && { providerBound: true }),
      };
      if (questions.has(q.id)) throw new InputError(`question id "${q.id}" is used twice`, source.locate([...path, 'id']));
      questions.set(q.id, question);
      return question;
    }),
  }));
  const jurisdictions = (data.jurisdictions ?? []).map((j, i): Jurisdiction => {
    const path: PathSegment[] = ['jurisdictions', i, 'reach'];
    const reach = (kind: Reach): Condition => conditionOf(j.reach[kind], [...path, kind], source);
    return { id: j.id, name: j.name, reach: { seat: reach('seat'), establishment: reach('establishment'), market: reach('market') } };
  });
  return { version: data.version, file, sections, questions, jurisdictions };
}

/** Each rule's applicability made once (./applicability.ts). */
function withPackApplicability(pack: Pack, questionnaire: Questionnaire): Pack {
  return { ...pack, rules: pack.rules.map((rule) => withApplicability(rule, questionnaire.jurisdictions)) };
}

function scaleOf(data: z.infer<typeof ScaleData>, path: PathSegment[], source: YamlSource): Scale {
  if (typeof data === 'string') return { base: data, modifiers: [] };
  return {
    base: data.base,
    modifiers: (data.modifiers ?? []).map((m, i): Modifier => {
      if ([m.raise, m.lower, m.set].filter((x) => x !== undefined).length !== 1) {
        throw new InputError('a modifier takes exactly one of raise, lower or set', source.locate([...path, 'modifiers', i]));
      }
      return {
        when: conditionOf(m.when, [...path, 'modifiers', i, 'when'], source),
        reason: m.reason,
        ...(m.raise !== undefined && { raise: m.raise }),
        ...(m.lower !== undefined && { lower: m.lower }),
        ...(m.set !== undefined && { set: m.set }),
      };
    }),
  };
}

export function loadPack(file: string, builtin: boolean): Pack {
  const source = loadYamlFile(file);
  const data = validated(PackFile, source);
  const packId = data.pack.id;
  const rules = (data.rules ?? []).map((r, i): Rule => {
    const path: PathSegment[] = ['rules', i];
    return {
      id: r.id,
      pack: packId,
      location: source.locate([...path, 'id']),
      area: r.area,
      scope: r.scope ?? 'channel',
      channels: r.channels,
      title: r.title,
      ...(r.law && { law: { jurisdiction: r.law.jurisdiction, reach: typeof r.law.reach === 'string' ? [r.law.reach] : r.law.reach } }),
      ...(r.applies !== undefined && { applies: conditionOf(r.applies, [...path, 'applies'], source) }),
      // Without a condition the situation (`applies`) is the breach; the lint requires one of the two.
      condition: r.condition === undefined ? { all: [] } : conditionOf(r.condition, [...path, 'condition'], source),
      ...(r.supersedes && { supersedes: r.supersedes }),
      impact: scaleOf(r.impact, [...path, 'impact'], source),
      likelihood: scaleOf(r.likelihood, [...path, 'likelihood'], source),
      finding: r.finding,
      recommendation: r.recommendation,
      mitigation: r.mitigation,
      ...(r.uncertainty && { uncertainty: r.uncertainty }),
      sources: r.sources,
      reviewed: oldestCheck(r.sources),
      reviewDays: r.review_days,
      waivable: r.waivable,
      ...(r.effective_from && { effectiveFrom: r.effective_from }),
      ...(r.effective_until && { effectiveUntil: r.effective_until }),
      tests: r.tests,
    };
  });
  const overrides = (data.overrides ?? []).map((o, i) => ({ ...o, pack: packId, location: source.locate(['overrides', i, 'rule']) }));
  return { id: packId, title: data.pack.title, version: data.pack.version, file, builtin, rules, overrides };
}

/** An organisation's pack may re-level or switch off a waivable rule; lint has already refused the rest. */
function applyOverrides(packs: Pack[]): Rule[] {
  const overrides = new Map(packs.flatMap((p) => p.overrides).map((o) => [o.rule, o]));
  return packs
    .flatMap((p) => p.rules)
    .flatMap((rule) => {
      const override = overrides.get(rule.id);
      if (!override || !rule.waivable) return [rule];
      if (override.disabled) return [];
      return [override.level ? { ...rule, levelOverride: override.level } : rule];
    });
}
