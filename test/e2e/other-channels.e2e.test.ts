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
  findings: Finding[];
}

/** Runs `check --format json` and returns the findings per channel id. */
function findingsByChannel(file: string): Map<string, Finding[]> {
  const run = cli(['check', file, '--format', 'json', '--fail-on', 'never', '--date', '2026-11-27']);
  expect(run.stderr).toBe('');
  expect(run.code).toBe(0);
  const report = JSON.parse(run.stdout) as { assessments: { targets: Target[] }[] };
  return new Map((report.assessments[0]?.targets ?? []).map((t) => [t.id, t.findings]));
}

const organisation = ['organisation:', '  name: Beispiel GmbH', '  answers: { country: de, state: be, sector: retail, customers: consumers, minors: false }'];

describe('other-channels pack through check', () => {
  it('rates the clinic: Instagram cold campaigns high, the Threema Work staff channel without platform findings', () => {
    const channels = findingsByChannel(example('multichannel-clinic.yaml'));
    expect(channels.get('instagram-marketing')).toContainEqual(expect.objectContaining({ rule: 'ig-cold-direct-messages', level: 'high' }));
    expect(channels.get('threema-staff')?.filter((f) => f.pack === 'other-channels')).toEqual([]);
  });

  it('judges a Telegram bot for health data by what Telegram cannot offer', () => {
    const file = join(tempDir(), 'telegram.yaml');
    writeFileSync(
      file,
      [
        'chanrisk: 1',
        ...organisation,
        'channels:',
        '  - id: tg-bot',
        '    platform: telegram',
        '    answers:',
        '      integration: official_api_direct',
        '      processor_agreement: true',
        '      telegram_broadcast_only: false',
        '      initiation: business_notifications',
        '      number_source: [given_other_purpose]',
        '      data_categories: [contact, health]',
        '',
      ].join('\n'),
    );
    const levels = Object.fromEntries((findingsByChannel(file).get('tg-bot') ?? []).filter((f) => f.pack === 'other-channels').map((f) => [f.rule, f.level]));
    expect(levels).toEqual({ 'tg-cloud-chats-not-encrypted': 'high', 'tg-no-processor-agreement': 'high', 'tg-bot-cannot-initiate': 'medium' });
  });

  it('leaves Threema Gateway in end-to-end mode and a Messenger Page that only answers without platform findings', () => {
    const file = join(tempDir(), 'good.yaml');
    writeFileSync(
      file,
      [
        'chanrisk: 1',
        ...organisation,
        'channels:',
        '  - id: threema-gateway',
        '    platform: threema',
        '    answers: { integration: official_api_direct, processor_agreement: true, threema_gateway_mode: end_to_end, initiation: customers_only, data_categories: [contact, health] }',
        '  - id: messenger-page',
        '    platform: facebook_messenger',
        '    answers: { integration: official_api_partner, page_joint_control: true, automation: rule_bot, bot_disclosed: true, initiation: customers_only, purposes: [service] }',
        '',
      ].join('\n'),
    );
    const channels = findingsByChannel(file);
    for (const id of ['threema-gateway', 'messenger-page']) expect(channels.get(id)?.filter((f) => f.pack === 'other-channels'), id).toEqual([]);
  });
});
