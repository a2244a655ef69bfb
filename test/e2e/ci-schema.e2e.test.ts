import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import Ajv2020 from 'ajv/dist/2020.js';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import { cli, example, ROOT, tempDir } from '../helpers.js';

const SCHEMA_FILE = join(ROOT, 'schema', 'chanrisk-config.schema.json');

describe('chanrisk schema', () => {
  const run = cli(['schema']);

  it('prints the JSON Schema of the channel config, the same as the committed file', () => {
    expect(run.code).toBe(0);
    // Stale after a questionnaire change? Regenerate: npm run build && node dist/chanrisk.js schema > schema/chanrisk-config.schema.json
    expect(run.stdout).toBe(readFileSync(SCHEMA_FILE, 'utf8'));
  });

  it('accepts the examples and rejects a misspelt answer', () => {
    const validate = new Ajv2020.default({ strict: false }).compile(JSON.parse(run.stdout));
    for (const name of ['whatsapp-cloud-api-service.yaml', 'whatsapp-unofficial-marketing.yaml']) {
      const config = parse(readFileSync(example(name), 'utf8'));
      expect(validate(config) ? [] : validate.errors).toEqual([]);
    }
    const wrong = parse(readFileSync(example('whatsapp-cloud-api-service.yaml'), 'utf8'));
    wrong.channels[0].answers.integration = 'official_api_partnr';
    expect(validate(wrong)).toBe(false);
  });
});

describe('chanrisk init', () => {
  it('writes a commented starter config pointing at the schema, which check accepts (no exit 2)', () => {
    const dir = tempDir();
    const file = join(dir, 'chanrisk.yaml');
    const run = cli(['init', file]);
    expect(run.code).toBe(0);
    const text = readFileSync(file, 'utf8');
    const [first = ''] = text.split('\n');
    expect(first).toMatch(/^# yaml-language-server: \$schema=\S+chanrisk-config\.schema\.json$/);
    const ref = first.slice(first.indexOf('=') + 1);
    expect(existsSync(join(dir, ref))).toBe(true);
    const check = cli(['check', file]);
    expect([0, 1]).toContain(check.code);
    expect(check.stderr).toBe('');
  });

  it('writes German comments with --lang de', () => {
    const file = join(tempDir(), 'kanal.yaml');
    expect(cli(['init', file, '--lang', 'de']).code).toBe(0);
    expect(readFileSync(file, 'utf8')).toContain('# Wo ist Ihre Organisation niedergelassen?');
  });

  it('refuses to overwrite an existing file (exit 2) and leaves it untouched', () => {
    const file = join(tempDir(), 'chanrisk.yaml');
    writeFileSync(file, 'mine\n');
    const run = cli(['init', file]);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('exists already');
    expect(readFileSync(file, 'utf8')).toBe('mine\n');
  });
});
