// Generates realistic channel configs from the questionnaire: random valid answers from a fixed seed, so every
// benchmark run (and every machine) assesses the same files.
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse, stringify } from 'yaml';

/** mulberry32: a tiny seeded generator; Math.random cannot be seeded. */
export function seededRandom(seed) {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export function readQuestionnaire(rulesDir) {
  return parse(readFileSync(join(rulesDir, 'questionnaire.yaml'), 'utf8'));
}

// The engine's three-valued reading of a condition (yes / no / unknown), enough to keep answers applicable.
const OPS = ['equals', 'in', 'includes', 'includes_any', 'gte', 'lte', 'answered', 'unknown'];
function truth(condition, answers) {
  if (condition.all) return combine(condition.all.map((c) => truth(c, answers)), 'no', 'yes');
  if (condition.any) return combine(condition.any.map((c) => truth(c, answers)), 'yes', 'no');
  if (condition.not) return { yes: 'no', no: 'yes', unknown: 'unknown' }[truth(condition.not, answers)];
  const op = OPS.find((o) => o in condition);
  const expected = condition[op];
  // Missing key: the question does not apply; undefined value: it applies but is unanswered.
  const applies = Object.hasOwn(answers, condition.question);
  const actual = answers[condition.question];
  const unknown = applies && (actual === undefined || actual === 'unknown');
  if (op === 'answered') return (applies && !unknown) === expected ? 'yes' : 'no';
  if (op === 'unknown') return unknown === expected ? 'yes' : 'no';
  if (!applies) return 'no';
  if (unknown) return 'unknown';
  const listed = Array.isArray(actual) ? actual : [actual];
  const ok = {
    equals: () => (Array.isArray(actual) ? actual.includes(String(expected)) : actual === expected),
    in: () => listed.some((v) => expected.includes(v)),
    includes: () => listed.includes(expected),
    includes_any: () => expected.some((v) => listed.includes(v)),
    gte: () => typeof actual === 'number' && actual >= expected,
    lte: () => typeof actual === 'number' && actual <= expected,
  }[op]();
  return ok ? 'yes' : 'no';
}
function combine(parts, decisive, otherwise) {
  if (parts.includes(decisive)) return decisive;
  return parts.includes('unknown') ? 'unknown' : otherwise;
}

/** Answers for one scope, question by question, so later `when` conditions see earlier answers. */
function answerQuestions(questions, random, known) {
  const answers = {};
  const pick = (items) => items[Math.floor(random() * items.length)];
  for (const q of questions) {
    const all = { ...known, ...answers };
    if (q.id === 'platform') continue;
    if (q.when && truth(q.when, all) === 'no') continue;
    const roll = random();
    answers[q.id] = undefined; // applies; stays undefined when left unanswered
    if (roll < 0.05) continue;
    if (roll < 0.12 && q.dont_know !== false && q.type !== 'text') {
      answers[q.id] = 'unknown';
      continue;
    }
    const options = (q.options ?? []).filter((o) => !o.when || truth(o.when, all) !== 'no').map((o) => o.value);
    if (q.type === 'single') answers[q.id] = pick(options);
    else if (q.type === 'multi') {
      const chosen = options.filter(() => random() < 0.3).slice(0, 4);
      answers[q.id] = chosen.length || !options.length ? chosen : [pick(options)];
    }
    else if (q.type === 'boolean') answers[q.id] = random() < 0.5;
    else if (q.type === 'number') {
      const min = q.min ?? 0;
      const max = Math.min(q.max ?? 100_000, min + 100_000);
      answers[q.id] = Math.round(min + (max - min) * random() ** 3);
    } else answers[q.id] = `note ${Math.floor(random() * 1000)}`;
  }
  return Object.fromEntries(Object.entries(answers).filter(([, value]) => value !== undefined));
}

/** One organisation with `channels` channels on random platforms. */
export function generateConfig(questionnaire, random, index, channels) {
  const questions = (scope) => questionnaire.sections.filter((s) => s.scope === scope).flatMap((s) => s.questions);
  const platforms = questions('channel').find((q) => q.id === 'platform').options.map((o) => o.value);
  const organisation = answerQuestions(questions('organisation'), random, {});
  return {
    chanrisk: 1,
    organisation: { name: `Benchmark Organisation ${index}`, assessor: 'bench/generate.mjs', answers: organisation },
    channels: Array.from({ length: channels }, (_, c) => {
      const platform = platforms[Math.floor(random() * platforms.length)];
      return {
        id: `channel-${c + 1}`,
        name: `Channel ${c + 1} on ${platform}`,
        platform,
        answers: answerQuestions(questions('channel'), random, { ...organisation, platform }),
      };
    }),
  };
}

/** Writes `count` configs (1 to 3 channels each, or exactly `channels`) into `dir`; returns their paths. */
export function writeConfigs(dir, count, { seed = 20261127, channels, rulesDir } = {}) {
  const questionnaire = readQuestionnaire(rulesDir);
  const random = seededRandom(seed);
  mkdirSync(dir, { recursive: true });
  return Array.from({ length: count }, (_, i) => {
    const file = join(dir, `config-${String(i + 1).padStart(4, '0')}.yaml`);
    const config = generateConfig(questionnaire, random, i + 1, channels ?? 1 + Math.floor(random() * 3));
    writeFileSync(file, stringify(config));
    return file;
  });
}
