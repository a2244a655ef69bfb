import { mkdirSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadEvidenceCatalogue } from '../src/evidence/catalogue.js';
import { evaluateWithEvidence } from '../src/evidence/merge.js';
import { DEFAULT_LIMITS, scanTree } from '../src/evidence/scan.js';
import { parseConfig } from '../src/config/load.js';
import { loadPolicyStrict } from '../src/policy/load.js';
import { InputError } from '../src/util/errors.js';
import { tempDir } from './helpers.js';

const policy = loadPolicyStrict();
const catalogue = loadEvidenceCatalogue(policy.questionnaire);
const write = (path: string, text: string) => {
  mkdirSync(join(path, '..'), { recursive: true });
  writeFileSync(path, text);
};
const dependsOn = (name: string) => JSON.stringify({ dependencies: { [name]: '1.0.0' } });

describe('the evidence catalogue (rules/evidence.yaml)', () => {
  it('knows the unofficial WhatsApp clients under all their package names, and the grey Telegram user clients', async () => {
    for (const name of ['npm:@whiskeysockets/baileys', 'npm:@adiwajshing/baileys', 'npm:baileys', 'npm:whatsapp-web.js', 'go:go.mau.fi/whatsmeow', 'pypi:neonize']) {
      expect(catalogue.byPackage.get(name)?.kind).toBe('unofficial');
    }
    expect(catalogue.byPackage.get('pypi:telethon')?.kind).toBe('user_account');
    expect(catalogue.byPackage.get('npm:telegraf')?.kind).toBe('bot');
    expect(catalogue.byPackage.get('npm:twilio')?.kind).toBe('partner');
  });

  it('knows forks, split artifacts and official SDKs under the names their registries use', () => {
    const kind = (key: string) => catalogue.byPackage.get(key)?.kind;
    for (const fork of ['npm:whaileys', 'npm:@fizzxydev/baileys-pro', 'pypi:pywhatkit', 'pypi:instagrapi']) expect(kind(fork)).toBe('unofficial');
    for (const fork of ['pypi:tulir-telethon', 'pypi:pyrofork', 'pypi:kurigram']) expect(kind(fork)).toBe('user_account');
    for (const artifact of ['telegrambots-client', 'telegrambots-longpolling', 'telegrambots-webhook', 'telegrambots-meta', 'telegrambots-abilities', 'telegrambots-springboot-webhook-starter']) {
      expect(kind(`maven:org.telegram:${artifact}`)).toBe('bot');
    }
    for (const sdk of ['rubygems:facebook-messenger', 'rubygems:koala', 'composer:netflie/whatsapp-cloud-api']) expect(kind(sdk)).toBe('official');
    expect(catalogue.byPackage.get('npm:whatsapp')?.note.en).toMatch(/unmaintained/);
  });

  it('rejects a library list naming an integration the questionnaire does not have, with the line', async () => {
    const dir = tempDir();
    const file = join(dir, 'evidence.yaml');
    writeFileSync(file, 'version: "1"\nlibraries:\n  - id: x\n    platforms: [whatsapp]\n    kind: unofficial\n    integration: grey_magic\n    packages: { npm: [x] }\n    note: { en: a, de: b }\ncontradiction: { id: c, area: api_officiality, impact: limited, likelihood: limited, title: { en: a, de: b }, finding: { en: a, de: b }, recommendation: { en: a, de: b }, sources: [{ title: abc, url: "https://example.org" }], reviewed: 2026-11-27, waivable: true }\n');
    expect(() => loadEvidenceCatalogue(policy.questionnaire, file)).toThrow(/integration "grey_magic"/);
  });
});

