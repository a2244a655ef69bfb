// Bundles the CLI into dist/: start-up time matters for CI, and one bundle loads far faster than many modules.
import { build } from 'esbuild';
import { chmodSync, rmSync } from 'node:fs';

rmSync('dist', { recursive: true, force: true });
await build({
  entryPoints: { chanrisk: 'src/cli/bin.ts' },
  outdir: 'dist',
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
chmodSync('dist/chanrisk.js', 0o755);
