import chalk from 'chalk';
import type { Assessment } from '../../../engine/assessment.js';
import type { AssessmentResult, TargetResult } from '../../../engine/result.js';
import type { Action } from '../../../engine/whatif.js';
import { countOf, levelName } from '../../../messages.js';
import type { Lang, Policy } from '../../../policy/model.js';
import { m } from './messages.js';

/** The last screen of the interview: the verdict, the three actions that remove the most risk, the files written. */

export interface Written {
  config: string;
  report?: string;
}

const TOP_ACTIONS = 3;

export function interviewSummary(policy: Policy, assessment: Assessment, result: AssessmentResult, actions: Action[], written: Written, lang: Lang): string {
  const lines = [
    '',
    chalk.bold(m('verdict', lang, { level: levelName(result.rating, lang) })),
    ...result.targets.filter((t) => t.kind === 'channel' || t.findings.length).map((t) => `  ${targetName(policy, assessment, t, lang)}: ${levelName(t.rating, lang)} · ${findingCount(t, lang)}`),
  ];
  const open = result.targets.reduce((sum, t) => sum + t.openPoints.length, 0);
  if (open) lines.push(`  ${countOf(open, 'openPoint', lang)}: ${m('openPointsWhere', lang)}`);
  const top = actions.filter((a) => a.finding.status === 'active').slice(0, TOP_ACTIONS);
  if (top.length) {
    // Small counts in words, as a German or English text writes them.
    const count = top.length === 2 ? m('two', lang) : m('three', lang);
    lines.push('', chalk.bold(top.length === 1 ? m('topAction', lang) : m('topActions', lang, { count })));
    top.forEach((action, i) => {
      const target = result.targets.find((t) => t.id === action.target);
      const where = target ? targetName(policy, assessment, target, lang) : action.target;
      const effect = action.after.rating !== action.before.rating ? ` ${chalk.dim(`(${levelName(action.before.rating, lang)} → ${levelName(action.after.rating, lang)})`)}` : '';
      lines.push(`  ${i + 1}. ${where} – ${chalk.bold(action.finding.title[lang])}${effect}`, `     ${action.finding.recommendation[lang].trim()}`);
    });
  }
  lines.push('', chalk.bold(m('writtenFiles', lang)), `  ${m('writtenConfig', lang)}: ${written.config}`);
  if (written.report) lines.push(`  ${m('writtenReport', lang)}: ${written.report}`);
  lines.push(`  ${m('checkWith', lang)}: chanrisk check ${written.config}`, '');
  return lines.join('\n');
}

function findingCount(target: TargetResult, lang: Lang): string {
  const active = target.findings.filter((f) => f.status === 'active').length;
  return active ? countOf(active, 'finding', lang) : m('noFinding', lang);
}

/** "Channel 1 „Service“ (WhatsApp)" or "Organisation", as the interview named it while asking. */
function targetName(policy: Policy, assessment: Assessment, target: TargetResult, lang: Lang): string {
  const index = assessment.channels.findIndex((c) => c.id === target.id);
  const channel = assessment.channels[index];
  if (!channel) return m('organisationTarget', lang);
  const platform = policy.questionnaire.questions.get('platform')?.options?.find((o) => o.value === channel.platform)?.label[lang] ?? channel.platform;
  const quoted = lang === 'de' ? `„${channel.name || channel.id}“` : `"${channel.name || channel.id}"`;
  return `${m('channel', lang)} ${index + 1} ${quoted} (${platform})`;
}
