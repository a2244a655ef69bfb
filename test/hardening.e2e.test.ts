import { spawnSync } from 'node:child_process';
import { chmodSync, closeSync, mkdirSync, openSync, readdirSync, readFileSync, symlinkSync, writeFileSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CLI, cli, example, ROOT, tempDir } from './helpers.js';

// Hostile and broken input through the built CLI: exit 2, a located one-line message, never a stack trace.
const noStackTrace = (stderr: string) => expect(stderr).not.toMatch(/\n\s+at |internal error|TypeError|RangeError/);
const valid = readFileSync(example('whatsapp-cloud-api-service.yaml'), 'utf8');

function rejects(text: string | Buffer, expected: RegExp, name = 'hostile.yaml'): string {
  const dir = tempDir();
  const file = join(dir, name);
  writeFileSync(file, text);
  const run = cli(['check', file]);
  expect(run.code, run.stderr).toBe(2);
  noStackTrace(run.stderr);
  expect(run.stderr).toMatch(expected);
  expect(run.stdout).toBe('');
  return run.stderr;
}

const located = (line: number) => new RegExp(`hostile\\.yaml:${line}:\\d+: `);

describe('hostile YAML', () => {
  it('rejects an alias bomb (billion laughs) quickly', () => {
    const levels = ['a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]'];
    for (let i = 1; i < 9; i++) levels.push(`${String.fromCharCode(97 + i)}: &${String.fromCharCode(97 + i)} [${Array(9).fill(`*${String.fromCharCode(96 + i)}`).join(',')}]`);
    const started = Date.now();
    rejects(`${levels.join('\n')}\n`, /hostile\.yaml:1:1: the YAML expands too many aliases/);
    expect(Date.now() - started).toBeLessThan(10_000);
  });

  it('rejects deep nesting with a location', () => {
    rejects(`organisation: ${'['.repeat(5000)}`, /hostile\.yaml:\d+:\d+: (the YAML is nested too deeply|invalid YAML)/);
    rejects(`organisation:\n  name: x\nchannels:\n  ${'- '.repeat(200)}x\n`, /hostile\.yaml:4:\d+: the YAML is nested too deeply/);
  });

  it('rejects a huge scalar at its place', () => {
    const huge = valid.replace('name: Versandhaus Muster AG', `name: "${'x'.repeat(1_500_000)}"`);
    rejects(huge, /hostile\.yaml:\d+:\d+: organisation\.name: /);
  });

  it('refuses a 50 MB file before reading it', () => {
    const dir = tempDir();
    const file = join(dir, 'big.yaml');
    const fd = openSync(file, 'w');
    const chunk = Buffer.from(`# ${'x'.repeat(1021)}\n`);
    for (let i = 0; i < 50 * 1024; i++) writeSync(fd, chunk);
    closeSync(fd);
    const started = Date.now();
    const run = cli(['check', file]);
    expect(run.code).toBe(2);
    noStackTrace(run.stderr);
    expect(run.stderr).toContain(`${file} is 50.0 MiB, larger than the 2.0 MiB limit`);
    expect(Date.now() - started).toBeLessThan(10_000);
  });

  it('rejects duplicate keys at the second one', () => {
    rejects(valid.replace('    country: de\n', '    country: de\n    country: eu_other\n'), located(9));
  });

  it.each(['__proto__', 'constructor', 'prototype'])('rejects the key %s wherever it stands', (key) => {
    rejects(`${key}: {polluted: true}\n${valid}`, /hostile\.yaml:1:1: the key ".+" is not allowed/);
    rejects(valid.replace('    country: de\n', `    country: de\n    ${key}: {polluted: true}\n`), located(9));
    rejects(valid.replace('    notes:\n', `    notes:\n      ${key}: x\n`), /hostile\.yaml:55:7: the key/);
  });

  it('reports a map where a value belongs, even one with a toString key', () => {
    rejects(valid.replace('purposes: [service, notifications]', 'purposes: [{toString: []}]'), /hostile\.yaml:\d+:\d+: channels\.0\.answers\.purposes/);
  });
});

describe('files that are not configs', () => {
  it('rejects an empty file', () => rejects('', /hostile\.yaml:1:1: the file is empty/));
  it('rejects a file of only comments', () => rejects('# nothing\n', /hostile\.yaml:1:1: the file is empty/));
  it('rejects a binary file', () => rejects(Buffer.from([0x7f, 0x45, 0x4c, 0x46, 0, 1, 2, 3]), /hostile\.yaml is a binary file, not YAML/));
  it('rejects a directory', () => {
    const run = cli(['check', tempDir()]);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/is a directory, not a file/);
    noStackTrace(run.stderr);
  });
  it('rejects a missing file', () => {
    const run = cli(['check', join(tempDir(), 'nope.yaml')]);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/nope\.yaml: no such file/);
    noStackTrace(run.stderr);
  });
});

/** A folder of extra packs holding one tiny valid pack, to point --rules at. */
function packsDir(): string {
  const dir = tempDir('chanrisk-packs-');
  writeFileSync(
    join(dir, 'ours.yaml'),
    'pack:\n  id: ours\n  title: { en: Ours, de: Unsere }\n  version: "1"\nrules: []\n',
  );
  return dir;
}

