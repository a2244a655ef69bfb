// Regenerates reports/ from every examples/*.yaml, in both languages and every format, with the built CLI
// (`npm run reports` builds first). The date is fixed so the committed reports change only when the rules, the
// examples or the report code change. test/report-reports.test.ts runs this script into a temp folder and fails
// when reports/ differs. Usage: node scripts/generate-reports.mjs [output folder, default reports/]
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, rmSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const REPORT_DATE = '2026-11-27';
const LANGS = ['en', 'de'];
const FORMATS = { markdown: 'md', html: 'html', docx: 'docx' };
// Only files this script writes are ever removed: a report a consultant saved in reports/ is left alone.
const GENERATED = /^[a-z0-9-]+\.(en|de)\.(md|html|docx)$/;

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const cli = join(root, 'dist', 'chanrisk.js');
const outDir = resolve(process.argv[2] ?? join(root, 'reports'));

if (!existsSync(cli)) {
  console.error('dist/chanrisk.js is missing: run `npm run build` first');
  process.exit(2);
}
const wanted = readdirSync(join(root, 'examples'))
  .filter((f) => f.endsWith('.yaml'))
  .sort()
  .flatMap((file) =>
    LANGS.flatMap((lang) =>
      Object.entries(FORMATS).map(([format, ext]) => ({ config: join('examples', file), lang, format, output: `${basename(file, '.yaml')}.${lang}.${ext}` })),
    ),
  );
mkdirSync(outDir, { recursive: true });
for (const stale of readdirSync(outDir).filter((f) => GENERATED.test(f) && !wanted.some((r) => r.output === f))) rmSync(join(outDir, stale));
for (const report of wanted) {
  const args = ['report', report.config, '--lang', report.lang, '--format', report.format, '--date', REPORT_DATE, '--force', '-o', join(outDir, report.output)];
  const run = spawnSync(process.execPath, [cli, ...args], { cwd: root, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' } });
  if (run.status !== 0) {
    console.error(`${report.config} (${report.lang}, ${report.format}) failed:\n${run.stderr}`);
    process.exit(run.status ?? 1);
  }
}
console.log(`${wanted.length} reports written to ${outDir}`);
