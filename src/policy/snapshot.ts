import { readdirSync, readFileSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { crc32 } from 'node:zlib';
import { packageInfo } from '../util/package-root.js';
import { withApplicability, withoutApplicability } from './applicability.js';
import type { Policy, Question, Questionnaire, Rule } from './model.js';
import type { RouteSet } from './routes.js';

/**
 * The built-in rules and routes, loaded, validated and linted at build time (scripts/build.mjs) and stored as JSON
 * beside the bundle: parsing ~80 rules of YAML on every `check` costs more than Node's whole start-up. `rules lint`,
 * `rules test` and `--rules` still read the YAML; the snapshot is used only while the YAML files are byte-identical.
 */
export const SNAPSHOT_FILE = 'policy.snapshot.json';
const FORMAT = 3;
const RULES_DIR_MARK = '{rules}/';

// Defined as true by scripts/build.mjs: from the sources (tests, tsx) a snapshot could be older than the loader.
declare const __CHANRISK_BUNDLED__: boolean | undefined;
const bundled = typeof __CHANRISK_BUNDLED__ !== 'undefined' && __CHANRISK_BUNDLED__;

interface SnapshotData {
  format: number;
  /** Size and CRC-32 of every rules file the snapshot came from, by path relative to the rules folder. */
  files: Record<string, string>;
  /** The policy without its Map, and with policy.rules as [pack index, rule index, level override]. */
  policy: Omit<Policy, 'questionnaire' | 'rules'> & { questionnaire: Omit<Questionnaire, 'questions'>; rules: [number, number, Rule['levelOverride']?][] };
  routes: RouteSet;
}

export interface BuiltinSnapshot {
  policy: Policy;
  /** rules/routes.yaml, for `compare` and the report's alternatives. */
  routes: RouteSet;
}

/** The YAML files the built-in policy and routes are made of, with their fingerprints (native CRC-32: a JS loop costs ~30 ms here). */
function fingerprint(rulesDir: string): Record<string, string> {
  const packs = readdirSync(join(rulesDir, 'packs')).filter((name) => /\.ya?ml$/.test(name)).sort();
  const files = ['questionnaire.yaml', ...packs.map((name) => `packs/${name}`), 'routes.yaml'];
  return Object.fromEntries(files.map((file) => [file, contentHash(readFileSync(join(rulesDir, file)))]));
}

// Size and CRC-32 tell an edited file from the one the build saw; the snapshot guards against stale data, not tampering
// (whoever can edit a pack can edit the snapshot), and node:crypto is a measurable part of a plain check's start-up.
const contentHash = (bytes: Uint8Array): string => `${bytes.length}:${crc32(bytes).toString(16)}`;

export function serializeSnapshot({ policy, routes }: BuiltinSnapshot, rulesDir: string): string {
  // Every field but the Map goes through as it is; the build's read-back check catches any other non-JSON value.
  const questionnaire = Object.fromEntries(Object.entries(policy.questionnaire).filter(([key]) => key !== 'questions')) as Omit<Questionnaire, 'questions'>;
  const index = new Map(policy.packs.flatMap((pack, p) => pack.rules.map((rule, r) => [rule.id, [p, r] as const])));
  const data: SnapshotData = {
    format: FORMAT,
    files: fingerprint(rulesDir),
    policy: {
      ...policy,
      questionnaire,
      // A rule's applicability repeats its jurisdiction's conditions: rebuilt on reading instead of stored thrice.
      packs: policy.packs.map((pack) => ({ ...pack, rules: pack.rules.map(withoutApplicability) })),
      rules: policy.rules.map((rule) => {
        const [p, r] = index.get(rule.id) ?? [-1, -1];
        return rule.levelOverride ? [p, r, rule.levelOverride] : [p, r];
      }),
    },
    routes,
  };
  const prefix = rulesDir + sep;
  // Paths are stored relative to the rules folder, so an installed package reports its own paths.
  return JSON.stringify(data, (key, value: unknown) =>
    key === 'file' && typeof value === 'string' && value.startsWith(prefix) ? RULES_DIR_MARK + relative(rulesDir, value).split(sep).join('/') : value,
  );
}

export function parseSnapshot(text: string, rulesDir: string): BuiltinSnapshot & { format: number; files: Record<string, string> } {
  // No reviver: a callback for every value would cost more than the parse itself; the paths are few and known.
  const data = JSON.parse(text) as SnapshotData;
  const rebase = (file: string): string => (file.startsWith(RULES_DIR_MARK) ? join(rulesDir, file.slice(RULES_DIR_MARK.length)) : file);
  data.policy.questionnaire.file = rebase(data.policy.questionnaire.file);
  for (const pack of data.policy.packs) {
    pack.file = rebase(pack.file);
    for (const rule of pack.rules) rule.location.file = rebase(rule.location.file);
    for (const override of pack.overrides) override.location.file = rebase(override.location.file);
  }
  data.routes.file = rebase(data.routes.file);
  for (const route of data.routes.routes) route.location.file = rebase(route.location.file);
  const stored = data.policy;
  for (const pack of stored.packs) pack.rules = pack.rules.map((rule) => withApplicability(rule, stored.questionnaire.jurisdictions));
  const questions = new Map<string, Question>(stored.questionnaire.sections.flatMap((s) => s.questions.map((q) => [q.id, q] as const)));
  const rules = stored.rules.map(([p, r, level]) => {
    const rule = stored.packs[p]?.rules[r];
    if (!rule) throw new Error(`policy snapshot: no rule at ${p}/${r}`);
    return level ? { ...rule, levelOverride: level } : rule;
  });
  return { format: data.format, files: data.files, policy: { ...stored, questionnaire: { ...stored.questionnaire, questions }, rules }, routes: data.routes };
}

export const snapshotPath = (): string => join(packageInfo().root, 'dist', SNAPSHOT_FILE);

// Read once per process: `report` needs the policy and the routes.
let cache: { rulesDir: string; snapshot: BuiltinSnapshot | undefined } | undefined;

/** The built-in policy and routes from the snapshot, or undefined when there is none or the YAML has changed since the build. */
export function readSnapshot(rulesDir: string): BuiltinSnapshot | undefined {
  if (!bundled) return undefined;
  if (cache?.rulesDir !== rulesDir) cache = { rulesDir, snapshot: readSnapshotFile(rulesDir) };
  return cache.snapshot;
}

function readSnapshotFile(rulesDir: string): BuiltinSnapshot | undefined {
  let text: string;
  let current: Record<string, string>;
  try {
    text = readFileSync(snapshotPath(), 'utf8');
    current = fingerprint(rulesDir);
  } catch {
    return undefined; // no snapshot, or a rules folder the YAML loader will report properly
  }
  const { format, files, policy, routes } = parseSnapshot(text, rulesDir);
  const stored = Object.entries(files);
  if (format !== FORMAT || stored.length !== Object.keys(current).length || stored.some(([file, hash]) => current[file] !== hash)) return undefined;
  return { policy, routes };
}
