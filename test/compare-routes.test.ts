import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadPolicyStrict } from '../src/policy/load.js';
import { loadRoutesChecked as loadRoutes } from '../src/routes/load.js';
import { InputErrors } from '../src/util/errors.js';
import { ROOT, tempDir } from './helpers.js';

const FIXTURE = join(ROOT, 'test/fixtures/rules-compare');
const questionnaire = loadPolicyStrict({ rulesDir: FIXTURE }).questionnaire;

const HEAD = 'version: test\nroutes:\n';
const route = (body: string) =>
  `  - id: r1\n    platform: whatsapp\n    official: true\n    title: { en: Route, de: Weg }\n${body}    sources: [{ title: Terms, citation: "Terms" }]\n    reviewed: 2026-11-01\n`;

function lint(yaml: string) {
  const file = join(tempDir('chanrisk-routes-'), 'routes.yaml');
  writeFileSync(file, yaml);
  return loadRoutes(file, questionnaire).problems.map((p) => `${p.location.line}: ${p.message}`);
}

describe('routes lint', () => {
  it('accepts the fixture routes and the built-in routes against their questionnaires', () => {
    expect(loadRoutes(join(FIXTURE, 'routes.yaml'), questionnaire).problems).toEqual([]);
    const real = loadPolicyStrict().questionnaire;
    expect(loadRoutes(join(ROOT, 'rules/routes.yaml'), real).problems.filter((p) => p.severity === 'error')).toEqual([]);
  });

  it('catches an unknown question, with its line', () => {
    expect(lint(HEAD + route('    facts: { integration: official, hostnig: eu }\n'))).toEqual(['7: route r1: unknown question "hostnig"']);
  });

  it('catches an unknown option value', () => {
    expect(lint(HEAD + route('    facts: { integration: offical }\n'))).toEqual(['7: route r1: unknown option "offical" for question "integration"']);
  });

  it('catches an option the platform does not have and a question that does not apply', () => {
    const problems = lint(HEAD + route('    facts: { integration: grey, hosting: eu }\n').replace('platform: whatsapp', 'platform: threema'));
    expect(problems).toEqual(['7: route r1: option "grey" of "integration" does not apply to threema', '7: route r1: "hosting" does not apply to this route (its condition is false for these answers)']);
  });

  it('refuses organisation questions, the platform as an answer, and unknown names in cannot_serve', () => {
    const problems = lint(
      HEAD + route('    facts: { integration: official, sector: health, platform: sms }\n    cannot_serve:\n      - when: { question: purpose, includes: marketing }\n        reason: { en: No., de: Nein. }\n'),
    );
    expect(problems).toEqual([
      '7: route r1: "sector" is an organisation question; a route changes only the channel',
      '7: route r1: set the platform with "platform:", not as an answer',
      '9: route r1: unknown question "purpose"',
    ]);
  });

  it('refuses a duplicate id, an unknown platform and an available route that implies nothing', () => {
    const problems = lint(HEAD + route('    facts: { integration: official }\n') + route('').replace('platform: whatsapp', 'platform: whatsap'));
    expect(problems).toEqual(['10: route r1: duplicate route id', '11: route r1: unknown platform "whatsap"', '10: route r1: an available route must imply at least one answer (its integration)']);
  });

  it('rejects malformed route data with a located error', () => {
    const file = join(tempDir('chanrisk-routes-'), 'routes.yaml');
    writeFileSync(file, `${HEAD}  - id: r1\n    platform: whatsapp\n    official: yes please\n    title: { en: Route, de: Weg }\n    sources: []\n    reviewed: 2026-11-01\n`);
    try {
      loadRoutes(file, questionnaire);
      expect.unreachable('malformed routes must throw');
    } catch (error) {
      expect(error).toBeInstanceOf(InputErrors);
      const messages = (error as InputErrors).errors.map((e) => e.format());
      expect(messages.some((m) => m.includes(`${file}:5:`) && m.includes('official'))).toBe(true);
    }
  });
});
