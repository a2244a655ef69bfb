import { copyFileSync, existsSync, readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import AjvDraft04 from 'ajv-draft-04';
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { lint } from 'markdownlint/sync';
import { describe, expect, it } from 'vitest';
import { cli, example, ROOT, tempDir } from '../helpers.js';

const SARIF_SCHEMA = JSON.parse(readFileSync(join(ROOT, 'test', 'fixtures', 'sarif-schema-2.1.0.json'), 'utf8')) as object;
const ACCEPTED = join(ROOT, 'test', 'fixtures', 'ci', 'accepted.yaml');
const SCAN_REPO = join('test', 'fixtures', 'scan-repo');
const MARKETING = example('whatsapp-unofficial-marketing.yaml');

/** The official SARIF 2.1.0 schema (draft-04) with its three string formats checked, not ignored. */
function sarifValidator() {
  // A CommonJS module: under NodeNext its class is the `default` export of the module object.
  const ajv = new AjvDraft04.default({ allErrors: true, strict: false });
  ajv.addFormat('uri', (value: string) => URL.canParse(value));
  ajv.addFormat('uri-reference', (value: string) => !/\s/.test(value) && URL.canParse(value, 'file:///base/'));
  ajv.addFormat('date-time', (value: string) => /^\d{4}-\d{2}-\d{2}T/.test(value) && !Number.isNaN(Date.parse(value)));
  return ajv.compile(SARIF_SCHEMA);
}
const validateSarif = sarifValidator();

interface SarifResult {
  ruleId: string;
  level: string;
  locations: { physicalLocation: { artifactLocation: { uri: string }; region: { startLine: number; startColumn: number } } }[];
  relatedLocations?: { physicalLocation: { artifactLocation: { uri: string }; region: { startLine: number } } }[];
  suppressions?: { kind: string; status: string; justification: string }[];
  partialFingerprints: Record<string, string>;
}
interface SarifLog {
  runs: { tool: { driver: { rules: { id: string; helpUri?: string; help: { text: string } }[] } }; results: SarifResult[] }[];
}

function sarif(args: string[]): SarifLog {
  const run = cli(['check', ...args, '--format', 'sarif', '--date', '2026-11-27']);
  expect([0, 1], run.stderr).toContain(run.code);
  const log = JSON.parse(run.stdout) as SarifLog;
  const valid = validateSarif(log);
  expect(valid ? [] : validateSarif.errors).toEqual([]);
  return log;
}

describe('check --format sarif', () => {
  it('validates against the OASIS schema, with rule help and links, located results and mapped levels', () => {
    const log = sarif([MARKETING]);
    const [run] = log.runs;
    const rule = run?.tool.driver.rules.find((r) => r.id === 'wa-unofficial-client');
    expect(rule?.helpUri).toMatch(/^https:\/\//);
    expect(rule?.help.text).toContain('Cloud API');
    const result = run?.results.find((r) => r.ruleId === 'wa-unofficial-client');
    expect(result?.level).toBe('error');
    // integration: unofficial_library stands on line 22, column 20 of the example.
    expect(result?.locations[0]?.physicalLocation).toEqual({ artifactLocation: { uri: 'examples/whatsapp-unofficial-marketing.yaml' }, region: { startLine: 22, startColumn: 20 } });
    expect(result?.partialFingerprints['chanrisk/v2']).toMatch(/^[0-9a-f]{32}$/);
    expect(new Set(run?.results.map((r) => r.level))).toEqual(new Set(['error', 'warning']));
  });

  it('reports an accepted finding as a suppression with its justification', () => {
    const result = sarif([ACCEPTED]).runs[0]?.results.find((r) => r.ruleId === 'gdpr-privacy-notice');
    expect(result?.level).toBe('warning');
    expect(result?.suppressions).toEqual([expect.objectContaining({ kind: 'external', status: 'accepted' })]);
    expect(result?.suppressions?.[0]?.justification).toContain('Dana Berater, DPO');
  });

  it('points evidence-based results at the manifest line as a related location', () => {
    const results = sarif([join(SCAN_REPO, 'chanrisk.yaml'), '--scan', SCAN_REPO]).runs[0]?.results ?? [];
    const contradiction = results.find((r) => r.ruleId === 'evidence-contradiction');
    expect(contradiction?.level).toBe('error');
    expect(contradiction?.relatedLocations?.[0]?.physicalLocation.artifactLocation.uri).toMatch(/^test\/fixtures\/scan-repo\/package(-lock)?\.json$/);
  });
});

describe('check --format junit', () => {
  const parser = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '', isArray: (name) => name === 'testsuite' || name === 'testcase' });
  type Case = { name: string; classname: string; failure?: { type: string } };
  type Suite = { name: string; tests: string; failures: string; testcase: Case[] };

  it('parses as JUnit XML: one case per rule and channel, failures only at or above --fail-on', () => {
    const run = cli(['check', MARKETING, '--format', 'junit', '--fail-on', 'critical', '--date', '2026-11-27']);
    expect(run.code).toBe(1);
    const doc = parser.parse(run.stdout) as { testsuites: { tests: string; failures: string; testsuite: Suite[] } };
    const suites = doc.testsuites.testsuite;
    const channel = suites.find((s) => s.name.endsWith(' whatsapp-offers'));
    const cases = channel?.testcase ?? [];
    expect(cases.length).toBe(Number(channel?.tests));
    const names = cases.map((c) => c.name.split(':')[0]);
    expect(new Set(names).size).toBe(names.length);
    const failed = cases.filter((c) => c.failure);
    expect(failed.length).toBeGreaterThan(0);
    expect(failed.every((c) => c.failure?.type === 'critical')).toBe(true);
    expect(cases.find((c) => c.name.startsWith('wa-unofficial-client:'))?.failure?.type).toBe('critical');
    expect(Number(doc.testsuites.failures)).toBe(suites.reduce((n, s) => n + Number(s.failures), 0));
    expect(cases.some((c) => !c.failure)).toBe(true);
  });
  it('stays well-formed XML when the file name holds markup characters', () => {
    const file = join(tempDir(), 'a&b"<c>.yaml');
    copyFileSync(MARKETING, file);
    const run = cli(['check', file, '--format', 'junit', '--date', '2026-11-27']);
    expect(run.code).toBe(1);
    expect(XMLValidator.validate(run.stdout)).toBe(true);
    const doc = parser.parse(run.stdout) as { testsuites: { testsuite: Suite[] } };
    expect(doc.testsuites.testsuite[0]?.name).toContain('a&b"<c>.yaml');
  });
});

