// `npm run bench`: times chanrisk against the Node floor and a peer linter in one run, and writes bench/RESULTS.md.
// Flags: --node-harness (skip hyperfine), --quick (fewer runs), --no-audit (offline), --no-build, --out <file>,
// --against <checkout> (time another build of chanrisk, e.g. a worktree of an older commit, side by side).
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync, renameSync } from 'node:fs';
import { cpus, loadavg, tmpdir, type as osType, release } from 'node:os';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { crc32 } from 'node:zlib';
import { writeConfigs } from './generate.mjs';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const CLI = join(ROOT, 'dist', 'chanrisk.js');
// The peer is installed on demand, outside the project's dependencies: it would put ~240 packages into every `npm ci`.
const SPECTRAL_PACKAGE = '@stoplight/spectral-cli@6.16.3';
const PEERS = join(ROOT, 'bench', '.peers');
const SPECTRAL_DIR = join(PEERS, 'node_modules', '@stoplight', 'spectral-cli');
const SPECTRAL = join(SPECTRAL_DIR, 'dist', 'index.js');
const RSS_PROBE = join(ROOT, 'bench', 'rss-probe.mjs');
const args = process.argv.slice(2);
const flag = (name) => args.includes(name);
const OUT = args.includes('--out') ? resolve(args[args.indexOf('--out') + 1]) : join(ROOT, 'bench', 'RESULTS.md');
const AGAINST = args.includes('--against') ? join(resolve(args[args.indexOf('--against') + 1]), 'dist', 'chanrisk.js') : undefined;
const QUICK = flag('--quick');
const LOG_HEADING = '## Optimisation log';

const log = (line) => process.stderr.write(`${line}\n`);
const median = (values) => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
};

function hyperfineVersion() {
  if (flag('--node-harness')) return undefined;
  const probe = spawnSync('hyperfine', ['--version'], { encoding: 'utf8' });
  return probe.status === 0 ? probe.stdout.trim() : undefined;
}

/** Median wall time (ms) of each command; hyperfine when installed, else interleaved child processes. */
function timeCommands(commands, hyperfine) {
  if (hyperfine) {
    const json = join(tmpdir(), `chanrisk-bench-${process.pid}.json`);
    const quote = (a) => (/^[\w./:=@+-]+$/.test(a) ? a : `'${a.replace(/'/g, "'\\''")}'`);
    const runs = Math.min(...commands.map((c) => c.runs));
    // One hyperfine call per group of equal run counts keeps the slow commands from dominating the time.
    for (const group of groupBy(commands, (c) => c.runs)) {
      execFileSync(
        'hyperfine',
        ['-N', '-i', '--style', 'none', '--warmup', '2', '--runs', String(group[0].runs), '--export-json', json,
          ...group.flatMap((c) => ['-n', c.name, [process.execPath, ...c.argv].map(quote).join(' ')])],
        { stdio: ['ignore', 'ignore', 'inherit'], maxBuffer: 1 << 26 },
      );
      for (const [i, result] of JSON.parse(readFileSync(json, 'utf8')).results.entries()) group[i].ms = result.median * 1000;
    }
    rmSync(json, { force: true });
    return `hyperfine ${hyperfine.replace(/^hyperfine /, '')} (-N, 2 warm-up runs, medians; ≥ ${runs} runs each)`;
  }
  const samples = new Map(commands.map((c) => [c, []]));
  const rounds = Math.max(...commands.map((c) => c.runs)) + 1;
  for (let round = 0; round < rounds; round++) {
    // Interleaved, so drift in machine load hits every command alike; round 0 warms the file cache.
    for (const command of commands) {
      if (round > command.runs) continue;
      const start = process.hrtime.bigint();
      spawnSync(process.execPath, command.argv, { stdio: 'ignore' });
      if (round > 0) samples.get(command).push(Number(process.hrtime.bigint() - start) / 1e6);
    }
  }
  for (const command of commands) command.ms = median(samples.get(command));
  return `node harness (child processes, process.hrtime, 1 warm-up round, interleaved, medians; ≥ ${Math.min(...commands.map((c) => c.runs))} runs each)`;
}

