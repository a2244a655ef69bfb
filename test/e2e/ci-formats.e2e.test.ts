import { spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, readFileSync, readdirSync } from 'node:fs';
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
  message: { text: string };
  locations: { physicalLocation: { artifactLocation: { uri: string; uriBaseId: string }; region: { startLine: number; startColumn: number } } }[];
  relatedLocations?: { id: number; physicalLocation: { artifactLocation: { uri: string }; region: { startLine: number } } }[];
  suppressions?: unknown[];
  partialFingerprints: Record<string, string>;
  properties: { riskLevel: string; failing: boolean };
}
interface SarifRule {
  id: string;
  name: string;
  helpUri?: string;
  help: { text: string };
  fullDescription: { text: string };
  defaultConfiguration: { level: string };
  properties: { tags: string[]; 'security-severity': string };
}
interface SarifLog {
  runs: { tool: { driver: { rules: SarifRule[] } }; originalUriBaseIds: Record<string, unknown>; results: SarifResult[]; properties: { accepted: number } }[];
}

function sarif(args: string[]): SarifLog {
  const run = cli(['check', ...args, '--format', 'sarif', ...(args.includes('--date') ? [] : ['--date', '2026-11-27'])]);
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
    expect(result?.locations[0]?.physicalLocation).toEqual({
      artifactLocation: { uri: 'examples/whatsapp-unofficial-marketing.yaml', uriBaseId: '%SRCROOT%' },
      region: { startLine: 22, startColumn: 20 },
    });
    expect(Object.keys(run?.originalUriBaseIds ?? {})).toEqual(['%SRCROOT%']);
    expect(result?.partialFingerprints['chanrisk/v2']).toMatch(/^[0-9a-f]{32}$/);
    expect(new Set(run?.results.map((r) => r.level))).toEqual(new Set(['error', 'warning']));
  });

  it('names rules apart from their ids and gives critical and high different security severities, as GitHub reads them', () => {
    const rules = sarif([MARKETING]).runs[0]?.tool.driver.rules ?? [];
    expect(rules.find((r) => r.id === 'wa-unofficial-client')?.name).toBe('WaUnofficialClient');
    expect(rules.every((r) => r.name !== r.id && /^[A-Z][A-Za-z0-9]*$/.test(r.name))).toBe(true);
    // GitHub: over 9.0 critical, 7.0 to 8.9 high, 4.0 to 6.9 medium, 0.1 to 3.9 low; only rules tagged "security".
    const band = (score: string) => (Number(score) > 9 ? 'critical' : Number(score) >= 7 ? 'high' : Number(score) >= 4 ? 'medium' : 'low');
    const severities = new Map(rules.map((r) => [r.id, band(r.properties['security-severity'])]));
    expect(severities.get('wa-unofficial-client')).toBe('critical');
    expect(new Set(severities.values())).toContain('high');
    expect(rules.every((r) => r.properties.tags.includes('security'))).toBe(true);
  });

  it("levels follow the gate: error exactly for what fails --fail-on, so GitHub's check agrees with the exit code", () => {
    const results = sarif([MARKETING, '--fail-on', 'critical']).runs[0]?.results ?? [];
    expect(results.length).toBeGreaterThan(0);
    for (const r of results) expect(r.level, r.ruleId).toBe(r.properties.failing ? 'error' : r.properties.riskLevel === 'low' ? 'note' : 'warning');
    expect(results.find((r) => r.properties.riskLevel === 'high')?.level).toBe('warning');
    expect(results.find((r) => r.properties.riskLevel === 'critical')?.level).toBe('error');
  });

  it('leaves an accepted finding out, since GitHub ignores suppressions and would keep it open, and counts it', () => {
    const log = sarif([ACCEPTED, '--date', '2026-12-01']);
    expect(log.runs[0]?.results.find((r) => r.ruleId === 'gdpr-privacy-notice')).toBeUndefined();
    expect(log.runs[0]?.results.every((r) => r.suppressions === undefined)).toBe(true);
    expect(log.runs[0]?.properties.accepted).toBe(1);
    // Expired, it is open again.
    const expired = sarif([ACCEPTED, '--date', '2027-01-01']);
    expect(expired.runs[0]?.results.find((r) => r.ruleId === 'gdpr-privacy-notice')).toBeDefined();
  });

  it('points evidence-based results at the manifest line as a related location', () => {
    const results = sarif([join(SCAN_REPO, 'chanrisk.yaml'), '--scan', SCAN_REPO]).runs[0]?.results ?? [];
    const contradiction = results.find((r) => r.ruleId === 'evidence-contradiction');
    expect(contradiction?.level).toBe('error');
    expect(contradiction?.relatedLocations?.[0]?.physicalLocation.artifactLocation.uri).toMatch(/^test\/fixtures\/scan-repo\/package(-lock)?\.json$/);
    // GitHub links "[text](id)" in the message to the related location with that id.
    expect(contradiction?.relatedLocations?.[0]?.id).toBe(1);
    expect(contradiction?.message.text).toContain('Found in the code: [@whiskeysockets/baileys](1).');
  });

  it("keeps what one result found out of the rule's description", () => {
    const log = sarif([join(SCAN_REPO, 'chanrisk.yaml'), '--scan', SCAN_REPO]);
    const rule = log.runs[0]?.tool.driver.rules.find((r) => r.id === 'evidence-contradiction');
    expect(rule?.fullDescription.text).toBeTruthy();
    expect(rule?.fullDescription.text).not.toMatch(/baileys|package\.json|Declared:/);
  });
});

describe('check --format junit', () => {
  const parser = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '', isArray: (name) => name === 'testsuite' || name === 'testcase' });
  type Case = { name: string; classname: string; file?: string; line?: string; failure?: { type: string; '#text': string } };
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
  it('keeps class names apart for a/b.yaml and a.b.yaml, with repository paths and no file or line attributes', () => {
    const dir = tempDir('chanrisk-repo-');
    expect(spawnSync('git', ['init', '-q', dir]).status).toBe(0);
    mkdirSync(join(dir, 'a'));
    copyFileSync(MARKETING, join(dir, 'a', 'b.yaml'));
    copyFileSync(MARKETING, join(dir, 'a.b.yaml'));
    const run = cli(['check', join(dir, 'a', 'b.yaml'), join(dir, 'a.b.yaml'), '--format', 'junit', '--date', '2026-11-27'], { cwd: tempDir() });
    expect(run.code).toBe(1);
    const suites = (parser.parse(run.stdout) as { testsuites: { testsuite: Suite[] } }).testsuites.testsuite;
    const cases = suites.flatMap((s) => s.testcase);
    // GitLab identifies a test by class name and name and keeps only the first of each: every pair must be unique.
    const keys = cases.map((c) => `${c.classname}\u0000${c.name}`);
    expect(new Set(keys).size).toBe(keys.length);
    expect(new Set(cases.map((c) => c.classname))).toEqual(new Set(['a/b.yaml#organisation', 'a/b.yaml#whatsapp-offers', 'a.b.yaml#organisation', 'a.b.yaml#whatsapp-offers']));
    expect(run.stdout).not.toContain(dir);
    // Jenkins' junit-10.xsd allows no file or line on <testcase>; the location leads the failure text instead.
    expect(cases.every((c) => c.file === undefined && c.line === undefined)).toBe(true);
    expect(cases.find((c) => c.classname === 'a/b.yaml#whatsapp-offers' && c.failure)?.failure?.['#text']).toMatch(/^a\/b\.yaml:\d+:\d+: /);
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
