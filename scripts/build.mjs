// Bundles the CLI into dist/: start-up time matters for CI, and one bundle loads far faster than many modules.
import { build } from 'esbuild';
import { chmodSync, renameSync, rmSync } from 'node:fs';

// Build beside dist/ and swap it in, so a test running the CLI never sees a half-written bundle.
const staging = `dist.staging-${process.pid}`;
await build({
  entryPoints: { chanrisk: 'src/cli/bin.ts' },
  outdir: staging,
  bundle: true,
  splitting: true, // the interview and report modules become chunks loaded only by their commands
  format: 'esm',
  platform: 'node',
  target: 'node20',
  minify: true,
  legalComments: 'linked',
  chunkNames: 'chunks/[name]-[hash]',
  // commander is CommonJS and requires node built-ins; an ESM bundle needs a real `require` for that.
  banner: { js: "#!/usr/bin/env node\nimport { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);" },
  logLevel: 'warning',
});
chmodSync(`${staging}/chanrisk.js`, 0o755);
rmSync('dist', { recursive: true, force: true });
renameSync(staging, 'dist');
