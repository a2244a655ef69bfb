import type { Condition } from '../policy/condition.js';
import type { Lang, Question, Questionnaire } from '../policy/model.js';
import { DONT_KNOW } from '../engine/facts.js';
import { CONFIG_FORMAT_VERSION } from './schema.js';

const words = {
  intro: {
    en: [
      'chanrisk channel config, written by `chanrisk init`.',
      'Answer what you can; "unknown" counts as the worst case and is listed as an open point.',
      'Questions marked "only when" apply only under that condition: uncomment them when it holds.',
      'Check it with: chanrisk check <this file>',
    ],
    de: [
      'chanrisk-Kanalkonfiguration, erstellt mit `chanrisk init`.',
      'Beantworten Sie, was Sie können; „unknown“ (weiß nicht) wird als ungünstigster Fall gewertet und als offener Punkt aufgeführt.',
      'Mit „nur wenn“ markierte Fragen gelten nur unter der genannten Bedingung; liegt sie vor, entfernen Sie das Kommentarzeichen.',
      'Prüfen mit: chanrisk check <diese Datei>',
    ],
  },
  onlyWhen: { en: 'only when', de: 'nur wenn' },
  aList: { en: 'a list', de: 'als Liste' },
  and: { en: 'and', de: 'und' },
  or: { en: 'or', de: 'oder' },
  not: { en: 'not', de: 'nicht' },
  // The operator as a reader of the comment understands it; the YAML keeps the operator's own name.
  op: {
    equals: { en: '=', de: '=' },
    in: { en: 'is one of', de: 'ist eines von' },
    includes: { en: 'includes', de: 'enthält' },
    includes_any: { en: 'includes any of', de: 'enthält eines von' },
    gte: { en: '≥', de: '≥' },
    lte: { en: '≤', de: '≤' },
    answered: { en: 'is answered', de: 'ist beantwortet' },
    unknown: { en: 'is "unknown"', de: 'ist „unknown“' },
  },
  name: { en: 'Your organisation', de: 'Ihre Organisation' },
  accepted: {
    en: [
      'Accepted risks (all fields required; non-waivable rules cannot be accepted; an expired entry counts again):',
      'accepted_risks:',
      '  - rule: <rule id from chanrisk rules list>',
      '    channel: whatsapp            # a channel id, or "organisation"',
      '    reason: <why the risk is acceptable for now>',
      '    owner: <who resolves it>',
      '    approver: <who accepted it>',
      '    expires: 2027-06-30          # YYYY-MM-DD, the last day it holds',
    ],
    de: [
      'Akzeptierte Risiken (alle Felder sind Pflicht; Regeln, die nicht verzichtbar sind, lassen sich nicht akzeptieren; abgelaufene Einträge zählen wieder):',
      'accepted_risks:',
      '  - rule: <Regel-ID aus chanrisk rules list>',
      '    channel: whatsapp            # eine Kanal-ID oder "organisation"',
      '    reason: <warum das Risiko vorerst tragbar ist>',
      '    owner: <wer es behebt>',
      '    approver: <wer es akzeptiert hat>',
      '    expires: 2027-06-30          # JJJJ-MM-TT, der letzte Gültigkeitstag',
    ],
  },
} as const;

/** A commented starter config derived from the questionnaire: every question, in its order, with its options. */
export function starterConfig(questionnaire: Questionnaire, schemaRef: string, lang: Lang): string {
  const questions = [...questionnaire.questions.values()];
  const out = [`# yaml-language-server: $schema=${schemaRef}`, ...words.intro[lang].map((l) => `# ${l}`), `chanrisk: ${CONFIG_FORMAT_VERSION}`, 'organisation:', `  name: ${JSON.stringify(words.name[lang])}`, '  answers:'];
  for (const q of questions.filter((q) => q.scope === 'organisation')) out.push(...answerLines(q, '    ', lang));
  out.push('channels:', '  - id: whatsapp', '    name: WhatsApp', '    platform: whatsapp', '    answers:');
  for (const q of questions.filter((q) => q.scope === 'channel' && q.id !== 'platform')) out.push(...answerLines(q, '      ', lang));
  out.push('', ...words.accepted[lang].map((l) => `# ${l}`));
  return `${out.join('\n')}\n`;
}

function answerLines(question: Question, indent: string, lang: Lang): string[] {
  const options = question.options ? ` (${question.options.map((o) => o.value).join(' | ')}${question.type === 'multi' ? `; ${words.aList[lang]}` : ''})` : '';
  const condition = question.when ? ` — ${words.onlyWhen[lang]} ${conditionText(question.when, lang)}` : '';
  // "unknown" is only a valid answer where the question allows "don't know" and is not free text.
  const answerable = question.dontKnow && question.type !== 'text' && !question.when;
  return [`${indent}# ${question.title[lang]}${options}${condition}`, `${indent}${answerable ? '' : '# '}${question.id}: ${DONT_KNOW}`];
}

function conditionText(condition: Condition, lang: Lang): string {
  if ('all' in condition) return condition.all.map((c) => conditionText(c, lang)).join(` ${words.and[lang]} `);
  if ('any' in condition) return `(${condition.any.map((c) => conditionText(c, lang)).join(` ${words.or[lang]} `)})`;
  if ('not' in condition) return `${words.not[lang]} ${conditionText(condition.not, lang)}`;
  const op = words.op[condition.op][lang];
  if (condition.op === 'answered' || condition.op === 'unknown') return `${condition.question} ${op}`;
  const value = Array.isArray(condition.value) ? `[${condition.value.join(', ')}]` : String(condition.value);
  return `${condition.question} ${op} ${value}`;
}
