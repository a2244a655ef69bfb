import type { RiskLevel } from '../policy/model.js';
import { riskRank } from './levels.js';
import type { AssessmentResult, Finding } from './result.js';

/** Bump when an older chanrisk could no longer read the file. 2: the config's path is part of each fingerprint. */
export const BASELINE_FORMAT_VERSION = 2;
/** The format before the config's path counted: still read, matched by its old key. */
export const LEGACY_BASELINE_FORMAT_VERSION = 1;

export interface BaselineEntry {
  fingerprint: string;
  rule: string;
  /** The config's path relative to the repository root, with forward slashes. */
  config: string;
  target: string;
  /** The answers that triggered the finding, as "<target>/<question>" paths. */
  answers: string[];
  level: RiskLevel;
}

export interface Baseline {
  formatVersion: typeof BASELINE_FORMAT_VERSION;
  date: string;
  findings: BaselineEntry[];
}

/** A version-1 baseline: its fingerprints know no config, so a copied config's findings would match them. */
export interface LegacyBaseline {
  formatVersion: typeof LEGACY_BASELINE_FORMAT_VERSION;
  date: string;
  findings: Omit<BaselineEntry, 'config'>[];
}

/** new: not in the baseline; raised: in it at a lower level; known: in it at the same or a higher level. */
export type BaselineState = 'new' | 'raised' | 'known';

/**
 * A finding's identity: its rule, the config's repository path, its target and the answer paths that triggered it —
 * never a line number or a position in the file, so reordering channels or editing unrelated answers keeps it, while
 * the same channel in another config file is another finding.
 */
export function fingerprint(finding: Finding, config: string, target: string): string {
  return hash([finding.rule, config, target, answerPaths(finding, target)]);
}

/** The version-1 key, without the config: only for matching old baselines. */
const legacyFingerprint = (finding: Finding, target: string): string => hash([finding.rule, target, answerPaths(finding, target)]);

function hash(key: unknown[]): string {
  // Loaded on first use: only baseline runs hash, and loading node:crypto is a measurable part of a plain check.
  const { createHash } = process.getBuiltinModule('node:crypto');
  return createHash('sha256').update(JSON.stringify(key)).digest('hex').slice(0, 32);
}

const answerPaths = (finding: Finding, target: string): string[] => [...new Set(finding.triggers.map((t) => `${target}/${t.question}`))].sort();

/** Every finding of the results, sorted by fingerprint so the file diffs cleanly; `configs[i]` is the path of `results[i]`. */
export function createBaseline(results: readonly AssessmentResult[], configs: readonly string[], date: string): Baseline {
  const entries = new Map<string, BaselineEntry>();
  results.forEach((result, index) => {
    const config = configs[index] ?? result.file;
    for (const target of result.targets) {
      for (const finding of target.findings) {
        const print = fingerprint(finding, config, target.id);
        entries.set(print, { fingerprint: print, rule: finding.rule, config, target: target.id, answers: answerPaths(finding, target.id), level: finding.level });
      }
    }
  });
  return { formatVersion: BASELINE_FORMAT_VERSION, date, findings: [...entries.values()].sort((a, b) => a.fingerprint.localeCompare(b.fingerprint)) };
}

/** Compares every finding with the baseline; the map is keyed by the finding objects of `results`. */
export function compareWithBaseline(results: readonly AssessmentResult[], configs: readonly string[], baseline: Baseline | LegacyBaseline): Map<Finding, BaselineState> {
  const known = new Map<string, { level: RiskLevel }>(baseline.findings.map((e) => [e.fingerprint, e]));
  const legacy = baseline.formatVersion === LEGACY_BASELINE_FORMAT_VERSION;
  const states = new Map<Finding, BaselineState>();
  results.forEach((result, index) => {
    const config = configs[index] ?? result.file;
    for (const target of result.targets) {
      for (const finding of target.findings) {
        const entry = known.get(legacy ? legacyFingerprint(finding, target.id) : fingerprint(finding, config, target.id));
        states.set(finding, !entry ? 'new' : riskRank(finding.level) > riskRank(entry.level) ? 'raised' : 'known');
      }
    }
  });
  return states;
}
