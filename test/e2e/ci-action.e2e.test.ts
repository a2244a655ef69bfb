import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { isAbsolute, join } from 'node:path';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import { example, ROOT, tempDir } from '../helpers.js';

interface Step {
  name: string;
  id?: string;
  if?: string;
  uses?: string;
  run?: string;
  shell?: string;
  env?: Record<string, string>;
  'working-directory'?: string;
}
interface Action {
  inputs: Record<string, { default: string }>;
  runs: { using: string; steps: Step[] };
}

const action = parse(readFileSync(join(ROOT, 'action.yml'), 'utf8')) as Action;

/** A git repository with a failing (unofficial) and a clean (Cloud API) channel config. */
function repository(): string {
  const dir = tempDir('chanrisk-action-');
  expect(spawnSync('git', ['init', '-q', dir]).status).toBe(0);
  mkdirSync(join(dir, 'channels'));
  copyFileSync(example('whatsapp-unofficial-marketing.yaml'), join(dir, 'channels', 'marketing.yaml'));
  copyFileSync(example('whatsapp-cloud-api-service.yaml'), join(dir, 'channels', 'service.yaml'));
  return dir;
}

interface StepRun {
  name: string;
  code: number | null;
  stdout: string;
  stderr: string;
}

/**
 * Runs the composite action's `run:` steps as the runner would: expressions substituted, `bash -eo pipefail`, the
 * GITHUB_* files in a temp folder. `uses:` steps (the SARIF upload) are reported, not run. Stops at a failing step.
 */
function runAction(workspace: string, given: Record<string, string>) {
  const inputs = { ...Object.fromEntries(Object.entries(action.inputs).map(([k, v]) => [k, v.default])), ...given };
  const runner = tempDir('chanrisk-runner-');
  const env = {
    ...process.env,
    NO_COLOR: '1',
    LANG: 'en_US.UTF-8',
    GITHUB_ACTION_PATH: ROOT,
    GITHUB_WORKSPACE: workspace,
    GITHUB_STEP_SUMMARY: join(runner, 'summary.md'),
    GITHUB_OUTPUT: join(runner, 'output'),
    RUNNER_TEMP: runner,
  };
  writeFileSync(env.GITHUB_STEP_SUMMARY, '');
  writeFileSync(env.GITHUB_OUTPUT, '');
  const expand = (text: string): string =>
    text.replace(/\$\{\{\s*(.+?)\s*\}\}/g, (_, expression: string) => {
      if (expression === 'github.action_path') return ROOT;
      const input = /^inputs\.([\w-]+)$/.exec(expression);
      if (input?.[1] !== undefined && input[1] in inputs) return inputs[input[1] as keyof typeof inputs] ?? '';
      const comparison = /^inputs\.([\w-]+) == '(.*)'$/.exec(expression);
      if (comparison?.[1] !== undefined) return String(inputs[comparison[1] as keyof typeof inputs] === comparison[2]);
      throw new Error(`expression not understood by the test runner: ${expression}`);
    });
  const steps: StepRun[] = [];
  const uploads: Record<string, string>[] = [];
  for (const step of action.runs.steps) {
    if (step.if !== undefined && expand(step.if) !== 'true') continue;
    if (step.uses !== undefined) {
      uploads.push({ uses: step.uses, ...Object.fromEntries(Object.entries((step as { with?: Record<string, string> }).with ?? {}).map(([k, v]) => [k, expand(v)])) });
      continue;
    }
    const script = join(runner, `step-${steps.length}.sh`);
    writeFileSync(script, expand(step.run ?? ''));
    const folder = expand(step['working-directory'] ?? '.');
    const cwd = isAbsolute(folder) ? folder : join(workspace, folder);
    const stepEnv = { ...env, ...Object.fromEntries(Object.entries(step.env ?? {}).map(([k, v]) => [k, expand(v)])) };
    const result = spawnSync('bash', ['--noprofile', '--norc', '-eo', 'pipefail', script], { cwd, env: stepEnv, encoding: 'utf8', timeout: 60_000 });
    steps.push({ name: step.name, code: result.status, stdout: result.stdout, stderr: result.stderr });
    if (result.status !== 0) break;
  }
  return { steps, uploads, summary: readFileSync(env.GITHUB_STEP_SUMMARY, 'utf8'), output: readFileSync(env.GITHUB_OUTPUT, 'utf8') };
}

