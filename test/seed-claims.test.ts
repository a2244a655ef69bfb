import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, it } from 'vitest';
import { cli, ROOT } from './helpers.js';

it('docs/seed-claims.md names only rules that exist', () => {
  const doc = readFileSync(join(ROOT, 'docs', 'seed-claims.md'), 'utf8');
  const rows = doc.split('\n').filter((line) => /^\| \d+ \|/.test(line));
  expect(rows.length).toBeGreaterThan(10);
  // The last column of each claim row lists the rules that carry it, as code spans.
  const named = rows.flatMap((row) => [...(row.split(' | ').at(-1) ?? '').matchAll(/`([a-z0-9-]+)`/g)].map((m) => m[1] ?? ''));
  const run = cli(['rules', 'list', '--format', 'json']);
  expect(run.code).toBe(0);
  const ids = new Set((JSON.parse(run.stdout) as { id: string }[]).map((r) => r.id));
  expect(named.filter((id) => !ids.has(id))).toEqual([]);
  expect(named.length).toBeGreaterThan(rows.length);
});