function groupBy(items, key) {
  const groups = new Map();
  for (const item of items) groups.set(key(item), [...(groups.get(key(item)) ?? []), item]);
  return [...groups.values()];
}

/** Peak resident set size (MB, largest of three runs) and median CPU time (ms) of a command, read by a preloaded probe. */
function probe(command) {
  const file = join(tmpdir(), `chanrisk-rss-${process.pid}.txt`);
  rmSync(file, { force: true });
  for (let i = 0; i < 3; i++) {
    spawnSync(process.execPath, ['--import', RSS_PROBE, ...command.argv], { stdio: 'ignore', env: { ...process.env, CHANRISK_BENCH_RSS_FILE: file } });
  }
  const rows = existsSync(file) ? readFileSync(file, 'utf8').trim().split('\n').map((line) => line.split(' ').map(Number)) : [];
  rmSync(file, { force: true });
  return { rss: rows.length ? Math.max(...rows.map((r) => r[0])) / 1024 : NaN, cpu: rows.length ? median(rows.map((r) => r[1])) : NaN };
}

/** Whether the bundle will read the build-time policy snapshot: it must match the rule files (size and CRC-32). */
function snapshotInUse() {
  const file = join(ROOT, 'dist', 'policy.snapshot.json');
  if (!existsSync(file)) return false;
  const { files } = JSON.parse(readFileSync(file, 'utf8'));
  const fingerprint = (bytes) => `${bytes.length}:${crc32(bytes).toString(16)}`;
  return Object.entries(files).every(([name, stored]) => existsSync(join(ROOT, 'rules', name)) && fingerprint(readFileSync(join(ROOT, 'rules', name))) === stored);
}

/**
 * Median count of user-space instructions (perf stat, three runs): unlike time, it hardly moves with the other
 * work on a shared machine. Undefined where perf cannot count them.
 */
function instructions(command) {
  const counts = [];
  for (let i = 0; i < 3; i++) {
    const run = spawnSync('perf', ['stat', '-x,', '-e', 'instructions:u', process.execPath, ...command.argv], { encoding: 'utf8', stdio: ['ignore', 'ignore', 'pipe'] });
    const count = Number(/^(\d+),[^\n]*instructions/m.exec(run.stderr ?? '')?.[1]);
    if (!Number.isFinite(count)) return undefined;
    counts.push(count);
  }
  return median(counts);
}

function exitCode(argv) {
  return spawnSync(process.execPath, argv, { stdio: 'ignore' }).status;
}

function audit() {
  if (flag('--no-audit')) return 'not run (--no-audit)';
  const run = spawnSync('npm', ['audit', '--omit=dev', '--json'], { cwd: ROOT, encoding: 'utf8', timeout: 120_000 });
  try {
    const counts = JSON.parse(run.stdout).metadata.vulnerabilities;
    const listed = Object.entries(counts).filter(([k, n]) => k !== 'total' && n > 0).map(([k, n]) => `${n} ${k}`);
    return `${counts.high + counts.critical === 0 ? 'clean of high and critical' : 'HIGH OR CRITICAL FOUND'}: ${counts.total} advisories${listed.length ? ` (${listed.join(', ')})` : ''}`;
  } catch {
    return `could not run (\`${(run.stderr || run.error?.message || 'no output').split('\n')[0]}\`)`;
  }
}

const fmt = (ms) => (ms >= 100 ? ms.toFixed(0) : ms.toFixed(1));
const met = (ok) => (ok ? 'met' : '**missed**');

