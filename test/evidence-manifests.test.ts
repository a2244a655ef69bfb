import { describe, expect, it } from 'vitest';
import { parserFor, type Dependency } from '../src/evidence/manifests.js';

const parse = async (file: string, text: string): Promise<Dependency[]> => {
  const parser = await parserFor(file);
  if (!parser) throw new Error(`no parser for ${file}`);
  return parser(text);
};
const at = (deps: Dependency[], name: string) => deps.find((d) => d.name === name)?.line;

describe('manifest parsers: dependency names with their lines', () => {
  it('package.json: every dependency section', async () => {
    const deps = await parse('package.json', '{\n  "name": "x",\n  "dependencies": {\n    "@whiskeysockets/baileys": "6"\n  },\n  "devDependencies": { "telegraf": "4" }\n}');
    expect(at(deps, '@whiskeysockets/baileys')).toBe(4);
    expect(at(deps, 'telegraf')).toBe(6);
    expect(at(deps, 'x')).toBeUndefined();
  });

  it('package-lock.json v3 (nested installs too) and v1', async () => {
    const v3 = await parse('package-lock.json', '{\n "packages": {\n  "": {},\n  "node_modules/a/node_modules/venom-bot": {}\n }\n}');
    expect(at(v3, 'venom-bot')).toBe(4);
    const v1 = await parse('package-lock.json', '{\n "dependencies": {\n  "whatsapp-web.js": {\n   "dependencies": { "puppeteer": {} }\n  }\n }\n}');
    expect(at(v1, 'whatsapp-web.js')).toBe(3);
    expect(at(v1, 'puppeteer')).toBe(4);
  });

  it('pnpm-lock.yaml: importers and packages of v6 and v9', async () => {
    const text = "lockfileVersion: '9.0'\nimporters:\n  .:\n    dependencies:\n      grammy:\n        specifier: ^1\npackages:\n  '@whiskeysockets/baileys@6.7.9':\n    resolution: {}\n  /venom-bot@5.0.0(x@1):\n    resolution: {}\n";
    const deps = await parse('pnpm-lock.yaml', text);
    expect(at(deps, 'grammy')).toBe(5);
    expect(at(deps, '@whiskeysockets/baileys')).toBe(8);
    expect(at(deps, 'venom-bot')).toBe(10);
  });

  it('yarn.lock: classic and berry entry headers', async () => {
    const deps = await parse('yarn.lock', '# yarn lockfile v1\n\n"@open-wa/wa-automate@^4.0.0", "@open-wa/wa-automate@^4.1":\n  version "4.1.0"\n\nbaileys@npm:^6.0.0:\n  version: 6.0.0\n');
    expect(at(deps, '@open-wa/wa-automate')).toBe(3);
    expect(at(deps, 'baileys')).toBe(6);
  });

  it('requirements*.txt: names before specifiers, extras and markers; skips options and comments', async () => {
    const deps = await parse('requirements-dev.txt', '# comment\n-r base.txt\nTelethon[cryptg]>=1.30 ; python_version > "3.8"\npyrogram==2.0  # pinned\n');
    expect(deps.map((d) => [d.name, d.line])).toEqual([
      ['Telethon', 3],
      ['pyrogram', 4],
    ]);
  });

  it('pyproject.toml: PEP 621 arrays and Poetry tables', async () => {
    const text = '[project]\nname = "bot"\ndependencies = [\n  "aiogram>=3",\n  "neonize",\n]\n[project.optional-dependencies]\nuser = ["telethon"]\n[tool.poetry.dependencies]\npython = "^3.11"\npython-telegram-bot = "^21"\n';
    const deps = await parse('pyproject.toml', text);
    expect(at(deps, 'aiogram')).toBe(4);
    expect(at(deps, 'neonize')).toBe(5);
    expect(at(deps, 'telethon')).toBe(8);
    expect(at(deps, 'python-telegram-bot')).toBe(11);
    expect(at(deps, 'python')).toBeUndefined();
    expect(at(deps, 'bot')).toBeUndefined();
  });

  it('Pipfile, go.mod, composer.json, Gemfile, pom.xml, build.gradle', async () => {
    expect(at(await parse('Pipfile', '[packages]\nyowsup2 = "*"\n[dev-packages]\n"twilio" = "*"\n'), 'yowsup2')).toBe(2);
    const go = await parse('go.mod', 'module x\n\nrequire github.com/gotd/td v0.1.0\nrequire (\n\tgo.mau.fi/whatsmeow v0.0.0-2024 // indirect\n)\n');
    expect(at(go, 'github.com/gotd/td')).toBe(3);
    expect(at(go, 'go.mau.fi/whatsmeow')).toBe(5);
    expect(at(await parse('composer.json', '{\n  "require": {\n    "twilio/sdk": "^8"\n  }\n}'), 'twilio/sdk')).toBe(3);
    expect(at(await parse('Gemfile', "source 'https://rubygems.org'\ngem 'twilio-ruby', '~> 7'\n"), 'twilio-ruby')).toBe(2);
    const pom = '<dependencies>\n  <dependency>\n    <groupId>com.twilio.sdk</groupId>\n    <artifactId>twilio</artifactId>\n  </dependency>\n</dependencies>\n';
    expect(at(await parse('pom.xml', pom), 'com.twilio.sdk:twilio')).toBe(4);
    expect(at(await parse('build.gradle.kts', 'dependencies {\n  implementation("org.telegram:telegrambots:6.9.7.1")\n}\n'), 'org.telegram:telegrambots')).toBe(2);
  });

  it('does not claim files that are not manifests', async () => {
    expect(await parserFor('README.md')).toBeUndefined();
    expect(await parserFor('MANIFEST.in')).toBeUndefined();
  });
});

