import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { cli, tempDir } from '../helpers.js';

// A shop that declares the Cloud API through a partner, but whose package.json and lockfile pull in Baileys.
const REPO = join('test', 'fixtures', 'scan-repo');
const CONFIG = join(REPO, 'chanrisk.yaml');

describe('chanrisk scan', () => {
  it('finds Baileys in the manifest and the lockfile, with file and line', () => {
    const run = cli(['scan', REPO]);
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('test/fixtures/scan-repo/package.json:6  @whiskeysockets/baileys  whatsapp  UNOFFICIAL client');
    expect(run.stdout).toContain('test/fixtures/scan-repo/package-lock.json:15  @whiskeysockets/baileys');
    expect(run.stdout).toMatch(/2 manifests read, 2 messenger integrations found, 0 unreadable/);
  });

  it('gives JSON in German on request', () => {
    const run = cli(['scan', REPO, '--format', 'json', '--lang', 'de']);
    expect(run.code).toBe(0);
    const doc = JSON.parse(run.stdout);
    expect(doc.complete).toBe(true);
    expect(doc.hits[0]).toMatchObject({ package: '@whiskeysockets/baileys', kind: 'unofficial', integration: 'unofficial_library', platforms: ['whatsapp'] });
    expect(doc.hits[0].note).toContain('inoffizielle');
  });

  it('reports a manifest it cannot parse on stderr and carries on', () => {
    const dir = tempDir();
    mkdirSync(join(dir, 'bot'));
    writeFileSync(join(dir, 'bot', 'requirements.txt'), 'telethon==1.36\n');
    writeFileSync(join(dir, 'composer.json'), '{ "require": ');
    const run = cli(['scan', dir]);
    expect(run.code).toBe(0);
    expect(run.stderr).toMatch(/^warning: .*composer\.json: unreadable \(invalid JSON/m);
    expect(run.stdout).toMatch(/bot\/requirements\.txt:1 {2}telethon {2}telegram {2}user-account client \(grey\)/);
  });

  it('exits 2 for a folder that does not exist', () => {
    const run = cli(['scan', join(REPO, 'missing')]);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('no such folder');
  });
});

describe('chanrisk check --scan', () => {
  it("passes on chanrisk's own repository: its test fixtures and examples are not evidence, and it says what it skipped", () => {
    const run = cli(['check', 'examples/whatsapp-cloud-api-service.yaml', '--scan', '.', '--date', '2026-11-27']);
    expect(run.stderr).toMatch(/^scan: \d+ paths not counted as evidence \(tests, examples, docs or --scan-exclude\): .*test/m);
    expect(run.stdout).not.toContain('evidence-contradiction');
    expect(run.code).toBe(0);
    const json = cli(['scan', '.', '--format', 'json', '--scan-exclude', 'src/**']);
    expect(JSON.parse(json.stdout).skipped).toEqual(expect.arrayContaining(['test', 'examples', 'src']));
  });


  it('judges the channel by the code and reports the contradiction with the declared integration', () => {
    const plain = cli(['check', CONFIG, '--format', 'json', '--date', '2026-11-27']);
    const rulesOf = (stdout: string) => JSON.parse(stdout).assessments[0].targets.find((t: { id: string }) => t.id === 'whatsapp-orders').findings;
    expect(rulesOf(plain.stdout).map((f: { rule: string }) => f.rule)).not.toContain('wa-unofficial-client');

    const run = cli(['check', CONFIG, '--scan', REPO, '--format', 'json', '--date', '2026-11-27']);
    expect(run.code).toBe(1);
    const findings = rulesOf(run.stdout);
    const unofficial = findings.find((f: { rule: string }) => f.rule === 'wa-unofficial-client');
    expect(unofficial.level).toMatch(/high|critical/);
    expect(unofficial.triggers.find((t: { question: string }) => t.question === 'integration')).toMatchObject({
      value: 'unofficial_library',
      evidence: { package: '@whiskeysockets/baileys', file: expect.stringMatching(/scan-repo\/package(-lock)?\.json$/) },
    });
    const contradiction = findings.find((f: { rule: string }) => f.rule === 'evidence-contradiction');
    expect(contradiction).toMatchObject({ level: 'high', area: 'api_officiality', status: 'active' });
    expect(contradiction.finding).toContain('Declared: official_api_partner');
  });

  it('shows the evidence in the text output', () => {
    const run = cli(['check', CONFIG, '--scan', REPO, '--date', '2026-11-27']);
    expect(run.code).toBe(1);
    expect(run.stdout).toMatch(/evidence-contradiction\s+The code contradicts the declared integration/);
    expect(run.stdout).toMatch(/integration = unofficial_library \[@whiskeysockets\/baileys @ test\/fixtures\/scan-repo\/package/);
  });
});

describe('accepting the evidence contradiction', () => {
  // A Telegram bot declared as a bot, in a repository that also holds an MTProto tool (Telethon).
  const repo = tempDir();
  writeFileSync(join(repo, 'requirements.txt'), 'telethon==1.36\n');
  const config = (acceptance: string) =>
    `chanrisk: 1\norganisation:\n  name: T\n  answers: { country: de, sector: retail, customers: consumers }\nchannels:\n  - id: tg\n    platform: telegram\n    answers: { integration: official_api_direct }\n${acceptance}`;
  const accepted = `accepted_risks:\n  - rule: evidence-contradiction\n    channel: tg\n    reason: the MTProto tool archives our own channel, it sends nothing\n    owner: Ops\n    approver: Dana Berater, DPO\n    expires: 2027-06-30\n`;

  it('is a governed risk: no "unknown rule", the finding shows as accepted with its approver, and it no longer gates', () => {
    const file = join(repo, 'chanrisk.yaml');
    writeFileSync(file, config(accepted));
    const run = cli(['check', file, '--scan', repo, '--format', 'json', '--date', '2026-11-27', '--fail-on', 'never']);
    expect(run.code).toBe(0);
    const findings = JSON.parse(run.stdout).assessments[0].targets.find((t: { id: string }) => t.id === 'tg').findings;
    expect(findings.find((f: { rule: string }) => f.rule === 'evidence-contradiction')).toMatchObject({ status: 'accepted', acceptance: { approver: 'Dana Berater, DPO' } });
    // The user-account findings stay: accepting the contradiction does not waive what the library itself means.
    expect(findings.find((f: { rule: string }) => f.rule === 'tg-user-account-automation')).toMatchObject({ status: 'active' });
    expect(cli(['check', file, '--date', '2026-11-27', '--fail-on', 'never']).code).toBe(0);
    expect(cli(['report', file, '--date', '2026-11-27', '-o', join(repo, 'r.md')]).code).toBe(0);
  });

  it('--scan-exclude on check leaves the tool out of the evidence for every channel', () => {
    const file = join(repo, 'plain.yaml');
    writeFileSync(file, config(''));
    const run = cli(['check', file, '--scan', repo, '--scan-exclude', 'requirements.txt', '--format', 'json', '--date', '2026-11-27', '--fail-on', 'never']);
    const rules = JSON.parse(run.stdout).assessments[0].targets.find((t: { id: string }) => t.id === 'tg').findings.map((f: { rule: string }) => f.rule);
    expect(rules).not.toContain('evidence-contradiction');
    expect(run.stderr).toContain('--scan-exclude): requirements.txt');
  });

  it('with code_paths that leave the tool out, the channel is judged by its own code and passes the gate the bot passes', () => {
    // The tool's manifest lives in its own folder here: a root manifest would govern the bot's folder too.
    const split = tempDir();
    mkdirSync(join(split, 'bot'), { recursive: true });
    mkdirSync(join(split, 'tools', 'mtproto'), { recursive: true });
    writeFileSync(join(split, 'bot', 'requirements.txt'), 'python-telegram-bot==21.6\n');
    writeFileSync(join(split, 'tools', 'mtproto', 'requirements.txt'), 'telethon==1.36\n');
    const file = join(split, 'paths.yaml');
    writeFileSync(file, config('').replace('    answers: { integration: official_api_direct }\n', '    answers: { integration: official_api_direct }\n    code_paths: [bot/**]\n'));
    const withPaths = cli(['check', file, '--scan', split, '--format', 'json', '--date', '2026-11-27', '--fail-on', 'never']);
    const rules = JSON.parse(withPaths.stdout).assessments[0].targets.find((t: { id: string }) => t.id === 'tg').findings.map((f: { rule: string }) => f.rule);
    expect(rules).not.toContain('evidence-contradiction');
    expect(rules).not.toContain('tg-user-account-automation');
  });
});
