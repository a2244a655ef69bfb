import { spawnSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT, tempDir } from './helpers.js';

// reports/ is the golden output of `chanrisk report` for every example in both languages: regenerate it into a
// temp folder with the same script and demand byte-identical files.
describe('reports/', () => {
  it('matches what `npm run reports` generates now', { timeout: 300_000 }, () => {
    const fresh = tempDir('chanrisk-reports-');
    const run = spawnSync(process.execPath, [join(ROOT, 'scripts', 'generate-reports.mjs'), fresh], { encoding: 'utf8' });
    expect(run.status, run.stderr).toBe(0);
    const committed = readdirSync(join(ROOT, 'reports')).filter((f) => /\.(en|de)\.(md|html|docx)$/.test(f)).sort();
    const generated = readdirSync(fresh).sort();
    expect(generated.length).toBeGreaterThanOrEqual(12);
    expect(generated.filter((f) => f.endsWith('.docx')).length).toBeGreaterThanOrEqual(4);
    expect(committed, 'reports/ lists other files than the examples give: run `npm run reports`').toEqual(generated);
    const stale = generated.filter((f) => !readFileSync(join(fresh, f)).equals(readFileSync(join(ROOT, 'reports', f))));
    expect(stale, 'reports/ is stale: run `npm run reports` and commit the result').toEqual([]);
  });
});