describe('check --format github', () => {
  it('prints workflow commands with file, line, column and title, escaped as the runner expects', () => {
    const run = cli(['check', MARKETING, '--format', 'github', '--date', '2026-11-27']);
    expect(run.code).toBe(1);
    const lines = run.stdout.trim().split('\n');
    const command = lines.find((l) => l.includes('wa-unofficial-client'));
    expect(command).toMatch(/^::error file=examples\/whatsapp-unofficial-marketing\.yaml,line=22,col=20,title=chanrisk wa-unofficial-client \(critical\)::whatsapp-offers: /);
    for (const line of lines.filter((l) => l.startsWith('::'))) {
      const [, properties = '', message = ''] = /^::\w+ (.*?)::(.*)$/.exec(line) ?? [];
      // Within properties only the separators may be literal commas; values escape ":" and ",".
      expect(properties.split(',').every((p) => /^(file|line|col|title)=[^:]*$/.test(p)), line).toBe(true);
      expect(message).not.toMatch(/[\r\n]/);
    }
    expect(command).toContain('%0A');
  });

  it('shows accepted findings as notices', () => {
    const run = cli(['check', ACCEPTED, '--format', 'github', '--fail-on', 'medium', '--date', '2026-12-31']);
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/^::notice file=.*accepted\.yaml,line=36,col=\d+,title=chanrisk gdpr-privacy-notice \(medium\) \[accepted\]::/m);
  });
});

describe('check --format markdown and --output', () => {
  it('writes a pull-request summary to a file, atomically, and prints nothing', () => {
    const dir = tempDir();
    const file = join(dir, 'comment.md');
    const run = cli(['check', MARKETING, '--format', 'markdown', '-o', file, '--lang', 'de', '--date', '2026-11-27']);
    expect(run.code).toBe(1);
    expect(run.stdout).toBe('');
    const markdown = readFileSync(file, 'utf8');
    expect(markdown).toMatch(/^### chanrisk: ✖ \d+ Befund\(e\) ab hoch/);
    expect(markdown).toContain('| **kritisch** | [`wa-unofficial-client`](https://');
    expect(readdirSync(dir)).toEqual(['comment.md']);
  });

  it('passes markdownlint with the project settings (a comment fragment: no top-level heading needed)', () => {
    const config = { ...JSON.parse(readFileSync(join(ROOT, '.markdownlint.json'), 'utf8')), MD041: false };
    for (const [file, date] of [[MARKETING, '2026-11-27'], [ACCEPTED, '2026-12-01']] as const) {
      const run = cli(['check', file, '--format', 'markdown', '--date', date]);
      expect(lint({ strings: { comment: run.stdout }, config }).toString()).toBe('');
    }
    expect(cli(['check', ACCEPTED, '--format', 'markdown', '--date', '2026-12-01']).stdout).toContain('#### Accepted risks (1)');
  });

  it('exits 2 and writes nothing when the output folder is missing', () => {
    const dir = tempDir();
    const run = cli(['check', MARKETING, '-o', join(dir, 'missing', 'out.sarif'), '--format', 'sarif']);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('does not exist');
    expect(existsSync(join(dir, 'missing'))).toBe(false);
  });

  it('rejects an unknown format with a suggestion', () => {
    const run = cli(['check', MARKETING, '--format', 'sarf']);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('did you mean "sarif"?');
  });
});