describe('the GitHub Action (action.yml)', () => {
  it('is a composite action that installs chanrisk from its own checkout', () => {
    expect(action.runs.using).toBe('composite');
    expect(action.runs.steps[0]?.run).toContain('npm ci');
    expect(Object.keys(action.inputs)).toEqual(expect.arrayContaining(['configs', 'fail-on', 'baseline', 'scan', 'lang', 'rules', 'sarif-file', 'upload-sarif']));
  });

  it('writes SARIF and the job summary, uploads, and fails the gate with annotations', () => {
    const dir = repository();
    const run = runAction(dir, { configs: 'channels/*.yaml', date: '2026-11-27' });
    expect(run.steps.map((s) => [s.name, s.code])).toEqual([
      ['Install chanrisk', 0],
      ['Report to SARIF and the job summary', 0],
      ['Gate (annotations on the pull request)', 1],
    ]);
    const sarif = JSON.parse(readFileSync(join(dir, 'chanrisk.sarif'), 'utf8'));
    const uris = new Set(sarif.runs[0].results.map((r: { locations: { physicalLocation: { artifactLocation: { uri: string } } }[] }) => r.locations[0]?.physicalLocation.artifactLocation.uri));
    expect(uris).toEqual(new Set(['channels/marketing.yaml', 'channels/service.yaml']));
    expect(run.summary).toMatch(/^### chanrisk: ✖ \d+ finding/);
    expect(run.output).toContain('sarif-file=chanrisk.sarif');
    expect(run.uploads).toEqual([{ uses: expect.stringMatching(/^github\/codeql-action\/upload-sarif@v\d+$/), sarif_file: './chanrisk.sarif', category: 'chanrisk' }]);
    expect(run.steps[2]?.stdout).toMatch(/^::error file=channels\/marketing\.yaml,line=\d+,col=\d+,title=chanrisk wa-unofficial-client /m);
  });

  it('passes with the flags it is given (fail-on, lang) and can skip the upload', () => {
    const dir = repository();
    const run = runAction(dir, { configs: 'channels/service.yaml channels/marketing.yaml', 'fail-on': 'never', lang: 'de', date: '2026-11-27', 'upload-sarif': 'false' });
    expect(run.steps.map((s) => s.code)).toEqual([0, 0, 0]);
    expect(run.uploads).toEqual([]);
    expect(run.summary).toMatch(/^### chanrisk: /);
    expect(run.summary).toContain('kritisch');
  });

  it('reads .chanrisk.yaml when no configs are given, and stops at bad input with exit 2 before uploading', () => {
    const dir = repository();
    writeFileSync(join(dir, '.chanrisk.yaml'), 'configs: [channels/service.yaml]\n');
    expect(runAction(dir, { date: '2026-11-27' }).steps.map((s) => s.code)).toEqual([0, 0, 0]);
    const bad = runAction(dir, { configs: 'channels/missing.yaml', date: '2026-11-27' });
    expect(bad.steps.at(-1)?.code).toBe(2);
    expect(bad.steps.at(-1)?.stderr).toContain('channels/missing.yaml: no such file');
    expect(bad.summary).toBe('');
  });
});

describe('the pre-commit hooks (.pre-commit-hooks.yaml)', () => {
  interface Hook {
    id: string;
    entry: string;
    language: string;
    require_serial?: boolean;
    files: string;
    pass_filenames?: boolean;
  }
  const hooks = parse(readFileSync(join(ROOT, '.pre-commit-hooks.yaml'), 'utf8')) as Hook[];

  /**
   * Runs a hook as pre-commit runs a script hook: the entry, a path in the hook's repository, from the user's
   * repository root, with the staged files its pattern selects (none when pass_filenames is false).
   */
  function runHook(id: string, dir: string, staged: string[]) {
    const hook = hooks.find((h) => h.id === id);
    if (!hook) throw new Error(`no hook ${id}`);
    expect(hook.language).toBe('script');
    const selected = staged.filter((file) => new RegExp(hook.files).test(file));
    const files = hook.pass_filenames === false ? [] : selected;
    if (!selected.length) return { selected, code: 0, stderr: '' };
    const result = spawnSync(join(ROOT, hook.entry), files, { cwd: dir, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1', LANG: 'en_US.UTF-8' } });
    return { selected, code: result.status, stderr: result.stderr };
  }

  it('runs the built CLI from the hook repository, installing it first only when dist/ is missing', () => {
    const script = readFileSync(join(ROOT, 'scripts', 'pre-commit-hook.sh'), 'utf8');
    expect(script).toMatch(/if \[ ! -f "\$root\/dist\/chanrisk\.js" \]; then\n\s+\(cd "\$root" && npm ci /);
    expect(hooks.every((h) => h.require_serial === true)).toBe(true);
  });

  it('chanrisk: checks the staged channel configs and fails on a risky one', () => {
    const dir = repository();
    const staged = ['channels/marketing.yaml', 'channels/service.yaml', 'src/app.ts', '.chanrisk.yaml', 'docker-compose.yaml'];
    const risky = runHook('chanrisk', dir, staged);
    expect(risky.selected).toEqual(['channels/marketing.yaml', 'channels/service.yaml']);
    expect(risky.code).toBe(1);
    expect(runHook('chanrisk', dir, ['channels/service.yaml', 'README.md']).code).toBe(0);
    expect(runHook('chanrisk', dir, ['chanrisk.yaml', 'sub/telegram.chanrisk.yml', 'k8s/channel-service.yaml']).selected).toEqual(['chanrisk.yaml', 'sub/telegram.chanrisk.yml']);
  });

  it('chanrisk-project: checks what .chanrisk.yaml lists when any YAML file changes', () => {
    const dir = repository();
    writeFileSync(join(dir, '.chanrisk.yaml'), 'configs: ["channels/*.yaml"]\nfail_on: critical\n');
    const run = runHook('chanrisk-project', dir, ['.chanrisk.yaml']);
    expect(run.code).toBe(1);
    writeFileSync(join(dir, '.chanrisk.yaml'), 'configs: ["channels/service.yaml"]\n');
    expect(runHook('chanrisk-project', dir, ['docker-compose.yaml']).code).toBe(0);
    expect(runHook('chanrisk-project', dir, ['src/app.ts']).selected).toEqual([]);
  });
});
