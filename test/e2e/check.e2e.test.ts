import { cpSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { cli, example, ROOT, tempDir } from '../helpers.js';

const LOCATION = /:\d+:\d+: /;

function configFile(text: string | Buffer, name = 'config.yaml'): string {
  const file = join(tempDir(), name);
  writeFileSync(file, text);
  return file;
}

const VALID_HEAD = `organisation:
  name: Test GmbH
channels:
  - id: wa
    platform: whatsapp
    answers:
      integration: official_api_partner
`;

describe('chanrisk check', () => {
  it('exits 1 on the unofficial-library marketing example and names the finding', () => {
    const run = cli(['check', example('whatsapp-unofficial-marketing.yaml')]);
    expect(run.code).toBe(1);
    expect(run.stdout).toContain('wa-unofficial-client');
    expect(run.stdout).toMatch(/CRITICAL/);
  });

  it('exits 0 on the well-run Cloud API example at the default threshold', () => {
    const run = cli(['check', example('whatsapp-cloud-api-service.yaml')]);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
  });

  it('gives byte-identical JSON for the same input, with a format version and the triggering answers', () => {
    const args = ['check', example('whatsapp-unofficial-marketing.yaml'), '--format', 'json', '--date', '2026-11-27'];
    const first = cli(args);
    expect(cli(args).stdout).toBe(first.stdout);
    const doc = JSON.parse(first.stdout);
    expect(doc.formatVersion).toBe(1);
    expect(doc.date).toBe('2026-11-27');
    const finding = doc.assessments[0].targets.find((t: { id: string }) => t.id === 'whatsapp-offers').findings.find((f: { rule: string }) => f.rule === 'wa-unofficial-client');
    expect(finding.triggers[0]).toMatchObject({ question: 'integration', value: 'unofficial_library', line: expect.any(Number) });
    expect(finding.sources.length).toBeGreaterThan(0);
  });

  it('checks several configs in one run and gates on the worst', () => {
    const run = cli(['check', example('whatsapp-cloud-api-service.yaml'), example('whatsapp-unofficial-marketing.yaml'), '--format', 'json']);
    expect(run.code).toBe(1);
    expect(JSON.parse(run.stdout).assessments).toHaveLength(2);
  });

  it('honours --fail-on', () => {
    expect(cli(['check', example('whatsapp-unofficial-marketing.yaml'), '--fail-on', 'never']).code).toBe(0);
    expect(cli(['check', example('whatsapp-cloud-api-service.yaml'), '--fail-on', 'low']).code).toBeLessThanOrEqual(1);
  });

  it('speaks German with --lang de', () => {
    const run = cli(['check', example('whatsapp-unofficial-marketing.yaml'), '--lang', 'de']);
    expect(run.stdout).toContain('KRITISCH');
    expect(run.stdout).toContain('1 Konfiguration,');
    expect(run.stdout).not.toContain('(en)');
  });

  it('prints plain text without colour codes when piped', () => {
    const run = cli(['check', example('whatsapp-unofficial-marketing.yaml')], { env: { NO_COLOR: undefined, FORCE_COLOR: undefined } });
    expect(run.stdout).not.toMatch(/\u001b\[/);
  });

  it('has help with examples and a version', () => {
    const help = cli(['check', '--help']);
    expect(help.code).toBe(0);
    expect(help.stdout).toContain('Examples:');
    expect(cli(['--version']).stdout).toMatch(/^\d+\.\d+\.\d+/);
  });

  it('exits 2 on usage errors', () => {
    expect(cli(['check']).code).toBe(2);
    expect(cli(['chek', 'x.yaml']).code).toBe(2);
    const format = cli(['check', example('whatsapp-cloud-api-service.yaml'), '--format', 'jsno']);
    expect(format.code).toBe(2);
    expect(format.stderr).toContain('did you mean "json"');
    expect(cli(['check', example('whatsapp-cloud-api-service.yaml'), '--date', '2026-02-30']).code).toBe(2);
  });
});

describe('bad input: exit 2, one located message, no stack trace', () => {
  const cases: [string, () => string, RegExp][] = [
    ['malformed YAML', () => configFile('organisation:\n  name: [unclosed\n'), /invalid YAML/],
    ['a wrong type', () => configFile(`${VALID_HEAD}      monthly_messages: lots\n`), /monthly_messages/],
    ['a misspelt key', () => configFile(`${VALID_HEAD}      purpose: [service]\n`), /unknown key "purpose".*\n.*did you mean "purposes"/],
    ['a misspelt option', () => configFile(`${VALID_HEAD}      initiation: customer_only\n`), /did you mean "customers_only"/],
    ['an unknown platform', () => configFile(VALID_HEAD.replace('platform: whatsapp', 'platform: whatsap')), /did you mean "whatsapp"/],
    ['an option the platform does not have', () => configFile(VALID_HEAD.replace('platform: whatsapp', 'platform: signal')), /does not apply to this channel/],
    ['a duplicate channel id', () => configFile(`${VALID_HEAD}  - id: wa\n    platform: sms\n`), /used twice/],
    ['a duplicate key', () => configFile(`${VALID_HEAD}      integration: personal_app\n`), /invalid YAML/],
    ['an empty file', () => configFile(''), /empty/],
    ['a binary file', () => configFile(Buffer.from([0x7f, 0x45, 0x4c, 0x46, 0, 1, 2])), /binary/],
    ['a directory', () => tempDir(), /directory/],
    ['a missing file', () => join(tempDir(), 'nope.yaml'), /no such file/],
    ['an alias bomb', () => configFile(`a: &a ["x","x","x","x","x","x","x","x","x"]\nb: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a]\nc: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b]\nd: &d [*c,*c,*c,*c,*c,*c,*c,*c,*c]\ne: &e [*d,*d,*d,*d,*d,*d,*d,*d,*d]\nf: [*e,*e,*e,*e,*e,*e,*e,*e,*e]\n`), /alias/],
    ['a 50 MB file', () => configFile(Buffer.alloc(50 * 1024 * 1024, 'a')), /larger than/],
    ['a __proto__ key', () => configFile(`organisation:\n  name: X\n  __proto__: { polluted: true }\nchannels: []\n`), /"__proto__" is not allowed/],
    ['a list as a key', () => configFile(`organisation:\n  name: X\n  ? [a, b]\n  : 1\nchannels: []\n`), /key must be a plain word/],
    ['a constructor key', () => configFile(`organisation:\n  name: X\nchannels:\n  - id: a\n    platform: sms\n    answers: { constructor: 1 }\n`), /"constructor" is not allowed/],
  ];

  for (const [name, make, message] of cases) {
    it(name, () => {
      const file = make();
      const run = cli(['check', file]);
      expect(run.code).toBe(2);
      expect(run.stdout).toBe('');
      expect(run.stderr).toMatch(message);
      expect(run.stderr).not.toMatch(/\n\s+at .+\(.*:\d+:\d+\)/);
      if (!/directory|missing/.test(name)) expect(run.stderr).toContain(file);
      if (!/directory|missing|binary|50 MB/.test(name)) expect(run.stderr).toMatch(LOCATION);
    });
  }

  it('names the line and column of the offending node', () => {
    const file = configFile(`${VALID_HEAD}      initiation: customer_only\n`);
    expect(cli(['check', file]).stderr).toContain(`${file}:8:19:`);
  });
});

describe('chanrisk rules', () => {
  it('lint and test pass on the built-in packs', () => {
    const lint = cli(['rules', 'lint']);
    expect(lint.code, lint.stderr).toBe(0);
    const test = cli(['rules', 'test']);
    expect(test.code, test.stderr).toBe(0);
    expect(test.stdout).toMatch(/\d+ passed, 0 failed/);
  });

  it('lint warns about built-in rules past their review date, and --fail-past-due makes that an error', () => {
    const late = ['rules', 'lint', '--date', '2030-01-01'];
    const warned = cli(late);
    expect(warned.code, warned.stderr).toBe(0);
    expect(warned.stderr).toMatch(/warning: rule wa-unofficial-client: past its review date (\d{4}-\d{2}-\d{2}) \(oldest source check \d{4}-\d{2}-\d{2} \+ review_days \d+\)/);
    const failed = cli([...late, '--fail-past-due']);
    expect(failed.code).toBe(2);
    expect(failed.stderr).toMatch(/error: rule wa-unofficial-client: past its review date/);
  }, 60_000); // two lint runs over the whole built-in base

  it("--fail-past-due leaves an organisation's own pack past its review date a warning", () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'ours.yaml'), OUR_PACK.replace('date: 2026-01-01, checked: 2026-11-01', 'date: 2019-06-01, checked: 2020-01-01'));
    const ours = cli(['rules', 'lint', '--rules', dir, '--date', '2026-12-02', '--fail-past-due']);
    expect(ours.code, ours.stderr).toBe(0);
    expect(ours.stderr).toMatch(/warning: rule our-rule: past its review date 2020-12-31/);
  });

  it('lint refuses a source checked before the date it carries', () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'ours.yaml'), OUR_PACK.replace('date: 2026-01-01', 'date: 2026-11-15'));
    const run = cli(['rules', 'lint', dir]);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/error: rule our-rule: sources\[0\] "Our policy": checked 2026-11-01, before its date 2026-11-15/);
  });

  it('lint exits 2 on a pack naming an unknown question, naming the rule and the id', () => {
    const dir = tempDir();
    const pack = cli(['rules', 'show', 'wa-unofficial-client']).code === 0;
    expect(pack).toBe(true);
    writeFileSync(
      join(dir, 'ours.yaml'),
      `pack: { id: ours, title: { en: Ours, de: Unsere }, version: "1" }
rules:
  - id: our-rule
    area: data_protection
    channels: ['*']
    title: { en: Ours, de: Unsere }
    condition: { question: no_such_question, equals: true }
    impact: limited
    likelihood: limited
    finding: { en: Finding text., de: Befundtext. }
    recommendation: { en: Do it., de: Machen. }
    mitigation: { set: { privacy_notice: true } }
    sources: [{ title: Our policy, citation: "Policy 1.2", date: 2026-01-01, checked: 2026-11-01 }]
    review_days: 365
    waivable: true
    tests: { fires: [{ answers: { privacy_notice: false } }], passes: [{ answers: { privacy_notice: true } }] }
`,
    );
    const run = cli(['rules', 'lint', dir]);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/ours\.yaml:3:\d+: error: rule our-rule: unknown question "no_such_question"/);
  });

  it('lint also checks the scan\'s library list of a rules folder', () => {
    const dir = join(tempDir(), 'rules');
    cpSync(join(ROOT, 'rules'), dir, { recursive: true });
    const file = join(dir, 'evidence.yaml');
    writeFileSync(file, readFileSync(file, 'utf8').replace(/platforms: \[whatsapp\]/, 'platforms: [whatsap]'));
    const run = cli(['rules', 'lint', dir]);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/evidence\.yaml:\d+:\d+: error: unknown platform "whatsap"/);
  });

  it('refuses a user pack that re-levels a non-waivable rule', () => {
    const dir = tempDir();
    mkdirSync(dir, { recursive: true });
    writeFileSync(join(dir, 'relax.yaml'), `pack: { id: relax, title: { en: Relax, de: Locker }, version: "1" }\noverrides:\n  - { rule: wa-unofficial-client, level: low, reason: we accept it }\n`);
    const run = cli(['check', example('whatsapp-unofficial-marketing.yaml'), '--rules', dir]);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/relax\.yaml:3:\d+: rule wa-unofficial-client is not waivable/);
  });

  it('lists rules as JSON and shows one rule with its sources', () => {
    const list = JSON.parse(cli(['rules', 'list', '--format', 'json']).stdout);
    expect(list.some((r: { id: string }) => r.id === 'wa-unofficial-client')).toBe(true);
    const show = cli(['rules', 'show', 'wa-unofficial-client', '--lang', 'de']);
    expect(show.stdout).toContain('https://www.whatsapp.com/legal/messaging-guidelines');
    expect(cli(['rules', 'show', 'no-such-rule']).code).toBe(2);
  });
});

/** A valid organisation pack with one rule, for the review-date tests. */
const OUR_PACK = `pack: { id: ours, title: { en: Ours, de: Unsere }, version: "1" }
rules:
  - id: our-rule
    area: data_protection
    channels: ['*']
    title: { en: Ours, de: Unsere }
    condition: { question: privacy_notice, equals: false }
    impact: limited
    likelihood: limited
    finding: { en: Finding text., de: Befundtext. }
    recommendation: { en: Do it., de: Machen. }
    mitigation: { set: { privacy_notice: true } }
    sources: [{ title: Our policy, citation: "Policy 1.2", date: 2026-01-01, checked: 2026-11-01 }]
    review_days: 365
    waivable: true
    tests: { fires: [{ answers: { privacy_notice: false } }], passes: [{ answers: { privacy_notice: true } }] }
`;
