import { describe, expect, it } from 'vitest';
import { parserFor, type Dependency } from '../src/evidence/manifests.js';

const parse = (file: string, text: string): Dependency[] => {
  const parser = parserFor(file);
  if (!parser) throw new Error(`no parser for ${file}`);
  return parser(text);
};
const at = (deps: Dependency[], name: string) => deps.find((d) => d.name === name)?.line;

describe('manifest parsers: dependency names with their lines', () => {
  it('package.json: every dependency section', () => {
    const deps = parse('package.json', '{\n  "name": "x",\n  "dependencies": {\n    "@whiskeysockets/baileys": "6"\n  },\n  "devDependencies": { "telegraf": "4" }\n}');
    expect(at(deps, '@whiskeysockets/baileys')).toBe(4);
    expect(at(deps, 'telegraf')).toBe(6);
    expect(at(deps, 'x')).toBeUndefined();
  });

  it('package-lock.json v3 (nested installs too) and v1', () => {
    const v3 = parse('package-lock.json', '{\n "packages": {\n  "": {},\n  "node_modules/a/node_modules/venom-bot": {}\n }\n}');
    expect(at(v3, 'venom-bot')).toBe(4);
    const v1 = parse('package-lock.json', '{\n "dependencies": {\n  "whatsapp-web.js": {\n   "dependencies": { "puppeteer": {} }\n  }\n }\n}');
    expect(at(v1, 'whatsapp-web.js')).toBe(3);
    expect(at(v1, 'puppeteer')).toBe(4);
  });

  it('pnpm-lock.yaml: importers and packages of v6 and v9', () => {
    const text = "lockfileVersion: '9.0'\nimporters:\n  .:\n    dependencies:\n      grammy:\n        specifier: ^1\npackages:\n  '@whiskeysockets/baileys@6.7.9':\n    resolution: {}\n  /venom-bot@5.0.0(x@1):\n    resolution: {}\n";
    const deps = parse('pnpm-lock.yaml', text);
    expect(at(deps, 'grammy')).toBe(5);
    expect(at(deps, '@whiskeysockets/baileys')).toBe(8);
    expect(at(deps, 'venom-bot')).toBe(10);
  });

  it('yarn.lock: classic and berry entry headers', () => {
    const deps = parse('yarn.lock', '# yarn lockfile v1\n\n"@open-wa/wa-automate@^4.0.0", "@open-wa/wa-automate@^4.1":\n  version "4.1.0"\n\nbaileys@npm:^6.0.0:\n  version: 6.0.0\n');
    expect(at(deps, '@open-wa/wa-automate')).toBe(3);
    expect(at(deps, 'baileys')).toBe(6);
  });

  it('requirements*.txt: names before specifiers, extras and markers; skips options and comments', () => {
    const deps = parse('requirements-dev.txt', '# comment\n-r base.txt\nTelethon[cryptg]>=1.30 ; python_version > "3.8"\npyrogram==2.0  # pinned\n');
    expect(deps.map((d) => [d.name, d.line])).toEqual([
      ['Telethon', 3],
      ['pyrogram', 4],
    ]);
  });

  it('pyproject.toml: PEP 621 arrays and Poetry tables', () => {
    const text = '[project]\nname = "bot"\ndependencies = [\n  "aiogram>=3",\n  "neonize",\n]\n[project.optional-dependencies]\nuser = ["telethon"]\n[tool.poetry.dependencies]\npython = "^3.11"\npython-telegram-bot = "^21"\n';
    const deps = parse('pyproject.toml', text);
    expect(at(deps, 'aiogram')).toBe(4);
    expect(at(deps, 'neonize')).toBe(5);
    expect(at(deps, 'telethon')).toBe(8);
    expect(at(deps, 'python-telegram-bot')).toBe(11);
    expect(at(deps, 'python')).toBeUndefined();
    expect(at(deps, 'bot')).toBeUndefined();
  });

  it('Pipfile, go.mod, composer.json, Gemfile, pom.xml, build.gradle', () => {
    expect(at(parse('Pipfile', '[packages]\nyowsup2 = "*"\n[dev-packages]\n"twilio" = "*"\n'), 'yowsup2')).toBe(2);
    const go = parse('go.mod', 'module x\n\nrequire github.com/gotd/td v0.1.0\nrequire (\n\tgo.mau.fi/whatsmeow v0.0.0-2024 // indirect\n)\n');
    expect(at(go, 'github.com/gotd/td')).toBe(3);
    expect(at(go, 'go.mau.fi/whatsmeow')).toBe(5);
    expect(at(parse('composer.json', '{\n  "require": {\n    "twilio/sdk": "^8"\n  }\n}'), 'twilio/sdk')).toBe(3);
    expect(at(parse('Gemfile', "source 'https://rubygems.org'\ngem 'twilio-ruby', '~> 7'\n"), 'twilio-ruby')).toBe(2);
    const pom = '<dependencies>\n  <dependency>\n    <groupId>com.twilio.sdk</groupId>\n    <artifactId>twilio</artifactId>\n  </dependency>\n</dependencies>\n';
    expect(at(parse('pom.xml', pom), 'com.twilio.sdk:twilio')).toBe(4);
    expect(at(parse('build.gradle.kts', 'dependencies {\n  implementation("org.telegram:telegrambots:6.9.7.1")\n}\n'), 'org.telegram:telegrambots')).toBe(2);
  });

  it('does not claim files that are not manifests', () => {
    expect(parserFor('README.md')).toBeUndefined();
    expect(parserFor('requirements.in')).toBeUndefined();
  });
});
