import { copyFileSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { cli, example, ROOT, tempDir } from '../helpers.js';

const DATE = ['--date', '2026-11-27'];
const LEVELS = ['low', 'medium', 'high', 'critical'];
const rank = (level: string) => LEVELS.indexOf(level);

interface RouteJson {
  id: string;
  platform: string;
  official: boolean;
  rating: string | null;
  assumptions: { kind: string; text: string }[];
}

function compareJson(config: string, extra: string[] = []) {
  const run = cli(['compare', example(config), '--format', 'json', ...DATE, ...extra]);
  expect(run.stderr).toBe('');
  expect(run.code).toBe(0);
  return JSON.parse(run.stdout);
}

describe('chanrisk compare (built CLI)', () => {
  it('steers the unofficial marketing example to an official route that leaves less risk, never to one that leaves more', () => {
    const doc = compareJson('whatsapp-unofficial-marketing.yaml');
    expect(doc.formatVersion).toBe(1);
    const [channel] = doc.channels;
    const rec = channel.recommendation;
    expect(rec.kind).toBe('switch');
    const chosen = channel.routes.find((r: RouteJson) => r.id === rec.route);
    expect(chosen.official).toBe(true);
    // The Cloud API adds the platform's own opt-in, opt-out and template duties the plan does not meet: at the same
    // (critical) rating it leaves more points than the plan, so it is not the recommendation.
    const cloud = channel.routes.find((r: RouteJson & { points: number }) => r.id === 'whatsapp-cloud-api-eu-partner');
    expect(cloud.points).toBeGreaterThan(channel.plan.points);
    expect(chosen.points).toBeLessThanOrEqual(channel.plan.points);
    expect(rank(rec.after.rating)).toBeLessThanOrEqual(rank(rec.before.rating));
    expect(rec.removed).toContain('wa-unofficial-client');
    expect(rec.text).toContain(`against ${rec.before.rating}`);
  });

  it('steers the technicians on private phones to the Business app or the Cloud API', () => {
    const [channel] = compareJson('technicians-private-whatsapp.yaml').channels;
    expect(['whatsapp-business-app', 'whatsapp-cloud-api-eu-partner', 'whatsapp-cloud-api-direct']).toContain(channel.recommendation.route);
    expect(rank(channel.recommendation.after.rating)).toBeLessThanOrEqual(rank(channel.recommendation.before.rating));
  });

  it('steers the same technicians to the Cloud API once a bot answers and the volume grows past manual use', () => {
    const config = readFileSync(example('technicians-private-whatsapp.yaml'), 'utf8')
      .replace('automation: none', 'automation: rule_bot\n      human_handover: true')
      .replace('monthly_messages: 600', 'monthly_messages: 12000');
    const file = join(tempDir('chanrisk-compare-'), 'technicians-bot.yaml');
    writeFileSync(file, config);
    const run = cli(['compare', file, '--format', 'json', ...DATE]);
    expect(run.code, run.stderr).toBe(0);
    const [channel] = JSON.parse(run.stdout).channels;
    const businessApp = channel.routes.find((r: RouteJson) => r.id === 'whatsapp-business-app');
    expect(businessApp.serves).toBe(false);
    expect(businessApp.cannotServe).toHaveLength(2);
    expect(['whatsapp-cloud-api-eu-partner', 'whatsapp-cloud-api-direct']).toContain(channel.recommendation.route);
  });

  it('judges a route on answers the plan gives ahead for it instead of the worst case', () => {
    const base = readFileSync(example('whatsapp-unofficial-marketing.yaml'), 'utf8');
    const file = join(tempDir('chanrisk-compare-'), 'ahead.yaml');
    writeFileSync(file, base.replace('      staff_policy: false', '      staff_policy: false\n      platform_data_use: [none]'));
    const routeOf = (doc: { channels: { routes: (RouteJson & { openForRoute: string[]; pending: { rule: string }[]; points: number })[] }[] }) =>
      doc.channels[0]?.routes.find((r) => r.id === 'whatsapp-cloud-api-eu-partner');
    const before = routeOf(compareJson('whatsapp-unofficial-marketing.yaml'));
    const run = cli(['compare', file, '--format', 'json', ...DATE]);
    expect(run.code).toBe(0);
    const after = routeOf(JSON.parse(run.stdout));
    expect(before?.openForRoute).toContain('platform_data_use');
    // Unanswered, the finding it could bring is pending: named, not counted. Answered, it is gone altogether.
    expect(before?.pending.map((f) => f.rule)).toContain('wabp-platform-data-misuse');
    expect(after?.openForRoute).not.toContain('platform_data_use');
    expect(after?.pending.map((f) => f.rule)).not.toContain('wabp-platform-data-misuse');
    expect(after?.points).toBe(before?.points);
  });

  it('never recommends a grey route and lists every route with its assumptions', () => {
    const doc = compareJson('multichannel-clinic.yaml');
    for (const channel of doc.channels) {
      const chosen = channel.routes.find((r: RouteJson) => r.id === channel.recommendation.route);
      if (channel.recommendation.kind !== 'none') expect(chosen.official).toBe(true);
      for (const route of channel.routes as RouteJson[]) {
        if (route.rating !== null) expect(route.assumptions.some((a) => a.kind === 'fact')).toBe(true);
      }
    }
    expect(doc.channels.map((c: { id: string }) => c.id)).toEqual(['whatsapp-appointments', 'instagram-marketing', 'threema-staff']);
  });

  it('prints the table, the recommendation and the assumptions in English and German, byte-identical on a rerun', () => {
    const en = cli(['compare', example('whatsapp-unofficial-marketing.yaml'), ...DATE, '--lang', 'en']);
    expect(en.code).toBe(0);
    expect(en.stdout).toContain('Recommendation:');
    expect(en.stdout).toContain('assumes: How is the channel connected? → The official API through a provider');
    expect(en.stdout).toContain('Google Business Messages');
    const de = cli(['compare', example('whatsapp-unofficial-marketing.yaml'), ...DATE, '--lang', 'de']);
    expect(de.stdout).toContain('Empfehlung:');
    expect(de.stdout).toContain('nimmt an: Wie ist der Kanal angebunden? → Die offizielle API über einen Anbieter');
    expect(cli(['compare', example('whatsapp-unofficial-marketing.yaml'), ...DATE, '--lang', 'de']).stdout).toBe(de.stdout);
  });

  it('writes the Alternatives section as markdown and filters by --channel', () => {
    const md = cli(['compare', example('multichannel-clinic.yaml'), '--format', 'markdown', '--channel', 'threema-staff', ...DATE, '--lang', 'en']);
    expect(md.code).toBe(0);
    expect(md.stdout).toContain('## Alternatives');
    expect(md.stdout).toContain('### Channel threema-staff (threema)');
    expect(md.stdout).not.toContain('whatsapp-appointments');
  });

  it('gives no recommendation, and says why, when every serving route keeps a high risk of its own', () => {
    const dir = tempDir('chanrisk-compare-pack-');
    writeFileSync(
      join(dir, 'no-campaigns.yaml'),
      `pack: { id: test-no-campaigns, title: { en: Test, de: Test }, version: "1" }
rules:
  - id: test-official-campaigns-banned
    area: platform_terms
    channels: ['*']
    title: { en: Official channels refuse this campaign, de: Offizielle Kanäle verweigern diese Kampagne }
    condition: { question: integration, in: [business_app, official_api_direct, official_api_partner] }
    impact: maximum
    likelihood: maximum
    finding: { en: No official provider takes this campaign., de: Kein offizieller Anbieter übernimmt diese Kampagne. }
    recommendation: { en: Drop the campaign., de: Die Kampagne aufgeben. }
    mitigation: { remove: { purposes: [marketing] } }
    sources: [{ title: Test source, citation: "test", date: 2026-01-01, checked: 2026-11-01 }]
    review_days: 365
    waivable: true
    tests:
      fires: [{ answers: { integration: official_api_partner } }]
      passes: [{ answers: { integration: unofficial_library } }]
`,
    );
    const [channel] = compareJson('whatsapp-unofficial-marketing.yaml', ['--rules', dir]).channels;
    expect(channel.recommendation).toMatchObject({ kind: 'none', reason: 'own_high_risk', ownRisks: ['test-official-campaigns-banned'] });
    expect(channel.recommendation.text).toContain('recommends none');
  });

  it('refuses an unknown channel and an unknown format with exit 2 and a hint', () => {
    const channel = cli(['compare', example('multichannel-clinic.yaml'), '--channel', 'threema-staf', ...DATE]);
    expect(channel.code).toBe(2);
    expect(channel.stderr).toContain('did you mean "threema-staff"?');
    const format = cli(['compare', example('multichannel-clinic.yaml'), '--format', 'markdwon']);
    expect(format.code).toBe(2);
    expect(format.stderr).toContain('did you mean "markdown"?');
  });

  it('rules lint checks routes.yaml: an unknown question fails with its file and line', () => {
    const dir = tempDir('chanrisk-rules-');
    mkdirSync(join(dir, 'packs'));
    copyFileSync(join(ROOT, 'rules/questionnaire.yaml'), join(dir, 'questionnaire.yaml'));
    writeFileSync(
      join(dir, 'routes.yaml'),
      'version: test\nroutes:\n  - id: r1\n    platform: whatsapp\n    official: true\n    title: { en: Route, de: Weg }\n    facts: { integration: official_api_partner, hosting_region: eu }\n    sources: [{ title: Terms, citation: "Terms" }]\n    reviewed: 2026-11-01\n',
    );
    const run = cli(['rules', 'lint', dir, ...DATE]);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain(`${join(dir, 'routes.yaml')}:7:`);
    expect(run.stderr).toContain('route r1: unknown question "hosting_region"');
  });
});
