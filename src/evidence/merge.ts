import { posix } from 'node:path';
import picomatch from 'picomatch';
import type { Assessment, ChannelInput } from '../engine/assessment.js';
import { rescore } from '../engine/score.js';
import { evaluateAssessment, type EvaluateOptions } from '../engine/evaluate.js';
import { DONT_KNOW } from '../engine/facts.js';
import { findingPoints, maxRisk, riskLevel, riskRank } from '../engine/levels.js';
import type { AssessmentResult, Finding, TargetResult } from '../engine/result.js';
import type { Policy } from '../policy/model.js';
import { GREY_KINDS, type ContradictionRule } from './catalogue.js';
import type { EvidenceHit } from './scan.js';
import { byCodeUnits } from '../util/order.js';

const isLockfile = (hit: EvidenceHit) => /(-lock\.json|-lock\.yaml|\.lock)$/.test(hit.file);

/**
 * Whether a hit concerns the channel's code: anywhere without code_paths, else a manifest inside one of them or a
 * declared dependency in a folder above one (a root package.json governs every folder below it, so a glob that
 * names a subfolder, or matches nothing, cannot hide it). A lockfile lists every workspace's packages at once and
 * counts only inside the code paths.
 */
const inChannelCode = (channel: ChannelInput): ((hit: EvidenceHit) => boolean) => {
  if (!channel.codePaths?.length) return () => true;
  const matches = picomatch(channel.codePaths, { dot: true });
  const bases = channel.codePaths.map((glob) => picomatch.scan(glob).base);
  const governs = (hit: EvidenceHit): boolean => {
    const folder = posix.dirname(hit.path);
    return folder === '.' || bases.some((base) => base === folder || base.startsWith(`${folder}/`));
  };
  return (hit) => matches(hit.path) || (!isLockfile(hit) && governs(hit));
};

/**
 * The grey library the code shows for each channel on its platform, keyed by channel id: the first one found in the
 * channel's code_paths (anywhere when it names none), a declared dependency (package.json, go.mod …) before a
 * lockfile entry, because that is the line to change.
 */
export function greyEvidence(assessment: Assessment, hits: readonly EvidenceHit[]): Map<string, EvidenceHit> {
  const ordered = [...hits].sort((a, b) => Number(isLockfile(a)) - Number(isLockfile(b)));
  const found = new Map<string, EvidenceHit>();
  for (const channel of assessment.channels) {
    const inCode = inChannelCode(channel);
    const hit = ordered.find((h) => GREY_KINDS.includes(h.library.kind) && h.library.platforms.includes(channel.platform) && inCode(h));
    if (hit) found.set(channel.id, hit);
  }
  return found;
}

/**
 * Evaluates an assessment with the code's evidence merged in, as one explicit step around the engine: a channel
 * whose platform has a grey library in the code is evaluated with the integration that library implies, the
 * triggers on "integration" point at the manifest line, and where the config declared something else the
 * contradiction is a finding of its own.
 */
export function evaluateWithEvidence(policy: Policy, assessment: Assessment, hits: readonly EvidenceHit[], contradiction: ContradictionRule, options: EvaluateOptions): AssessmentResult {
  const evidence = greyEvidence(assessment, hits);
  if (!evidence.size) return evaluateAssessment(policy, assessment, options);
  const adjusted: Assessment = {
    ...assessment,
    channels: assessment.channels.map((c) => {
      const hit = evidence.get(c.id);
      return hit ? { ...c, answers: { ...c.answers, integration: hit.library.integration } } : c;
    }),
  };
  const result = evaluateAssessment(policy, adjusted, options);
  const targets = result.targets.map((target): TargetResult => {
    const hit = evidence.get(target.id);
    if (!hit) return target;
    const source = { file: hit.file, line: hit.line, package: hit.package };
    const findings = target.findings.map((f) => ({
      ...f,
      triggers: f.triggers.map((t) => (t.question === 'integration' ? { ...t, evidence: source } : t)),
    }));
    const declared = assessment.channels.find((c) => c.id === target.id)?.answers.integration;
    if (typeof declared === 'string' && declared !== DONT_KNOW && declared !== hit.library.integration) {
      findings.push(contradictionFinding(contradiction, declared, hit));
    }
    findings.sort((a, b) => riskRank(b.level) - riskRank(a.level) || b.points - a.points || byCodeUnits(a.rule, b.rule));
    return rescore({ ...target, findings });
  });
  return { ...result, targets, rating: maxRisk(targets.map((t) => t.rating)), score: Math.max(0, ...targets.map((t) => t.score)) };
}

function contradictionFinding(rule: ContradictionRule, declared: string, hit: EvidenceHit): Finding {
  const where = `${hit.package} (${hit.file}:${hit.line})`;
  return {
    rule: rule.id,
    pack: 'evidence',
    area: rule.area,
    title: rule.title,
    level: riskLevel(rule.impact, rule.likelihood),
    impact: rule.impact,
    likelihood: rule.likelihood,
    points: findingPoints(rule.impact, rule.likelihood),
    status: 'active',
    assumed: false,
    triggers: [{ question: 'integration', value: declared, assumed: false, evidence: { file: hit.file, line: hit.line, package: hit.package } }],
    modifiers: [],
    finding: {
      en: `${rule.finding.en} Declared: ${declared}; found in the code: ${where}, which means ${hit.library.integration}.`,
      de: `${rule.finding.de} Angegeben: ${declared}; im Code gefunden: ${where}, also ${hit.library.integration}.`,
    },
    recommendation: rule.recommendation,
    sources: rule.sources,
    reviewed: rule.reviewed,
    waivable: rule.waivable,
  };
}
