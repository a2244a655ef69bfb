import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadEvidenceCatalogue } from '../src/evidence/catalogue.js';
import { scanTree } from '../src/evidence/scan.js';
import { loadPolicyStrict } from '../src/policy/load.js';

// One small repository per ecosystem and manifest kind, in the shapes real projects use: each holds the libraries a
// reader sees and things that must not be reported (lookalike names, commented-out lines, docs and test folders).
const CORPUS = join('test', 'fixtures', 'scan');
const catalogue = loadEvidenceCatalogue(loadPolicyStrict().questionnaire);
const repositories = readdirSync(CORPUS, { withFileTypes: true })
  .filter((entry) => entry.isDirectory())
  .map((entry) => entry.name)
  .sort();

describe('the scan corpus: every repository scans to its expected.json', () => {
  it('has one repository per ecosystem', () => {
    expect(repositories.length).toBeGreaterThanOrEqual(14);
  });

  it.each(repositories)('%s', async (name) => {
    const dir = join(CORPUS, name);
    const expected: unknown = JSON.parse(readFileSync(join(dir, 'expected.json'), 'utf8'));
    const report = await scanTree(dir, catalogue);
    expect({
      hits: report.hits.map((h) => ({ path: h.path, line: h.line, package: h.package, library: h.library.id })),
      skipped: report.skipped,
      problems: report.problems.map((p) => ({ ...p, file: p.file.slice(dir.length + 1) })),
    }).toEqual(expected);
  });
});
