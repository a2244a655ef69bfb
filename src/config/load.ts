import type { Assessment } from '../engine/assessment.js';
import { evaluateCondition } from '../engine/conditions.js';
import { buildFacts } from '../engine/facts.js';
import type { Questionnaire } from '../policy/model.js';
import { didYouMean } from '../util/did-you-mean.js';
import { InputError, InputErrors, type SourceLocation } from '../util/errors.js';
import { loadYamlFile, parseYaml, type YamlSource } from '../util/yaml-file.js';
import { validateWithSchema } from '../util/zod-errors.js';
import { configSchema, type ConfigData } from './schema.js';

export interface LoadedConfig {
  assessment: Assessment;
  data: ConfigData;
  source: YamlSource;
  warnings: InputError[];
}

export function loadConfigFile(file: string, questionnaire: Questionnaire): LoadedConfig {
  return configFromSource(loadYamlFile(file), questionnaire);
}

export function parseConfig(text: string, file: string, questionnaire: Questionnaire): LoadedConfig {
  return configFromSource(parseYaml(text, file), questionnaire);
}

function configFromSource(source: YamlSource, questionnaire: Questionnaire): LoadedConfig {
  const { value: data, errors } = validateWithSchema(configSchema(questionnaire), source);
  if (!data) throw new InputErrors(errors);
  const problems: InputError[] = [];
  const warnings: InputError[] = [];

  const seen = new Set<string>();
  data.channels.forEach((channel, i) => {
    if (seen.has(channel.id)) problems.push(new InputError(`channel id "${channel.id}" is used twice`, source.locate(['channels', i, 'id'])));
    seen.add(channel.id);
  });

  // Options and questions that only apply under conditions (an integration a platform does not have).
  const orgAnswers = data.organisation.answers ?? {};
  const orgFacts = buildFacts(questionnaire, 'organisation', orgAnswers);
  checkApplicability(['organisation', 'answers'], orgAnswers, orgFacts, questionnaire, source, problems, warnings);
  data.channels.forEach((channel, i) => {
    // Layers, not a spread: copying a large answers object costs more than building its facts.
    const facts = buildFacts(questionnaire, 'channel', [{ platform: channel.platform }, channel.answers ?? {}], orgFacts);
    checkApplicability(['channels', i, 'answers'], channel.answers ?? {}, facts, questionnaire, source, problems, warnings);
  });
  if (problems.length) throw new InputErrors(problems);

  const locations: Record<string, SourceLocation> = {};
  for (const id of Object.keys(orgAnswers)) locations[`organisation/${id}`] = source.locate(['organisation', 'answers', id]);
  data.channels.forEach((channel, i) => {
    locations[`${channel.id}/platform`] = source.locate(['channels', i, 'platform']);
    for (const id of Object.keys(channel.answers ?? {})) locations[`${channel.id}/${id}`] = source.locate(['channels', i, 'answers', id]);
  });

  const assessment: Assessment = {
    file: source.file,
    organisation: {
      name: data.organisation.name,
      ...(data.organisation.assessor && { assessor: data.organisation.assessor }),
      answers: orgAnswers,
      notes: (data.organisation.notes ?? {}) as Record<string, string>,
    },
    channels: data.channels.map((c) => ({
      id: c.id,
      ...(c.name && { name: c.name }),
      platform: c.platform,
      answers: c.answers ?? {},
      notes: (c.notes ?? {}) as Record<string, string>,
      ...(c.code_paths && { codePaths: c.code_paths }),
    })),
    locations,
    acceptances: (data.accepted_risks ?? []).map((entry, i) => ({ ...entry, location: source.locate(['accepted_risks', i]) })),
  };
  return { assessment, data, source, warnings };
}

function checkApplicability(
  path: (string | number)[],
  answers: Record<string, unknown>,
  facts: ReturnType<typeof buildFacts>,
  questionnaire: Questionnaire,
  source: YamlSource,
  problems: InputError[],
  warnings: InputError[],
): void {
  for (const [id, value] of Object.entries(answers)) {
    const question = questionnaire.questions.get(id);
    if (!question || value === undefined) continue;
    if (!facts.has(id)) {
      warnings.push(new InputError(`"${id}" does not apply here and is ignored`, source.locate([...path, id]), 'its condition is not met by the other answers'));
      continue;
    }
    const chosen = Array.isArray(value) ? value : [value];
    chosen.forEach((v) => {
      const option = question.options?.find((o) => o.value === v);
      if (option?.when && evaluateCondition(option.when, facts).truth === 'no') {
        const applicable = question.options?.filter((o) => !o.when || evaluateCondition(o.when, facts).truth !== 'no').map((o) => o.value) ?? [];
        const suggestion = didYouMean(String(v), applicable);
        problems.push(
          new InputError(`${id}: "${String(v)}" does not apply to this channel`, source.locate([...path, id]), `${suggestion ? `did you mean "${suggestion}"? ` : ''}allowed here: ${applicable.join(', ')}`),
        );
      }
    });
  }
}
