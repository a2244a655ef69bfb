import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { cli, example, tempDir } from '../helpers.js';

interface Finding {
  rule: string;
  pack: string;
  level: string;
}
interface Target {
  id: string;
  rating: string;
  findings: Finding[];
}
interface Assessment {
  rating: string;
  targets: Target[];
}

const WHATSAPP_PACKS = ['whatsapp-terms', 'api-officiality', 'whatsapp-business-platform', 'ai'];
const RANK = ['low', 'medium', 'high', 'critical'];

/** Runs `check --format json` on one config for one day and returns its assessment. */
function assess(file: string, date = '2026-11-27'): Assessment {
  const run = cli(['check', file, '--format', 'json', '--fail-on', 'never', '--date', date]);
  expect(run.stderr).toBe('');
  expect(run.code).toBe(0);
  const report = JSON.parse(run.stdout) as { assessments: Assessment[] };
  const assessment = report.assessments[0];
  if (!assessment) throw new Error(`no assessment for ${file}`);
  return assessment;
}

const channel = (assessment: Assessment, id: string): Finding[] => assessment.targets.find((t) => t.id === id)?.findings ?? [];
const ours = (findings: Finding[]): Finding[] => findings.filter((f) => WHATSAPP_PACKS.includes(f.pack));
const levelOf = (findings: Finding[], rule: string): string | undefined => findings.find((f) => f.rule === rule)?.level;

/** Writes a one-channel config with the given channel answers (YAML flow mapping) and returns its path. */
function config(platform: string, answers: string): string {
  const file = join(tempDir(), 'channel.yaml');
  writeFileSync(
    file,
    [
      'chanrisk: 1',
      'organisation:',
      '  name: Beispiel GmbH',
      '  answers: { country: de, state: be, sector: retail, regulated_goods: [none], customers: consumers, minors: false }',
      'channels:',
      '  - id: c1',
      `    platform: ${platform}`,
      `    answers: ${answers}`,
      '',
    ].join('\n'),
  );
  return file;
}

describe('WhatsApp packs through check: the calibration examples', () => {
  it('rates the unofficial-library marketing blast critical, led by the unofficial client and the bought list', () => {
    const assessment = assess(example('whatsapp-unofficial-marketing.yaml'));
    expect(assessment.rating).toBe('critical');
    const findings = channel(assessment, 'whatsapp-offers');
    expect(levelOf(findings, 'wa-unofficial-client')).toBe('critical');
    expect(levelOf(findings, 'wa-number-harvesting')).toBe('critical');
    expect(levelOf(findings, 'api-grey-continuity')).toBe('high');
  });

  it('gives the well-run Cloud API service desk no WhatsApp finding at medium or above', () => {
    const findings = ours(channel(assess(example('whatsapp-cloud-api-service.yaml')), 'whatsapp-service'));
    expect(findings.filter((f) => RANK.indexOf(f.level) >= RANK.indexOf('medium'))).toEqual([]);
  });

  it('rates the technicians on private consumer accounts high for the integration itself, as one finding', () => {
    const assessment = assess(example('technicians-private-whatsapp.yaml'));
    expect(['high', 'critical']).toContain(assessment.rating);
    const findings = channel(assessment, 'technicians-whatsapp');
    expect(levelOf(findings, 'api-consumer-app-for-business')).toBe('high');
    // The private-phone finding supersedes the general consumer-app one: one fact, one finding.
    expect(levelOf(findings, 'wa-consumer-business-use')).toBeUndefined();
  });
});

describe('WhatsApp packs through check: dates and unsettled terms', () => {
  it('warns of the On-Premises sunset before 23 Oct 2025 and calls the channel dead after it', () => {
    const file = config('whatsapp', '{ integration: on_premises_api }');
    const before = channel(assess(file, '2025-06-01'), 'c1');
    expect(levelOf(before, 'api-on-premises-sunset')).toBe('high');
    expect(levelOf(before, 'api-on-premises-dead')).toBeUndefined();
    const after = channel(assess(file, '2025-10-24'), 'c1');
    expect(levelOf(after, 'api-on-premises-dead')).toBe('critical');
    expect(levelOf(after, 'api-on-premises-sunset')).toBeUndefined();
  });

  it('names Google Business Messages as gone from 1 Aug 2024 only', () => {
    const file = config('google_business_messages', '{ integration: official_api_partner }');
    expect(levelOf(channel(assess(file, '2024-07-31'), 'c1'), 'api-google-business-messages-dead')).toBeUndefined();
    expect(levelOf(channel(assess(file), 'c1'), 'api-google-business-messages-dead')).toBe('critical');
  });

  it('keeps the AI-provider restriction low for EEA and Brazilian numbers and high elsewhere', () => {
    const base = 'integration: official_api_partner, automation: general_ai, ai_disclosed: true, human_handover: true';
    const eea = channel(assess(config('whatsapp', `{ ${base}, ai_recipients: eea_brazil_only }`)), 'c1');
    const world = channel(assess(config('whatsapp', `{ ${base}, ai_recipients: worldwide }`)), 'c1');
    expect(levelOf(eea, 'wabp-ai-provider')).toBe('low');
    expect(levelOf(world, 'wabp-ai-provider')).toBe('high');
    expect(levelOf(channel(assess(config('whatsapp', `{ ${base}, ai_recipients: worldwide }`), '2026-01-14'), 'c1'), 'wabp-ai-provider')).toBeUndefined();
  });

  it('requires AI disclosure on every platform from 2 Aug 2026', () => {
    const file = config('telegram', '{ integration: official_api_direct, automation: business_ai, ai_disclosed: false, human_handover: true, monthly_messages: 500 }');
    expect(levelOf(channel(assess(file, '2026-08-01'), 'c1'), 'ai-disclosure-art50')).toBeUndefined();
    // Art. 50(1) AI Act binds every interaction, so 500 messages a month are no reason to rate it lower.
    expect(levelOf(channel(assess(file, '2026-08-02'), 'c1'), 'ai-disclosure-art50')).toBe('high');
  });
});
