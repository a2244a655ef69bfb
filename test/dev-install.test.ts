import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT } from './helpers.js';

const lock = JSON.parse(readFileSync(join(ROOT, 'package-lock.json'), 'utf8')) as { packages: Record<string, { hasInstallScript?: boolean }> };
const manifest = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { devDependencies: Record<string, string> };

describe('the development install', () => {
  it('leaves the peer benchmark out of npm ci: Spectral and its tree are installed by npm run bench on demand', () => {
    expect(Object.keys(manifest.devDependencies)).not.toContain('@stoplight/spectral-cli');
    expect(Object.keys(lock.packages).filter((path) => path.includes('@stoplight/'))).toEqual([]);
    // Far fewer than the ~540 entries the lockfile held with the peer in it.
    expect(Object.keys(lock.packages).length).toBeLessThan(350);
    const bench = readFileSync(join(ROOT, 'bench', 'run.mjs'), 'utf8');
    expect(bench).toMatch(/'@stoplight\/spectral-cli@\d+\.\d+\.\d+'/);
    expect(bench).toContain("'--ignore-scripts'");
    expect(readFileSync(join(ROOT, '.gitignore'), 'utf8').split('\n')).toContain('bench/.peers/');
  });

  it('runs no install script but esbuild\'s own binary check (the peer brought a telemetry postinstall)', () => {
    const scripted = Object.entries(lock.packages).filter(([, entry]) => entry.hasInstallScript).map(([path]) => path);
    expect(scripted).toEqual(['node_modules/esbuild']);
  });
});
