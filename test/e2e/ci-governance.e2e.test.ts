import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { cli, ROOT, tempDir } from '../helpers.js';

const ACCEPTED = join(ROOT, 'test', 'fixtures', 'ci', 'accepted.yaml');
const acceptedText = readFileSync(ACCEPTED, 'utf8');

function configFile(text: string): string {
  const file = join(tempDir(), 'channels.yaml');
  writeFileSync(file, text);
  return file;
}

const check = (file: string, ...args: string[]) => cli(['check', file, '--fail-on', 'medium', ...args]);

describe('accepted_risks', () => {
  it('an accepted finding is reported as accepted and does not fail the build, up to its expiry day', () => {
    const run = check(ACCEPTED, '--date', '2026-12-31', '--format', 'json');
    expect(run.code).toBe(0);
    expect(run.stderr).toBe('');
    const doc = JSON.parse(run.stdout);
    const finding = doc.assessments[0].targets.find((t: { id: string }) => t.id === 'whatsapp-service').findings.find((f: { rule: string }) => f.rule === 'gdpr-privacy-notice');
    expect(finding.status).toBe('accepted');
    expect(finding.acceptance).toMatchObject({ approver: 'Dana Berater, DPO', expires: '2026-12-31' });
    expect(doc.summary.accepted).toBe(1);
  });

  it('the day after expiry the finding is active again and fails the build, with a warning at the entry', () => {
    const run = check(ACCEPTED, '--date', '2027-01-01');
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/^warning: .*accepted\.yaml:57:5: the acceptance of gdpr-privacy-notice for whatsapp-service expired on 2026-12-31/m);
    expect(run.stdout).not.toContain('[accepted]');
  });

  it('--no-acceptances shows the unwaived picture', () => {
    const run = check(ACCEPTED, '--date', '2026-12-01', '--no-acceptances');
    expect(run.code).toBe(1);
    expect(run.stdout).not.toContain('[accepted]');
  });

  it('warns about a stale acceptance that matches no finding', () => {
    const file = configFile(acceptedText.replace('privacy_notice: false', 'privacy_notice: true'));
    const run = check(file, '--date', '2026-12-01');
    expect(run.code).toBe(0);
    expect(run.stderr).toMatch(/channels\.yaml:57:5: the acceptance of gdpr-privacy-notice for whatsapp-service matches no finding/);
  });

  it('exits 2 when a non-waivable rule is accepted, naming the entry', () => {
    const file = configFile(acceptedText.replace('rule: gdpr-privacy-notice', 'rule: wa-unofficial-client'));
    const run = check(file, '--date', '2026-12-01');
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/channels\.yaml:57:5: accepted_risks: rule wa-unofficial-client is not waivable/);
    expect(run.stdout).toBe('');
  });

  it('exits 2 with a suggestion for an unknown channel, and for a missing field', () => {
    const typo = check(configFile(acceptedText.replace('channel: whatsapp-service', 'channel: whatsapp-servce')));
    expect(typo.code, typo.stderr).toBe(2);
    expect(typo.stderr).toContain('did you mean "whatsapp-service"?');
    const missing = check(configFile(acceptedText.replace(/\n {4}approver: .*/, '')));
    expect(missing.code, missing.stderr).toBe(2);
    expect(missing.stderr).toMatch(/:57:\d+: accepted_risks\.0\.approver: required string is missing/);
  });
});

describe('baselines', () => {
  const MARKETING = readFileSync(join(ROOT, 'examples', 'whatsapp-unofficial-marketing.yaml'), 'utf8');

  it('a baseline hides the findings it records, survives reordering and unrelated edits, and catches a new one', () => {
    const dir = tempDir();
    const baseline = join(dir, 'baseline.json');
    const config = configFile(MARKETING);
    const written = cli(['check', config, '--write-baseline', baseline, '--date', '2026-11-27']);
    expect(written.code).toBe(0);
    const recorded = JSON.parse(readFileSync(baseline, 'utf8'));
    expect(recorded.findings.length).toBeGreaterThan(5);
    expect(cli(['check', config, '--date', '2026-11-27']).code).toBe(1);
    const hidden = cli(['check', config, '--baseline', baseline, '--date', '2026-11-27']);
    expect(hidden.code).toBe(0);
    expect(hidden.stdout).toMatch(/wa-unofficial-client \[in baseline\]/);

    // An unrelated edit to the same file (a note, a comment shifting every line) keeps every fingerprint.
    writeFileSync(config, `# reviewed again\n${MARKETING.replace(/assessor: .*/, 'assessor: Someone Else')}`);
    const same = cli(['check', config, '--baseline', baseline, '--format', 'json', '--date', '2026-11-27']);
    expect(same.code, same.stdout.slice(0, 400)).toBe(0);
    const states = JSON.parse(same.stdout).assessments[0].targets.flatMap((t: { findings: { baseline: string }[] }) => t.findings.map((f) => f.baseline));
    expect(new Set(states)).toEqual(new Set(['known']));

    // A new finding: the organisation of 45 people drops its data protection officer.
    writeFileSync(config, MARKETING.replace('dpo: true', 'dpo: false'));
    const worse = config;
    const caught = cli(['check', worse, '--baseline', baseline, '--format', 'github', '--fail-on', 'medium', '--date', '2026-11-27']);
    expect(caught.code).toBe(1);
    expect(caught.stdout).toMatch(/^::error file=.*,title=chanrisk gdpr-dpo-missing /m);
    expect(caught.stdout.match(/^::error /gm)).toHaveLength(1);

    const sarif = JSON.parse(cli(['check', worse, '--baseline', baseline, '--format', 'sarif', '--date', '2026-11-27']).stdout);
    const sarifStates = new Map(sarif.runs[0].results.map((r: { ruleId: string; baselineState: string }) => [r.ruleId, r.baselineState]));
    expect(sarifStates.get('gdpr-dpo-missing')).toBe('new');
    expect(sarifStates.get('wa-unofficial-client')).toBe('unchanged');
  });

  it('exits 2 on a file that is not a baseline', () => {
    const file = join(tempDir(), 'not-a-baseline.json');
    writeFileSync(file, '{"findings": 3}');
    const run = cli(['check', ACCEPTED, '--baseline', file]);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('not a chanrisk baseline');
  });
});