describe('manifest parsers: formats read by real parsers keep every dependency and its line', () => {
  it('pyproject.toml: an extra in brackets does not end the array, and [tool.uv] settings are no dependencies', async () => {
    const text = [
      '[project]',
      'name = "bot"',
      'dependencies = [',
      '  "uvicorn[standard]>=0.30",',
      '  "fastapi",',
      "  'telethon>=1.36',",
      ']',
      '[tool.uv]',
      'cache-keys = [{ file = "pyproject.toml" }, "neonize"]',
      'dev-dependencies = ["pytest"]',
      '[dependency-groups]',
      'lint = ["ruff", { include-group = "test" }]',
      '[tool.poetry.group.tg.dependencies]',
      'pyrogram = { version = "^2" }',
    ].join('\n');
    const deps = await parse('pyproject.toml', text);
    expect(deps.map((d) => [d.name, d.line])).toEqual([
      ['uvicorn', 4],
      ['fastapi', 5],
      ['telethon', 6],
      ['ruff', 12],
      ['pytest', 10],
      ['pyrogram', 14],
    ]);
  });

  it('a broken TOML file is a manifest error with its position', async () => {
    await expect(parse('pyproject.toml', '[project]\ndependencies = [\n')).rejects.toThrow(/invalid TOML at \d+:\d+/);
  });

  it('pom.xml: dependencies anywhere (management, profiles, plugins), not in comments, at the artifactId line', async () => {
    const pom = [
      '<project>',
      '  <!-- <dependency><groupId>com.twilio.sdk</groupId><artifactId>twilio</artifactId></dependency> -->',
      '  <dependencyManagement><dependencies>',
      '    <dependency>',
      '      <groupId>org.telegram</groupId>',
      '      <artifactId>telegrambots-client</artifactId>',
      '    </dependency>',
      '  </dependencies></dependencyManagement>',
      '  <profiles><profile><dependencies><dependency><groupId>com.vonage</groupId><artifactId>client</artifactId></dependency></dependencies></profile></profiles>',
      '</project>',
    ].join('\n');
    const deps = await parse('pom.xml', pom);
    expect(deps.map((d) => [d.name, d.line])).toEqual([
      ['org.telegram:telegrambots-client', 6],
      ['com.vonage:client', 9],
    ]);
    await expect(parse('pom.xml', '<project><dependencies></project>')).rejects.toThrow(/invalid XML at 1:/);
  });

  it('package.json and lockfiles: npm aliases name the installed package', async () => {
    const pkg = await parse('package.json', '{\n  "dependencies": {\n    "wa": "npm:@whiskeysockets/baileys@^6.7.0",\n    "tg": "npm:telegraf"\n  }\n}');
    expect(pkg.map((d) => [d.name, d.line])).toEqual([
      ['@whiskeysockets/baileys', 3],
      ['telegraf', 4],
    ]);
    const lock = await parse('package-lock.json', '{\n "packages": {\n  "node_modules/wa": {\n   "name": "@whiskeysockets/baileys",\n   "version": "6.7.0"\n  }\n }\n}');
    expect(lock.map((d) => [d.name, d.line])).toEqual([['@whiskeysockets/baileys', 3]]);
    const yarn = await parse('yarn.lock', '"wa@npm:@whiskeysockets/baileys@^6":\n  version "6.7.0"\n');
    expect(at(yarn, '@whiskeysockets/baileys')).toBe(1);
  });

  it('bun.lock (JSONC with trailing commas), deno.json and deno.lock', async () => {
    const bun = '{\n  "lockfileVersion": 1,\n  "workspaces": {\n    "": {\n      "dependencies": {\n        "grammy": "^1",\n      },\n    },\n  },\n  "packages": {\n    "wa": ["@whiskeysockets/baileys@6.7.0", "", {}, "sha512-x"],\n  },\n}\n';
    const deps = await parse('bun.lock', bun);
    expect(deps.map((d) => [d.name, d.line])).toEqual([
      ['grammy', 6],
      ['@whiskeysockets/baileys', 11],
    ]);
    const deno = await parse('deno.json', '{\n  // the bot\n  "imports": {\n    "grammy": "npm:grammy@^1.30",\n    "std/": "jsr:@std/path@1",\n    "wa": "npm:@whiskeysockets/baileys@6/lib"\n  }\n}');
    expect(deno.map((d) => [d.name, d.line])).toEqual([
      ['grammy', 4],
      ['@whiskeysockets/baileys', 6],
    ]);
    const lock = await parse('deno.lock', '{\n  "version": "4",\n  "specifiers": {\n    "npm:telegram@2": "2.26.0"\n  },\n  "npm": {\n    "telegram@2.26.0": {}\n  }\n}');
    expect(lock.map((d) => [d.name, d.line])).toEqual([
      ['telegram', 4],
      ['telegram', 7],
    ]);
  });

  it('poetry.lock, uv.lock, Pipfile.lock, composer.lock, Gemfile.lock and go.sum', async () => {
    expect((await parse('poetry.lock', '[[package]]\nname = "aiogram"\nversion = "3"\n\n[[package]]\nname = "telethon"\n')).map((d) => [d.name, d.line])).toEqual([
      ['aiogram', 2],
      ['telethon', 6],
    ]);
    expect(at(await parse('uv.lock', 'version = 1\n[[package]]\nname = "pyrofork"\nversion = "2.3"\n'), 'pyrofork')).toBe(3);
    expect(at(await parse('Pipfile.lock', '{\n  "default": {\n    "yowsup": {}\n  },\n  "develop": {}\n}'), 'yowsup')).toBe(3);
    expect(at(await parse('composer.lock', '{\n  "packages": [\n    {\n      "name": "netflie/whatsapp-cloud-api",\n      "version": "2"\n    }\n  ]\n}'), 'netflie/whatsapp-cloud-api')).toBe(4);
    const gems = await parse('Gemfile.lock', 'GEM\n  remote: https://rubygems.org/\n  specs:\n    koala (3.6.0)\n      addressable\n\nDEPENDENCIES\n  facebook-messenger!\n');
    expect(gems.map((d) => [d.name, d.line])).toEqual([
      ['koala', 4],
      ['facebook-messenger', 8],
    ]);
    expect(at(await parse('go.sum', 'go.mau.fi/whatsmeow v0.0.0-2024 h1:abc=\ngo.mau.fi/whatsmeow v0.0.0-2024/go.mod h1:def=\n'), 'go.mau.fi/whatsmeow')).toBe(1);
  });

  it('requirements: VCS and editable lines by their egg, -r lines are no dependencies, pip-tools .in and requirements/ folders', async () => {
    const text = '-r base.txt\n-e git+https://github.com/tgalal/yowsup.git#egg=yowsup\ngit+https://github.com/x/pywa@main#egg=pywa&subdirectory=src\nneonize @ https://example.org/neonize.whl\n./local-package\npywhatkit \\\n  --hash=sha256:abc\n';
    const deps = await parse('requirements/prod.txt', text);
    expect(deps.map((d) => [d.name, d.line])).toEqual([
      ['yowsup', 2],
      ['pywa', 3],
      ['neonize', 4],
      ['pywhatkit', 6],
    ]);
    expect(await parserFor('dev-requirements.txt')).toBeDefined();
    expect(await parserFor('requirements.in')).toBeDefined();
    expect(await parserFor('requirements/base.in')).toBeDefined();
    expect(await parserFor('notes.txt')).toBeUndefined();
  });

  it('setup.py string literals and setup.cfg multi-line values', async () => {
    const py = 'from setuptools import setup\nsetup(\n    name="bot",\n    install_requires=[\n        "uvicorn[standard]",  # server\n        \'telethon>=1\',\n    ],\n    extras_require={"wa": ["neonize"]},\n)\n';
    expect((await parse('setup.py', py)).map((d) => [d.name, d.line])).toEqual([
      ['uvicorn', 5],
      ['telethon', 6],
      ['neonize', 8],
    ]);
    const cfg = '[metadata]\nname = bot\n\n[options]\npython_requires = >=3.9\ninstall_requires =\n    pyrogram>=2\n    # a comment\n    requests\n\n[options.extras_require]\nwa = yowsup2\n';
    expect((await parse('setup.cfg', cfg)).map((d) => [d.name, d.line])).toEqual([
      ['pyrogram', 7],
      ['requests', 9],
      ['yowsup2', 12],
    ]);
  });

  it('Gradle: version catalogs and map notation', async () => {
    const catalog = '[versions]\ntg = "7.10.0"\n\n[libraries]\ntg-client = { module = "org.telegram:telegrambots-client", version.ref = "tg" }\ntg-poll = { group = "org.telegram", name = "telegrambots-longpolling", version.ref = "tg" }\ntwilio = "com.twilio.sdk:twilio:10.0.0"\n';
    expect((await parse('gradle/libs.versions.toml', catalog)).map((d) => [d.name, d.line])).toEqual([
      ['org.telegram:telegrambots-client', 5],
      ['org.telegram:telegrambots-longpolling', 6],
      ['com.twilio.sdk:twilio', 7],
    ]);
    expect(await parserFor('libs.versions.toml')).toBeUndefined();
    const groovy = "dependencies {\n  implementation group: 'org.telegram', name: 'telegrambots', version: '6.9.7.1'\n  implementation(group = \"com.vonage\", name = \"client\", version = \"8\")\n}\n";
    expect((await parse('build.gradle', groovy)).map((d) => [d.name, d.line])).toEqual([
      ['org.telegram:telegrambots', 2],
      ['com.vonage:client', 3],
    ]);
  });
});