describe('scanTree', () => {
  it('reads manifests in the tree, skips dependency and vendored folders, and reports a broken manifest', async () => {
    const dir = tempDir();
    write(join(dir, 'app', 'package.json'), dependsOn('whatsapp-web.js'));
    write(join(dir, 'node_modules', 'x', 'package.json'), dependsOn('venom-bot'));
    write(join(dir, 'vendor', 'y', 'composer.json'), JSON.stringify({ require: { 'twilio/sdk': '8' } }));
    write(join(dir, '.git', 'package.json'), dependsOn('baileys'));
    write(join(dir, 'broken', 'package.json'), '{ "dependencies": ');
    const report = await scanTree(dir, catalogue);
    expect(report.hits.map((h) => [h.file.slice(dir.length), h.package])).toEqual([['/app/package.json', 'whatsapp-web.js']]);
    expect(report.problems).toHaveLength(1);
    expect(report.problems[0]?.file).toMatch(/broken\/package\.json$/);
    expect(report.truncated).toBeUndefined();
  });

  it('leaves tests, fixtures, examples and docs out, lists them, and takes --scan-exclude globs for folders and files', async () => {
    const dir = tempDir();
    write(join(dir, 'services', 'api', 'package.json'), dependsOn('twilio'));
    write(join(dir, 'services', 'api', 'test', 'fixtures', 'package.json'), dependsOn('baileys'));
    write(join(dir, 'examples', 'bot', 'requirements.txt'), 'telethon\n');
    write(join(dir, 'docs', 'package.json'), dependsOn('venom-bot'));
    write(join(dir, '__tests__', 'package.json'), dependsOn('venom-bot'));
    write(join(dir, 'tools', 'legacy', 'package.json'), dependsOn('whatsapp-web.js'));
    write(join(dir, 'tools', 'pinned', 'requirements-old.txt'), 'yowsup\n');
    const plain = await scanTree(dir, catalogue);
    expect(plain.hits.map((h) => h.path)).toEqual(['services/api/package.json', 'tools/legacy/package.json', 'tools/pinned/requirements-old.txt']);
    expect(plain.skipped).toEqual(['__tests__', 'docs', 'examples', 'services/api/test']);
    const excluded = await scanTree(dir, catalogue, { exclude: ['tools/legacy', '**/requirements-old.txt'] });
    expect(excluded.hits.map((h) => h.path)).toEqual(['services/api/package.json']);
    expect(excluded.skipped).toEqual(['__tests__', 'docs', 'examples', 'services/api/test', 'tools/legacy', 'tools/pinned/requirements-old.txt']);
  });

  it('scans a folder named like a test folder when it is the folder asked for', async () => {
    const dir = join(tempDir(), 'fixtures');
    write(join(dir, 'package.json'), dependsOn('baileys'));
    expect((await scanTree(dir, catalogue)).hits).toHaveLength(1);
  });

  it('follows -r includes inside the tree once, even in a cycle, and says when one lies outside', async () => {
    const dir = tempDir();
    write(join(dir, 'requirements.txt'), '-r deps/common.pip\n-r ../outside.txt\naiogram\n');
    write(join(dir, 'deps', 'common.pip'), '-r ../requirements.txt\nneonize\n');
    const report = await scanTree(dir, catalogue);
    expect(report.hits.map((h) => [h.path, h.package, h.line])).toEqual([
      ['deps/common.pip', 'neonize', 2],
      ['requirements.txt', 'aiogram', 3],
    ]);
    expect(report.manifests).toBe(2);
    expect(report.problems).toEqual([{ file: expect.stringMatching(/requirements\.txt:2$/), reason: '-r ../outside.txt: not found inside the scanned folder' }]);
  });

  it('does not follow symlinks out of the tree', async () => {
    const outside = tempDir();
    write(join(outside, 'package.json'), dependsOn('baileys'));
    const dir = tempDir();
    symlinkSync(join(outside, 'package.json'), join(dir, 'package.json'));
    symlinkSync(outside, join(dir, 'linked'));
    expect((await scanTree(dir, catalogue)).hits).toEqual([]);
  });

  it('stops at its bounds and says the result may be incomplete', async () => {
    const dir = tempDir();
    for (let i = 0; i < 20; i++) write(join(dir, `p${i}`, 'package.json'), dependsOn('baileys'));
    const report = await scanTree(dir, catalogue, { limits: { ...DEFAULT_LIMITS, maxEntries: 5 } });
    expect(report.truncated).toBe('files');
    expect(report.hits.length).toBeLessThan(20);
  });

  it('refuses a folder that does not exist (exit 2)', async () => {
    await expect(scanTree('/nonexistent/chanrisk', catalogue)).rejects.toThrow(InputError);
  });
});

