import type { Fact } from '../engine/facts.js';
import type { Lang, Question } from '../policy/model.js';
import { w } from './messages.js';

const NUMBER_LOCALE: Record<Lang, string> = { en: 'en-GB', de: 'de-DE' };
// Made once per language, on first use: creating an Intl.NumberFormat costs more than formatting thousands of numbers.
const numbers: Partial<Record<Lang, Intl.NumberFormat>> = {};

/** An answer as a client reads it: option labels in the report's language, yes/no, numbers with their unit. */
export function answerText(question: Question, fact: Fact, lang: Lang): string {
  if (fact.kind === 'unknown') return w(fact.reason === 'dont_know' ? 'dontKnow' : 'notAnswered', lang);
  const value = fact.value;
  const label = (option: string): string => question.options?.find((o) => o.value === option)?.label[lang] ?? option;
  if (Array.isArray(value)) return value.length ? value.map(label).join(', ') : w('noneSelected', lang);
  if (typeof value === 'boolean') return w(value ? 'yes' : 'no', lang);
  if (typeof value === 'number') {
    const number = (numbers[lang] ??= new Intl.NumberFormat(NUMBER_LOCALE[lang])).format(value);
    return question.unit ? `${number} ${question.unit[lang]}` : number;
  }
  return question.type === 'text' ? value : label(value);
}