describe('paths', () => {
  it('follows a symlinked pack in --rules', () => {
    const dir = packsDir();
    const linked = tempDir('chanrisk-linked-');
    symlinkSync(join(dir, 'ours.yaml'), join(linked, 'ours.yaml'));
    const run = cli(['check', example('whatsapp-cloud-api-service.yaml'), '--rules', linked]);
    expect(run.code, run.stderr).toBe(0);
  });

  it('follows a symlinked --rules folder', () => {
    const link = join(tempDir(), 'packs');
    symlinkSync(packsDir(), link);
    expect(cli(['check', example('whatsapp-cloud-api-service.yaml'), '--rules', link]).code).toBe(0);
  });

  it('names a dangling symlink in --rules', () => {
    const dir = packsDir();
    symlinkSync(join(dir, 'gone.yaml'), join(dir, 'broken.yaml'));
    const run = cli(['check', example('whatsapp-cloud-api-service.yaml'), '--rules', dir]);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain(`${join(dir, 'broken.yaml')}: no such file`);
    noStackTrace(run.stderr);
  });

  it('names a folder that looks like a pack in --rules', () => {
    const dir = packsDir();
    mkdirSync(join(dir, 'folder.yaml'));
    const run = cli(['check', example('whatsapp-cloud-api-service.yaml'), '--rules', dir]);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain(`${join(dir, 'folder.yaml')} is a directory, not a file`);
  });

  it('names a --rules path that is missing or a file', () => {
    const missing = cli(['check', example('whatsapp-cloud-api-service.yaml'), '--rules', join(tempDir(), 'none')]);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toMatch(/cannot read the rules folder .*none \(ENOENT\)/);
    const file = cli(['check', example('whatsapp-cloud-api-service.yaml'), '--rules', example('whatsapp-cloud-api-service.yaml')]);
    expect(file.code).toBe(2);
    expect(file.stderr).toMatch(/is not a directory/);
  });

  // Root reads any file whatever its mode, so this case only runs as an ordinary user (as CI does).
  it.skipIf(process.getuid?.() === 0)('names an unreadable pack in --rules', () => {
    const dir = packsDir();
    chmodSync(join(dir, 'ours.yaml'), 0o000);
    const run = cli(['check', example('whatsapp-cloud-api-service.yaml'), '--rules', dir]);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('permission denied');
  });

  it('-o writes through nothing half-way: a missing folder or a directory target is exit 2', () => {
    const dir = tempDir();
    const intoMissing = cli(['check', example('whatsapp-cloud-api-service.yaml'), '-o', join(dir, 'no', 'out.txt')]);
    expect(intoMissing.code).toBe(2);
    expect(intoMissing.stderr).toMatch(/does not exist/);
    mkdirSync(join(dir, 'taken'));
    const ontoDir = cli(['check', example('whatsapp-cloud-api-service.yaml'), '-o', join(dir, 'taken')]);
    expect(ontoDir.code).toBe(2);
    expect(ontoDir.stderr).toMatch(/cannot write .*taken/);
    expect(readdirSync(dir).sort()).toEqual(['taken']);
  });

  it('-o onto a symlink replaces the link, never writes through it', () => {
    const dir = tempDir();
    const elsewhere = join(tempDir(), 'precious.txt');
    writeFileSync(elsewhere, 'keep me');
    symlinkSync(elsewhere, join(dir, 'out.txt'));
    const run = cli(['check', example('whatsapp-cloud-api-service.yaml'), '-o', join(dir, 'out.txt')]);
    expect(run.code).toBe(0);
    expect(readFileSync(elsewhere, 'utf8')).toBe('keep me');
    expect(readFileSync(join(dir, 'out.txt'), 'utf8')).toMatch(/1 config/);
  });

  it('scan does not follow symlinks out of the tree', () => {
    const outside = tempDir('chanrisk-outside-');
    writeFileSync(join(outside, 'package.json'), JSON.stringify({ name: 'outside', dependencies: { '@whiskeysockets/baileys': '6.7.0' } }));
    const tree = tempDir('chanrisk-tree-');
    writeFileSync(join(tree, 'package.json'), JSON.stringify({ name: 'inside', dependencies: {} }));
    symlinkSync(outside, join(tree, 'linked'));
    mkdirSync(join(tree, 'app'));
    symlinkSync(join(outside, 'package.json'), join(tree, 'app', 'package.json'));
    const control = cli(['scan', outside, '--format', 'json']);
    expect(control.stdout).toMatch(/baileys/i);
    const run = cli(['scan', tree, '--format', 'json']);
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout).not.toMatch(/baileys/i);
  });

  it('scan names a missing folder', () => {
    const run = cli(['scan', join(tempDir(), 'none')]);
    expect(run.code).toBe(2);
    noStackTrace(run.stderr);
  });
});

describe('pipes', () => {
  it('ends quietly when the reader closes the pipe early (| head -1)', () => {
    // Far more output than a pipe buffer holds, so the CLI really writes into a closed pipe.
    const files = Array.from({ length: 40 }, () => readdirSync(join(ROOT, 'examples')).map((f) => join('examples', f))).flat();
    const stderr = join(tempDir(), 'stderr.txt');
    const run = spawnSync('bash', ['-c', `node "${CLI}" check ${files.join(' ')} --format json 2>"${stderr}" | head -1; echo "status=\${PIPESTATUS[0]}"`], {
      cwd: ROOT,
      encoding: 'utf8',
      env: { ...process.env, NO_COLOR: '1' },
    });
    expect(readFileSync(stderr, 'utf8')).toBe('');
    expect(run.stdout).toMatch(/^\{\nstatus=[01]\n$/);
  });
});
