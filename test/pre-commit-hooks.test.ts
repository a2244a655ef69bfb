import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { ROOT } from './helpers.js';

// pre-commit matches `files` with Python's re.search; these patterns use nothing JavaScript reads differently.
const hooks = parse(readFileSync(join(ROOT, '.pre-commit-hooks.yaml'), 'utf8')) as { id: string; files: string }[];
const pattern = (id: string) => new RegExp(hooks.find((h) => h.id === id)?.files ?? '(?!)');

describe('pre-commit hooks: which files run them', () => {
  it('runs the config hook on channel configs only, never on workflows, manifests or other YAML', () => {
    const configs = pattern('chanrisk');
    for (const file of ['chanrisk.yaml', 'channels/prod.yaml', 'ops/prod.chanrisk.yaml']) expect(configs.test(file), file).toBe(true);
    for (const file of ['.github/workflows/chanrisk.yml', 'k8s/channel-service.yaml', 'deploy/channels-helm-values.yaml', 'docs/channels/a.yaml']) {
      expect(configs.test(file), file).toBe(false);
    }
  });

  it('runs the project hook when a dependency manifest changes, not only YAML', () => {
    const project = pattern('chanrisk-project');
    for (const file of ['package.json', 'services/api/package-lock.json', 'requirements.txt', 'pyproject.toml', 'go.mod', 'pom.xml', 'x.yaml']) {
      expect(project.test(file), file).toBe(true);
    }
    for (const file of ['README.md', 'src/main.py']) expect(project.test(file), file).toBe(false);
  });
});
