import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import * as z from 'zod/mini';
import { builtinRulesDir } from '../policy/load.js';
import type { LintProblem } from '../policy/lint.js';
import type { AcceptableRule } from '../engine/acceptance.js';
import type { Assessment } from '../engine/assessment.js';
import type { Policy, Questionnaire } from '../policy/model.js';
import { AREAS, IMPACT_LEVELS, Source, Text } from '../policy/schema.js';
import { InputError, InputErrors, isInputProblem } from '../util/errors.js';
import { loadYamlFile } from '../util/yaml-file.js';
import { validateWithSchema } from '../util/zod-errors.js';

export const ECOSYSTEMS = ['npm', 'pypi', 'go', 'composer', 'rubygems', 'maven'] as const;
export type Ecosystem = (typeof ECOSYSTEMS)[number];
export const KINDS = ['official', 'partner', 'unofficial', 'bot', 'user_account'] as const;
export type Kind = (typeof KINDS)[number];
/** Kinds whose presence in the code means a grey integration, whatever the config says. */
export const GREY_KINDS: readonly Kind[] = ['unofficial', 'user_account'];

const Names = z.optional(z.array(z.string().check(z.minLength(1))).check(z.minLength(1)));
const Library = z.strictObject({
  id: z.string().check(z.regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, 'lower-case letters, digits and "-"')),
  platforms: z.array(z.string()).check(z.minLength(1)),
  kind: z.enum(KINDS),
  integration: z.string(),
  packages: z.strictObject(Object.fromEntries(ECOSYSTEMS.map((e) => [e, Names])) as Record<Ecosystem, typeof Names>),
  note: Text,
});
const Contradiction = z.strictObject({
  id: z.string(),
  area: z.enum(AREAS),
  impact: z.enum(IMPACT_LEVELS),
  likelihood: z.enum(IMPACT_LEVELS),
  title: Text,
  finding: Text,
  recommendation: Text,
  sources: z.array(Source).check(z.minLength(1)),
  reviewed: z.string().check(z.regex(/^\d{4}-\d{2}-\d{2}$/, 'a date YYYY-MM-DD')),
  waivable: z.boolean(),
});
const EvidenceFile = z.strictObject({ version: z.string(), libraries: z.array(Library).check(z.minLength(1)), contradiction: Contradiction });

export type EvidenceLibrary = z.infer<typeof Library>;
export type ContradictionRule = z.infer<typeof Contradiction>;

export interface EvidenceCatalogue {
  version: string;
  libraries: EvidenceLibrary[];
  contradiction: ContradictionRule;
  /** "<ecosystem>:<normalised package name>" → library. */
  byPackage: Map<string, EvidenceLibrary>;
}

export const EVIDENCE_FILE = 'evidence.yaml';

/** PyPI names compare case-insensitively with runs of "-", "_" and "." equal (PEP 503). */
export const normaliseName = (ecosystem: Ecosystem, name: string): string =>
  ecosystem === 'pypi' ? name.toLowerCase().replace(/[-_.]+/g, '-') : ecosystem === 'go' ? name : name.toLowerCase();

/** Loads and validates the library list; platform and integration values must exist in the questionnaire. */
export function loadEvidenceCatalogue(questionnaire?: Questionnaire, file = join(builtinRulesDir(), EVIDENCE_FILE)): EvidenceCatalogue {
  const source = loadYamlFile(file);
  const { value, errors } = validateWithSchema(EvidenceFile, source);
  if (!value) throw new InputErrors(errors);
  const problems: InputError[] = [];
  const platforms = questionnaire?.questions.get('platform')?.options?.map((o) => o.value);
  const integrations = questionnaire?.questions.get('integration')?.options?.map((o) => o.value);
  const byPackage = new Map<string, EvidenceLibrary>();
  value.libraries.forEach((library, i) => {
    for (const platform of library.platforms) {
      if (platforms && !platforms.includes(platform)) problems.push(new InputError(`unknown platform "${platform}"`, source.locate(['libraries', i, 'platforms'])));
    }
    if (integrations && !integrations.includes(library.integration)) {
      problems.push(new InputError(`unknown integration "${library.integration}"`, source.locate(['libraries', i, 'integration'])));
    }
    for (const ecosystem of ECOSYSTEMS) {
      for (const name of library.packages[ecosystem] ?? []) {
        const key = `${ecosystem}:${normaliseName(ecosystem, name)}`;
        const twin = byPackage.get(key);
        if (twin) problems.push(new InputError(`${ecosystem} package "${name}" is listed twice (also in ${twin.id})`, source.locate(['libraries', i, 'packages', ecosystem])));
        byPackage.set(key, library);
      }
    }
  });
  if (problems.length) throw new InputErrors(problems);
  return { version: value.version, libraries: value.libraries, contradiction: value.contradiction, byPackage };
}

/**
 * The rules besides the policy's that an accepted_risks entry may name: the evidence contradiction. The library list
 * is read only when some entry names a rule the policy does not know, so a plain check stays fast.
 */
export function acceptableEvidenceRules(assessments: readonly Assessment[], policy: Policy): AcceptableRule[] {
  const known = new Set(policy.rules.map((r) => r.id));
  if (!assessments.some((a) => a.acceptances?.some((entry) => !known.has(entry.rule)))) return [];
  return [loadEvidenceCatalogue(policy.questionnaire).contradiction];
}

/** `rules lint` for the library list of a rules folder: the same checks `scan` makes on load, as lint problems. */
export function lintEvidenceIn(rulesDir: string | undefined, questionnaire: Questionnaire): LintProblem[] {
  const file = join(resolve(rulesDir ?? builtinRulesDir()), EVIDENCE_FILE);
  if (!existsSync(file)) return [];
  try {
    loadEvidenceCatalogue(questionnaire, file);
    return [];
  } catch (error) {
    if (!isInputProblem(error)) throw error;
    const errors = error instanceof InputErrors ? error.errors : [error];
    return errors.map((e) => ({ severity: 'error', location: e.location ?? { file, line: 1, column: 1 }, message: e.hint ? `${e.message} (${e.hint})` : e.message }));
  }
}