function main() {
  // A fresh build, so the policy snapshot matches the rules being measured.
  if (!flag('--no-build') || !existsSync(CLI)) execFileSync('npm', ['run', 'build'], { cwd: ROOT, stdio: ['ignore', 'ignore', 'inherit'] });
  installSpectral();
  const load = loadavg().map((l) => l.toFixed(1)).join(', ');
  const work = mkdtempSync(join(tmpdir(), 'chanrisk-bench-'));
  try {
    const rulesDir = join(ROOT, 'rules');
    const sets = Object.fromEntries([10, 100, 1000].map((n) => [n, writeConfigs(join(work, `n${n}`), n, { rulesDir })]));
    const [org50] = writeConfigs(join(work, 'org50'), 1, { rulesDir, channels: 50, seed: 50 });
    const example = join(ROOT, 'examples', 'whatsapp-cloud-api-service.yaml');
    const check = (files) => [CLI, 'check', ...files];
    const spectral = (files) => [SPECTRAL, 'lint', '-q', '-r', join(ROOT, 'bench', 'spectral', 'ruleset.yaml'), ...files];
    const reportArgv = (ext) => [CLI, 'report', org50, '-o', join(work, `report.${ext}`), '--force', '--date', '2026-11-27'];
    const hasReport = exitCode([CLI, 'report', '--help']) === 0 && exitCode(reportArgv('md')) === 0;

    for (const n of [10, 100, 1000]) {
      const code = exitCode(check(sets[n]));
      if (code !== 0 && code !== 1) throw new Error(`generated configs (${n}) are not valid: check exited ${code}`);
    }
    const scale = QUICK ? 0.3 : 1;
    const runs = (n) => Math.max(3, Math.round(n * scale));
    const commands = [
      { name: 'node -e 0', argv: ['-e', '0'], runs: runs(20) },
      { name: 'check, 1 example', argv: check([example]), runs: runs(20) },
      { name: 'check, 10 configs', argv: check(sets[10]), runs: runs(10) },
      { name: 'check, 100 configs', argv: check(sets[100]), runs: runs(10) },
      { name: 'check, 1,000 configs', argv: check(sets[1000]), runs: runs(5) },
      { name: 'check, 1,000 configs, --format json', argv: [...check(sets[1000]), '--format', 'json'], runs: 3 },
      ...(hasReport
        ? [
            { name: 'report, 50 channels, Markdown', argv: reportArgv('md'), runs: runs(10) },
            { name: 'report, 50 channels, HTML', argv: reportArgv('html'), runs: runs(10) },
          ]
        : []),
      ...(AGAINST
        ? [
            { name: 'against: check, 1 example', argv: [AGAINST, ...check([example]).slice(1)], runs: runs(20) },
            { name: 'against: check, 1,000 configs', argv: [AGAINST, ...check(sets[1000]).slice(1)], runs: runs(5) },
            { name: 'against: report, 50 channels, Markdown', argv: [AGAINST, ...reportArgv('md').slice(1)], runs: runs(10) },
          ]
        : []),
      { name: 'spectral lint, 1 example', argv: spectral([example]), runs: 3 },
      { name: 'spectral lint, 100 configs', argv: spectral(sets[100]), runs: 3 },
    ];
    log(`timing ${commands.length} commands…`);
    const method = timeCommands(commands, hyperfineVersion());
    log('measuring peak memory…');
    for (const command of commands) Object.assign(command, probe(command));
    log('counting instructions…');
    for (const command of commands) command.instructions = instructions(command);
    log('npm audit…');
    const auditResult = audit();

    const by = Object.fromEntries(commands.map((c) => [c.name, c]));
    const floor = by['node -e 0'].ms;
    const one = by['check, 1 example'];
    const n1000 = by['check, 1,000 configs'];
    const marginal = (a, b, na, nb) => (b.ms - a.ms) / (nb - na);
    const m1 = marginal(by['check, 10 configs'], by['check, 100 configs'], 10, 100);
    const m2 = marginal(by['check, 100 configs'], n1000, 100, 1000);
    const report = by['report, 50 channels, Markdown'];
    const reportHtml = by['report, 50 channels, HTML'];
    const ours = commands.filter((c) => c.argv[0] === CLI);
    const counted = one.instructions && by['node -e 0'].instructions;
    const instructionRatio = counted ? one.instructions / by['node -e 0'].instructions : undefined;
    const heaviest = ours.reduce((a, b) => (b.rss > a.rss ? b : a));
    const spectralOne = by['spectral lint, 1 example'];
    const spectral100 = by['spectral lint, 100 configs'];

    const lines = [
      '# Benchmark results',
      '',
      `Written by \`npm run bench\` (bench/run.mjs) on ${new Date().toISOString().slice(0, 16).replace('T', ' ')} UTC. Rerun it to refresh this part; the`,
      'optimisation log below is kept.',
      '',
      `- Machine: ${cpus()[0]?.model ?? 'unknown CPU'}, ${cpus().length} CPUs (nproc), ${osType()} ${release()}`,
      `- Node ${process.version}; timing: ${method}`,
      `- Configs: generated from rules/questionnaire.yaml by bench/generate.mjs (seed 20261127; 1–3 channels each; random valid answers, some "unknown" or unanswered)`,
      `- Rules: ${rulesCount()}; build-time policy snapshot ${snapshotInUse() ? 'in use' : '**not in use** (rules changed after the build): check parsed the YAML'}`,
      `- Load average when the run began: ${load}; after: ${loadavg().map((l) => l.toFixed(1)).join(', ')} (other work on the machine inflates wall times; CPU times below are steadier)`,
      '',
      '## Targets',
      '',
      '| benchmark | median | target | result |',
      '| --- | --- | --- | --- |',
      `| check, 1 example vs \`node -e 0\` | ${fmt(one.ms)} ms vs ${fmt(floor)} ms = **${(one.ms / floor).toFixed(2)}x** | ≤ 1.5x | ${met(one.ms / floor <= 1.5)} |`,
      ...(instructionRatio
        ? [`| the same in instructions (perf stat, load-independent) | ${(one.instructions / 1e6).toFixed(0)} M vs ${(by['node -e 0'].instructions / 1e6).toFixed(0)} M = **${instructionRatio.toFixed(2)}x** | ≤ 1.5x | ${met(instructionRatio <= 1.5)} |`]
        : []),
      `| check, 1,000 configs in one invocation | **${fmt(n1000.ms)} ms** (${Math.round(1000 / (n1000.ms / 1000))} configs/s) | < 2,000 ms | ${met(n1000.ms < 2000)} |`,
      `| growth 10 → 100 → 1,000 configs | ${m1.toFixed(2)} then ${m2.toFixed(2)} ms per extra config | linear | ${met(m2 <= m1 * 2 + 0.1)} |`,
      report
        ? `| report, 1 organisation with 50 channels | **${fmt(report.ms)} ms** Markdown, ${fmt(reportHtml.ms)} ms HTML | < 300 ms | ${met(report.ms < 300 && reportHtml.ms < 300)} |`
        : '| report, 1 organisation with 50 channels | not measurable: `chanrisk report` does not exist in this build | < 300 ms | — |',
      `| peak RSS of every chanrisk run | largest **${heaviest.rss.toFixed(0)} MB** (${heaviest.name})${ours.some((c) => c.rss >= 150) ? `; over 150 MB: ${ours.filter((c) => c.rss >= 150).map((c) => `${c.name} ${c.rss.toFixed(0)} MB`).join(', ')}` : ''} | < 150 MB | ${met(heaviest.rss < 150)} |`,
      '',
      '## All runs',
      '',
      '| command | median wall ms | x `node -e 0` | configs/s | CPU ms (user+sys, median of 3) | CPU x `node -e 0` | instructions (M, median of 3) | instructions x `node -e 0` | peak RSS MB |',
      '| --- | --- | --- | --- | --- | --- | --- | --- | --- |',
      ...commands.map((c) => {
        const count = /(\d[\d,]*) configs/.exec(c.name)?.[1]?.replace(',', '');
        const instr = c.instructions && counted ? `${(c.instructions / 1e6).toFixed(0)} | ${(c.instructions / by['node -e 0'].instructions).toFixed(2)}` : '— | —';
        return `| ${c.name} | ${fmt(c.ms)} | ${(c.ms / floor).toFixed(2)} | ${count ? Math.round(Number(count) / (c.ms / 1000)) : '—'} | ${fmt(c.cpu)} | ${(c.cpu / by['node -e 0'].cpu).toFixed(2)} | ${instr} | ${c.rss.toFixed(0)} |`;
      }),
      ...(AGAINST ? ['', `"against" rows: the build of commit ${commitOf(dirname(dirname(AGAINST)))} (\`--against\`) on the same inputs, in the same run.`] : []),
      '',
      '## Peer: Spectral',
      '',
      `\`@stoplight/spectral-cli\` ${spectralVersion()} linting the same files with bench/spectral/ruleset.yaml (config shape by JSON`,
      'Schema plus four answer checks as JSONPath rules; it cannot express conditions across answers, unknowns, modifiers or levels):',
      '',
      `- 1 example: Spectral ${fmt(spectralOne.ms)} ms, chanrisk ${fmt(one.ms)} ms: chanrisk is **${(spectralOne.ms / one.ms).toFixed(1)}x** faster`,
      `- 100 configs: Spectral ${fmt(spectral100.ms)} ms, chanrisk ${fmt(by['check, 100 configs'].ms)} ms: chanrisk is **${(spectral100.ms / by['check, 100 configs'].ms).toFixed(1)}x** faster`,
      '',
      '## Dependencies',
      '',
      `- \`npm audit --omit=dev\`: ${auditResult}`,
      '',
    ];
    const previous = existsSync(OUT) ? readFileSync(OUT, 'utf8') : '';
    const kept = previous.includes(LOG_HEADING) ? previous.slice(previous.indexOf(LOG_HEADING)) : `${LOG_HEADING}\n`;
    const temp = `${OUT}.tmp-${process.pid}`;
    writeFileSync(temp, `${lines.join('\n')}\n${kept}`);
    renameSync(temp, OUT);
    log(`wrote ${relative(process.cwd(), OUT)}`);
    process.stdout.write(`${lines.join('\n')}\n`);
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

function rulesCount() {
  const run = spawnSync(process.execPath, [CLI, 'rules', 'list', '--format', 'json'], { encoding: 'utf8' });
  try {
    const rules = JSON.parse(run.stdout);
    return `${rules.length} rules in ${new Set(rules.map((r) => r.pack)).size} packs (built-in)`;
  } catch {
    return 'could not list';
  }
}

function commitOf(dir) {
  const run = spawnSync('git', ['-C', dir, 'rev-parse', '--short', 'HEAD'], { encoding: 'utf8' });
  return run.status === 0 ? run.stdout.trim() : 'of unknown commit';
}

/** Installs the pinned Spectral into bench/.peers (git-ignored) once; --ignore-scripts skips its telemetry postinstall. */
function installSpectral() {
  if (existsSync(SPECTRAL)) return;
  log(`installing ${SPECTRAL_PACKAGE} into bench/.peers…`);
  mkdirSync(PEERS, { recursive: true });
  execFileSync('npm', ['install', '--prefix', PEERS, '--no-save', '--no-package-lock', '--ignore-scripts', '--no-audit', '--no-fund', SPECTRAL_PACKAGE], { cwd: PEERS, stdio: ['ignore', 'ignore', 'inherit'] });
}

function spectralVersion() {
  return JSON.parse(readFileSync(join(SPECTRAL_DIR, 'package.json'), 'utf8')).version;
}

main();
