// Bundles the CLI into dist/: start-up time matters for CI, and one bundle loads far faster than many modules.
import { build } from 'esbuild';
import { chmodSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { pathToFileURL } from 'node:url';

// chalk imports `process` from 'node:process'; in an ESM bundle that makes Node build the module's facade, which
// reads process.stdin and loads the stream machinery (~14 M instructions, ~3 ms, on every run). The global is the
// same object, given as a CommonJS module so that commander's require('node:process') gets it too.
const processGlobal = {
  name: 'process-global',
  setup(build) {
    build.onResolve({ filter: /^node:process$/ }, () => ({ path: 'process', namespace: 'process-global' }));
    build.onLoad({ filter: /.*/, namespace: 'process-global' }, () => ({ contents: 'module.exports = process;', loader: 'js' }));
  },
};

// Build beside dist/ and swap it in, so a test running the CLI never sees a half-written bundle.
const staging = `dist.staging-${process.pid}`;
const realRequire = "import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);";
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
  banner: { js: `#!/usr/bin/env node\n${realRequire}` },
  define: { __CHANRISK_BUNDLED__: 'true' }, // lets the bundle use the policy snapshot below
  plugins: [processGlobal],
  logLevel: 'warning',
});

// The built-in rules, loaded and linted now by the same loader, so `check` reads JSON instead of parsing YAML.
// A lint error fails the build.
const snapshotBuilder = `${staging}/snapshot-build.mjs`;
await build({ entryPoints: ['src/build/snapshot-build.ts'], outfile: snapshotBuilder, bundle: true, format: 'esm', platform: 'node', target: 'node20', banner: { js: realRequire }, logLevel: 'warning' });
try {
  // eslint-disable-next-line no-restricted-syntax -- the module the build itself has just bundled, not pack content
  const { buildPolicySnapshot } = await import(pathToFileURL(snapshotBuilder).href);
  writeFileSync(`${staging}/policy.snapshot.json`, buildPolicySnapshot());
} catch (error) {
  rmSync(staging, { recursive: true, force: true });
  console.error(`build: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
}
rmSync(snapshotBuilder);
chmodSync(`${staging}/chanrisk.js`, 0o755);
rmSync('dist', { recursive: true, force: true });
renameSync(staging, 'dist');
