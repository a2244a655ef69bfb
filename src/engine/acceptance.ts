import type { Policy, Text } from '../policy/model.js';
import { didYouMean } from '../util/did-you-mean.js';
import { InputError, type SourceLocation } from '../util/errors.js';
import type { Assessment } from './assessment.js';
import { overall, rescore } from './score.js';
import type { AssessmentResult, Finding, TargetResult } from './result.js';

/** One entry of a config's accepted_risks: a named person accepts one rule's finding on one target until a date. */
export interface Acceptance {
  rule: string;
  /** A channel id, or "organisation" for organisation-wide rules. */
  channel: string;
  reason: string;
  owner: string;
  approver: string;
  /** YYYY-MM-DD, the last day the acceptance holds. */
  expires: string;
  location: SourceLocation;
}

export interface AcceptanceWarning {
  kind: 'expired' | 'stale';
  acceptance: Acceptance;
  message: Text;
}

/**
 * Problems that make an acceptance invalid (exit 2): an unknown rule or target, or a rule that is not waivable.
 * Checked against the whole policy, so an acceptance of a rule not in force today is stale, not invalid.
 */
export function checkAcceptances(acceptances: readonly Acceptance[], policy: Policy, assessment: Assessment): InputError[] {
  const rules = new Map(policy.rules.map((r) => [r.id, r]));
  const targets = ['organisation', ...assessment.channels.map((c) => c.id)];
  const problems: InputError[] = [];
  for (const acceptance of acceptances) {
    const rule = rules.get(acceptance.rule);
    if (!rule) {
      const suggestion = didYouMean(acceptance.rule, [...rules.keys()]);
      problems.push(new InputError(`accepted_risks: unknown rule "${acceptance.rule}"`, acceptance.location, suggestion ? `did you mean "${suggestion}"?` : 'chanrisk rules list shows every id'));
    } else if (!rule.waivable) {
      problems.push(
        new InputError(
          `accepted_risks: rule ${rule.id} is not waivable and cannot be accepted as a risk`,
          acceptance.location,
          'remove the entry and resolve the finding (chanrisk rules show shows what to do)',
        ),
      );
    }
    if (!isCalendarDate(acceptance.expires)) {
      problems.push(new InputError(`accepted_risks: expires "${acceptance.expires}" is not a calendar date`, acceptance.location, 'use YYYY-MM-DD, e.g. 2027-06-30'));
    }
    if (!targets.includes(acceptance.channel)) {
      const suggestion = didYouMean(acceptance.channel, targets);
      problems.push(
        new InputError(`accepted_risks: unknown channel "${acceptance.channel}"`, acceptance.location, suggestion ? `did you mean "${suggestion}"?` : `known: ${targets.join(', ')}`),
      );
    }
  }
  return problems;
}

const isCalendarDate = (value: string): boolean => {
  const date = new Date(`${value}T00:00:00Z`);
  return !Number.isNaN(date.getTime()) && date.toISOString().slice(0, 10) === value;
};

/**
 * Marks the findings covered by an acceptance in force on `date` as accepted, and recomputes ratings and scores from
 * the active findings. An expired acceptance covers nothing (its finding is active again from the day after expiry);
 * an acceptance in force that matches no finding is stale. Both come back as warnings. The input is not changed.
 */
export function applyAcceptances(result: AssessmentResult, acceptances: readonly Acceptance[], date: string): { result: AssessmentResult; warnings: AcceptanceWarning[] } {
  const warnings: AcceptanceWarning[] = [];
  const inForce: Acceptance[] = [];
  for (const acceptance of acceptances) {
    if (acceptance.expires < date) {
      warnings.push({
        kind: 'expired',
        acceptance,
        message: {
          en: `the acceptance of ${acceptance.rule} for ${acceptance.channel} expired on ${acceptance.expires}; the finding counts again`,
          de: `die Risikoakzeptanz für ${acceptance.rule} in ${acceptance.channel} ist am ${acceptance.expires} abgelaufen; der Befund zählt wieder`,
        },
      });
    } else inForce.push(acceptance);
  }
  // Nothing to settle (the common case, and every what-if of a plan without accepted risks): the result stands.
  if (!inForce.length) return { result, warnings };
  const used = new Set<Acceptance>();
  const targets = result.targets.map((target): TargetResult => {
    const findings = target.findings.map((finding): Finding => {
      const acceptance = inForce.find((a) => a.rule === finding.rule && a.channel === target.id);
      if (!acceptance || !finding.waivable) return finding;
      used.add(acceptance);
      const { reason, owner, approver, expires } = acceptance;
      return { ...finding, status: 'accepted', acceptance: { reason, owner, approver, expires } };
    });
    return rescore({ ...target, findings });
  });
  for (const acceptance of inForce) {
    if (used.has(acceptance)) continue;
    warnings.push({
      kind: 'stale',
      acceptance,
      message: {
        en: `the acceptance of ${acceptance.rule} for ${acceptance.channel} matches no finding; remove it`,
        de: `die Risikoakzeptanz für ${acceptance.rule} in ${acceptance.channel} passt zu keinem Befund; bitte entfernen`,
      },
    });
  }
  return {
    result: { ...result, targets, ...overall(targets) },
    warnings,
  };
}

