import { describe, expect, it } from 'vitest';
import { cli, example } from '../helpers.js';

interface Finding {
  rule: string;
  level: string;
  assumed: boolean;
}
interface Target {
  id: string;
  rating: string;
  findings: Finding[];
  superseded?: { rule: string; by: string }[];
}
interface Assessment {
  rating: string;
  targets: Target[];
}

/** The verdicts a German data-protection consultant would sign for the four examples, judged by the built CLI. */
function assess(name: string): Assessment {
  const run = cli(['check', example(name), '--format', 'json', '--date', '2026-11-27']);
  expect(run.stderr).toBe('');
  return (JSON.parse(run.stdout) as { assessments: Assessment[] }).assessments[0] as Assessment;
}

const target = (assessment: Assessment, id: string): Target => {
  const found = assessment.targets.find((t) => t.id === id);
  if (!found) throw new Error(`no target ${id}`);
  return found;
};
const levelOf = (t: Target, rule: string): string | undefined => t.findings.find((f) => f.rule === rule)?.level;
const lawPacks = /^(gdpr|uwg|rec|sec)-/;

describe('law packs calibrated against the examples', () => {
  it('rates the unofficial marketing blast critical, with advertising to a bought list critical as one finding', () => {
    const result = assess('whatsapp-unofficial-marketing.yaml');
    const channel = target(result, 'whatsapp-offers');
    expect(result.rating).toBe('critical');
    // On WhatsApp the bought list is one finding: wa-number-harvesting carries the UWG consequence at the same level.
    expect(levelOf(channel, 'wa-number-harvesting')).toBe('critical');
    expect(channel.superseded).toContainEqual({ rule: 'uwg-bought-scraped-numbers', by: 'wa-number-harvesting' });
    expect(levelOf(channel, 'uwg-no-prior-consent')).toBe('critical');
  });

  it('keeps the well-run Cloud API service desk low: only the residual DPF transfer risk remains', () => {
    const result = assess('whatsapp-cloud-api-service.yaml');
    const lawFindings = result.targets.flatMap((t) => t.findings).filter((f) => lawPacks.test(f.rule));
    expect(result.rating).toBe('low');
    expect(lawFindings.map((f) => [f.rule, f.level])).toEqual([['gdpr-us-transfer-dpf', 'low']]);
  });

  it('rates the technicians on private WhatsApp high or worse for address-book upload, BYOD and missing archive', () => {
    const result = assess('technicians-private-whatsapp.yaml');
    const channel = target(result, 'technicians-whatsapp');
    expect(['high', 'critical']).toContain(result.rating);
    for (const rule of ['gdpr-address-book-upload', 'gdpr-byod-private-devices', 'rec-business-letters-not-archived']) {
      expect(['high', 'critical'], rule).toContain(levelOf(channel, rule));
    }
  });

  it('flags the clinic: health data without DPIA high, scraped Instagram marketing critical, the Threema staff channel clean', () => {
    const result = assess('multichannel-clinic.yaml');
    expect(levelOf(target(result, 'whatsapp-appointments'), 'gdpr-dpia-missing')).toBe('high');
    const instagram = target(result, 'instagram-marketing');
    expect(levelOf(instagram, 'uwg-bought-scraped-numbers')).toBe('critical');
    expect(levelOf(instagram, 'uwg-no-prior-consent')).toBe('high');
    expect(target(result, 'threema-staff').findings.filter((f) => lawPacks.test(f.rule))).toEqual([]);
  });
});
