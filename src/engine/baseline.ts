import type { RiskLevel } from '../policy/model.js';
import { riskRank } from './levels.js';
import type { AssessmentResult, Finding } from './result.js';

/** Bump when an older chanrisk could no longer read the file. */
export const BASELINE_FORMAT_VERSION = 1;

export interface BaselineEntry {
  fingerprint: string;
  rule: string;
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

/** new: not in the baseline; raised: in it at a lower level; known: in it at the same or a higher level. */
export type BaselineState = 'new' | 'raised' | 'known';

/**
 * A finding's identity: its rule, its target and the answer paths that triggered it — never a line number or a
 * position in the file, so reordering channels or editing unrelated answers keeps it.
 */
export function fingerprint(finding: Finding, target: string): string {
  const answers = answerPaths(finding, target);
  // Loaded on first use: only baseline runs hash, and loading node:crypto is a measurable part of a plain check.
  const { createHash } = process.getBuiltinModule('node:crypto');
  return createHash('sha256').update(JSON.stringify([finding.rule, target, answers])).digest('hex').slice(0, 32);
}

const answerPaths = (finding: Finding, target: string): string[] => [...new Set(finding.triggers.map((t) => `${target}/${t.question}`))].sort();

/** Every finding of the results, sorted by fingerprint so the file diffs cleanly. */
export function createBaseline(results: readonly AssessmentResult[], date: string): Baseline {
  const entries = new Map<string, BaselineEntry>();
  for (const result of results) {
    for (const target of result.targets) {
      for (const finding of target.findings) {
        const print = fingerprint(finding, target.id);
        entries.set(print, { fingerprint: print, rule: finding.rule, target: target.id, answers: answerPaths(finding, target.id), level: finding.level });
      }
    }
  }
  return { formatVersion: BASELINE_FORMAT_VERSION, date, findings: [...entries.values()].sort((a, b) => a.fingerprint.localeCompare(b.fingerprint)) };
}

/** Compares every finding with the baseline; the map is keyed by the finding objects of `results`. */
export function compareWithBaseline(results: readonly AssessmentResult[], baseline: Baseline): Map<Finding, BaselineState> {
  const known = new Map(baseline.findings.map((e) => [e.fingerprint, e]));
  const states = new Map<Finding, BaselineState>();
  for (const result of results) {
    for (const target of result.targets) {
      for (const finding of target.findings) {
        const entry = known.get(fingerprint(finding, target.id));
        states.set(finding, !entry ? 'new' : riskRank(finding.level) > riskRank(entry.level) ? 'raised' : 'known');
      }
    }
  }
  return states;
}
