import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { riskLevel } from '../../engine/levels.js';
import { loadPolicy, loadPolicyStrict, QUESTIONNAIRE_FILE } from '../../policy/load.js';
import type { LintProblem } from '../../policy/lint.js';
import type { Lang, Rule } from '../../policy/model.js';
import { renderCatalogue } from '../../format/catalogue.js';
import { runRuleTests } from '../../engine/rule-tests.js';
import { lintRoutesIn } from '../../routes/load.js';
import { areaName, levelName } from '../../messages.js';
import { InputError } from '../../util/errors.js';
import { EXIT, type Io } from '../io.js';
import { parseChoice, parseDate, parseLang } from '../options.js';

/** A folder with questionnaire.yaml is a whole rule set; any other folder holds an organisation's extra packs. */
function policyOptions(dir: string | undefined, extra: string[] = []) {
  if (dir && existsSync(join(resolve(dir), QUESTIONNAIRE_FILE))) return { rulesDir: dir, extraDirs: extra };
  return { extraDirs: dir ? [dir, ...extra] : extra };
}

export function runRulesList(options: { format?: string; lang?: string; rules?: string[] }, io: Io): number {
  const format = parseChoice('--format', options.format ?? 'text', ['text', 'json', 'markdown'] as const);
  const lang = parseLang(options.lang);
  const policy = loadPolicyStrict({ extraDirs: options.rules ?? [] });
  if (format === 'markdown') {
    io.out(renderCatalogue(policy, lang, levelRange));
    return EXIT.ok;
  }
  if (format === 'json') {
    const rules = policy.rules.map((r) => ({ id: r.id, pack: r.pack, area: r.area, scope: r.scope, channels: r.channels, title: r.title[lang], levelRange: levelRange(r), waivable: r.waivable, reviewed: r.reviewed }));
    io.out(`${JSON.stringify(rules, null, 2)}\n`);
    return EXIT.ok;
  }
  for (const rule of policy.rules) {
    const [low, high] = levelRange(rule);
    const range = low === high ? levelName(low, lang) : `${levelName(low, lang)}–${levelName(high, lang)}`;
    io.out(`${rule.id.padEnd(40)} ${range.padEnd(18)} ${areaName(rule.area, lang).padEnd(34)} ${rule.title[lang]}\n`);
  }
  io.out(`${policy.rules.length} rules in ${policy.packs.length} packs\n`);
  return EXIT.ok;
}

/** The lowest and highest level a rule can reach through its modifiers. */
export function levelRange(rule: Rule): [ReturnType<typeof riskLevel>, ReturnType<typeof riskLevel>] {
  const bounds = (scale: Rule['impact']) => {
    const order = ['negligible', 'limited', 'significant', 'maximum'] as const;
    let low = order.indexOf(scale.base);
    let high = low;
    for (const m of scale.modifiers) {
      if (m.raise) high = Math.min(3, high + m.raise);
      if (m.lower) low = Math.max(0, low - m.lower);
      if (m.set) {
        low = Math.min(low, order.indexOf(m.set));
        high = Math.max(high, order.indexOf(m.set));
      }
    }
    return [order[low] ?? 'negligible', order[high] ?? 'maximum'] as const;
  };
  if (rule.levelOverride) return [rule.levelOverride, rule.levelOverride];
  const [il, ih] = bounds(rule.impact);
  const [ll, lh] = bounds(rule.likelihood);
  return [riskLevel(il, ll), riskLevel(ih, lh)];
}

export function runRulesShow(id: string, options: { lang?: string; rules?: string[] }, io: Io): number {
  const lang: Lang = parseLang(options.lang);
  const policy = loadPolicyStrict({ extraDirs: options.rules ?? [] });
  const rule = policy.rules.find((r) => r.id === id);
  if (!rule) throw new InputError(`no rule "${id}"`, undefined, 'chanrisk rules list shows every id');
  const [low, high] = levelRange(rule);
  const lines = [
    `${rule.id} — ${rule.title[lang]}`,
    `pack: ${rule.pack}   area: ${areaName(rule.area, lang)}   channels: ${rule.channels.join(', ')}   scope: ${rule.scope}`,
    `level: ${levelName(low, lang)}${low === high ? '' : ` – ${levelName(high, lang)}`}   impact: ${rule.impact.base}   likelihood: ${rule.likelihood.base}   waivable: ${rule.waivable ? 'yes' : 'no'}`,
    `reviewed: ${rule.reviewed}${rule.effectiveFrom ? `   in force from ${rule.effectiveFrom}` : ''}${rule.effectiveUntil ? `   until ${rule.effectiveUntil}` : ''}`,
    '',
    rule.finding[lang],
    '',
    `→ ${rule.recommendation[lang]}`,
    ...(rule.uncertainty ? ['', `! ${rule.uncertainty[lang]}`] : []),
    '',
    ...rule.likelihood.modifiers.concat(rule.impact.modifiers).map((m) => `  modifier: ${m.reason[lang]}`),
    'sources:',
    ...rule.sources.map((s) => `  - ${s.title}${s.section ? `, ${s.section}` : ''}${s.version ? ` (${s.version})` : ''}${s.url ? ` <${s.url}>` : ''}${s.citation ? ` — ${s.citation}` : ''}`),
  ];
  io.out(`${lines.join('\n')}\n`);
  return EXIT.ok;
}

export async function runRulesLint(dir: string | undefined, options: { rules?: string[]; maxReviewAge?: string; date?: string }, io: Io): Promise<number> {
  const maxReviewAgeDays = options.maxReviewAge === undefined ? undefined : Number(options.maxReviewAge);
  if (maxReviewAgeDays !== undefined && !(Number.isInteger(maxReviewAgeDays) && maxReviewAgeDays > 0)) {
    throw new InputError(`--max-review-age: "${options.maxReviewAge}" is not a whole number of days`);
  }
  const where = policyOptions(dir, options.rules);
  const loaded = loadPolicy({ ...where, today: parseDate(options.date), ...(maxReviewAgeDays && { maxReviewAgeDays }) });
  const { policy } = loaded;
  // The scan's library list is loaded only here and by scan, so check never pays for it.
  const { lintEvidenceIn } = await import('../../evidence/catalogue.js');
  const problems = [...loaded.problems, ...lintRoutesIn(where.rulesDir, policy.questionnaire), ...lintEvidenceIn(where.rulesDir, policy.questionnaire)];
  for (const problem of problems) io.err(`${formatProblem(problem)}\n`);
  const errors = problems.filter((p) => p.severity === 'error').length;
  io.out(`${policy.rules.length} rules in ${policy.packs.length} packs: ${errors} errors, ${problems.length - errors} warnings\n`);
  return errors ? EXIT.input : EXIT.ok;
}

export function runRulesTest(dir: string | undefined, options: { rules?: string[] }, io: Io): number {
  const policy = loadPolicyStrict(policyOptions(dir, options.rules));
  const report = runRuleTests(policy.rules, policy.questionnaire);
  for (const failure of report.failed) {
    const rule = policy.rules.find((r) => r.id === failure.rule);
    const where = rule ? `${rule.location.file}:${rule.location.line}:${rule.location.column}: ` : '';
    io.err(`${where}✖ ${failure.rule} tests.${failure.kind}[${failure.index}]: ${failure.message}\n`);
  }
  io.out(`rules: ${report.passed} passed, ${report.failed.length} failed\n`);
  return report.failed.length ? EXIT.findings : EXIT.ok;
}

const formatProblem = (p: LintProblem): string => `${p.location.file}:${p.location.line}:${p.location.column}: ${p.severity}: ${p.message}`;
