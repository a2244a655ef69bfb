// Regenerates rules/CATALOGUE.md from the built CLI (English). The file is replaced whole or not at all.
import { spawnSync } from 'node:child_process';
import { renameSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const target = join(root, 'rules', 'CATALOGUE.md');
const run = spawnSync(process.execPath, [join(root, 'dist', 'chanrisk.js'), 'rules', 'list', '--format', 'markdown', '--lang', 'en'], {
  cwd: root,
  encoding: 'utf8',
});
if (run.status !== 0) {
  process.stderr.write(run.stderr || run.error?.message || 'chanrisk rules list failed\n');
  process.exit(run.status ?? 2);
}
const temp = `${target}.${process.pid}.tmp`;
try {
  writeFileSync(temp, run.stdout, 'utf8');
  renameSync(temp, target);
} catch (error) {
  rmSync(temp, { force: true });
  throw error;
}
process.stdout.write(`wrote ${target}\n`);