describe('evaluateWithEvidence', async () => {
  const config = `organisation:\n  name: E\nchannels:\n  - id: wa\n    platform: whatsapp\n    answers: { integration: official_api_partner }\n  - id: tg\n    platform: telegram\n    answers: { integration: official_api_direct }\n`;
  const assessment = parseConfig(config, 'e.yaml', policy.questionnaire).assessment;
  const dir = tempDir();
  write(join(dir, 'package.json'), dependsOn('@whiskeysockets/baileys'));
  const hits = (await scanTree(dir, catalogue)).hits;
  const result = evaluateWithEvidence(policy, assessment, hits, catalogue.contradiction, { date: '2026-11-27' });
  const rules = (id: string) => result.targets.find((t) => t.id === id)?.findings.map((f) => f.rule) ?? [];

  it('evaluates the channel on that platform with the integration the code shows, marking the trigger as evidence', async () => {
    expect(rules('wa')).toContain('wa-unofficial-client');
    const trigger = result.targets.find((t) => t.id === 'wa')?.findings.find((f) => f.rule === 'wa-unofficial-client')?.triggers.find((t) => t.question === 'integration');
    expect(trigger?.evidence).toMatchObject({ line: 1, package: '@whiskeysockets/baileys' });
  });

  it('reports the contradiction as its own finding and leaves other platforms alone', async () => {
    const contradiction = result.targets.find((t) => t.id === 'wa')?.findings.find((f) => f.rule === 'evidence-contradiction');
    expect(contradiction).toMatchObject({ level: 'high', area: 'api_officiality', status: 'active' });
    expect(contradiction?.triggers[0]?.value).toBe('official_api_partner');
    expect(rules('tg')).not.toContain('evidence-contradiction');
  });
});

describe('code_paths: each channel is judged by its own code', async () => {
  const dir = tempDir();
  write(join(dir, 'services', 'api', 'package.json'), dependsOn('twilio'));
  write(join(dir, 'tools', 'legacy', 'package.json'), dependsOn('@whiskeysockets/baileys'));
  const hits = (await scanTree(dir, catalogue)).hits;
  const channel = (id: string, integration: string, paths?: string) =>
    `  - id: ${id}\n    platform: whatsapp\n    answers: { integration: ${integration} }\n${paths ? `    code_paths: [${paths}]\n` : ''}`;
  const evaluate = (channels: string) => {
    const assessment = parseConfig(`organisation:\n  name: E\nchannels:\n${channels}`, 'e.yaml', policy.questionnaire).assessment;
    const result = evaluateWithEvidence(policy, assessment, hits, catalogue.contradiction, { date: '2026-11-27' });
    return (id: string) => result.targets.find((t) => t.id === id)?.findings.map((f) => f.rule) ?? [];
  };

  it('an official route in services/api and Baileys in tools/legacy: each channel sees only its folders', () => {
    const rules = evaluate(channel('api', 'official_api_partner', 'services/api/**') + channel('legacy', 'unofficial_library', '"tools/legacy/**"'));
    expect(rules('api')).not.toContain('evidence-contradiction');
    expect(rules('api')).not.toContain('wa-unofficial-client');
    expect(rules('legacy')).toContain('wa-unofficial-client');
    expect(rules('legacy')).not.toContain('evidence-contradiction');
  });

  it('without code_paths the whole repository counts, as before', () => {
    const rules = evaluate(channel('api', 'official_api_partner'));
    expect(rules('api')).toContain('evidence-contradiction');
    expect(rules('api')).toContain('wa-unofficial-client');
  });

  it('a dependency declared in a folder above the code paths governs them: a glob naming a subfolder, or nothing, cannot hide it', async () => {
    const single = tempDir();
    write(join(single, 'package.json'), dependsOn('@whiskeysockets/baileys'));
    write(join(single, 'package-lock.json'), '{}');
    const rootHits = (await scanTree(single, catalogue)).hits;
    for (const paths of ['src/api/meta/**', 'srcc/typo/**']) {
      const assessment = parseConfig(`organisation:\n  name: E\nchannels:\n${channel('api', 'official_api_partner', paths)}`, 'e.yaml', policy.questionnaire).assessment;
      const result = evaluateWithEvidence(policy, assessment, rootHits, catalogue.contradiction, { date: '2026-11-27' });
      expect(result.targets.find((t) => t.id === 'api')?.findings.map((f) => f.rule), paths).toContain('evidence-contradiction');
    }
  });

  it('a contradiction found inside the channel\'s own paths is still reported, and can be accepted (waivable)', () => {
    const assessment = parseConfig(`organisation:\n  name: E\nchannels:\n${channel('api', 'official_api_partner', 'tools/**')}`, 'e.yaml', policy.questionnaire).assessment;
    const result = evaluateWithEvidence(policy, assessment, hits, catalogue.contradiction, { date: '2026-11-27' });
    expect(result.targets.find((t) => t.id === 'api')?.findings.find((f) => f.rule === 'evidence-contradiction')).toMatchObject({ waivable: true });
  });
});
