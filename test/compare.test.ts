import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { applyAcceptances } from '../src/engine/acceptance.js';
import type { Assessment } from '../src/engine/assessment.js';
import { compareChannels, type ChannelComparison } from '../src/engine/compare.js';
import { formatCompareJson } from '../src/format/compare/json.js';
import { formatCompareMarkdown, renderAlternativesMarkdown } from '../src/format/compare/markdown.js';
import type { CompareRun } from '../src/format/compare/run.js';
import { formatCompareText } from '../src/format/compare/text.js';
import { loadPolicyStrict } from '../src/policy/load.js';
import type { Route } from '../src/policy/routes.js';
import { loadRoutesStrict } from '../src/routes/load.js';
import { ROOT } from './helpers.js';

const FIXTURE = join(ROOT, 'test/fixtures/rules-compare');
const policy = loadPolicyStrict({ rulesDir: FIXTURE });
const routeSet = loadRoutesStrict(join(FIXTURE, 'routes.yaml'), policy.questionnaire);
const DATE = '2026-11-27';

function assessment(channel: Record<string, unknown>, platform = 'whatsapp', org: Record<string, unknown> = { sector: 'retail' }): Assessment {
  return {
    file: 'plan.yaml',
    organisation: { name: 'Test GmbH', answers: org, notes: {} },
    channels: [{ id: 'c1', platform, answers: channel, notes: {} }],
    locations: {},
  };
}

function compare(a: Assessment, routes: Route[] = routeSet.routes): ChannelComparison {
  const [comparison] = compareChannels(policy, a, routes, { date: DATE });
  if (!comparison) throw new Error('no comparison');
  return comparison;
}

const outcome = (c: ChannelComparison, id: string) => {
  const found = c.routes.find((o) => o.route.id === id);
  if (!found) throw new Error(`no route ${id}`);
  return found;
};

const route = (id: string): Route => {
  const found = routeSet.routes.find((r) => r.id === id);
  if (!found) throw new Error(`no route ${id}`);
  return found;
};

describe('compareChannels: evaluation per route', () => {
  it('applies the route facts over the plan and reports findings that disappear and appear', () => {
    const c = compare(assessment({ integration: 'grey', purposes: ['service'], archive: true }));
    expect(c.plan.rating).toBe('high');
    const official = outcome(c, 'wa-official');
    expect(official.evaluation?.target.rating).toBe('low');
    expect(official.evaluation?.disappeared.map((f) => f.rule)).toEqual(['grey-integration']);
    expect(official.evaluation?.appeared).toEqual([]);
    expect(outcome(c, 'wa-grey').current).toBe(true);
    expect(outcome(c, 'wa-official').current).toBe(false);
  });

  it('lists every implied fact as an assumption, and a default only where the plan gives no answer', () => {
    const unanswered = outcome(compare(assessment({ integration: 'grey', purposes: ['service'] })), 'wa-official');
    expect(unanswered.evaluation?.assumptions).toEqual([
      { question: 'integration', value: 'official', kind: 'fact' },
      { question: 'hosting', value: 'eu', kind: 'fact' },
      { question: 'archive', value: true, kind: 'default' },
    ]);
    const answered = outcome(compare(assessment({ integration: 'grey', purposes: ['service'], archive: false })), 'wa-official');
    expect(answered.evaluation?.assumptions.map((a) => a.question)).toEqual(['integration', 'hosting']);
    expect(answered.evaluation?.target.findings.map((f) => f.rule)).toContain('no-archive');
  });

  it('names a question the route needs but neither the plan nor the route answers, and lists what it could bring as pending', () => {
    const bare: Route = { ...route('sms'), id: 'sms-bare', facts: { integration: 'official' } };
    const o = outcome(compare(assessment({ integration: 'grey', purposes: ['service'], archive: true }), [bare]), 'sms-bare');
    expect(o.evaluation?.newlyOpen).toEqual(['hosting']);
    // Left out of the route's rating and points, as a what-if leaves out what only the change makes relevant.
    expect(o.evaluation?.target.findings.some((f) => f.rule === 'us-hosting')).toBe(false);
    expect(o.evaluation?.pending.map((f) => [f.rule, f.assumed])).toEqual([['us-hosting', true]]);
  });

  it('marks a route that cannot serve a planned purpose, with the reason and the answer that decides it', () => {
    const c = compare(assessment({ integration: 'grey', purposes: ['service', 'marketing'], consent: true, archive: true }));
    const threema = outcome(c, 'threema-app');
    expect(threema.serves).toBe(false);
    expect(threema.blockers).toEqual([{ reason: { en: 'No campaigns.', de: 'Keine Kampagnen.' }, assumed: false, triggers: [{ question: 'purposes', value: ['service', 'marketing'] }] }]);
    expect(outcome(c, 'sms').serves).toBe(true);
  });

  it('treats an unknown purpose answer as "may not serve" rather than guessing', () => {
    const threema = outcome(compare(assessment({ integration: 'grey', purposes: 'unknown', archive: true })), 'threema-app');
    expect(threema.serves).toBe(false);
    expect(threema.blockers[0]?.assumed).toBe(true);
  });

  it('lists a platform without a business route without evaluating it', () => {
    const gone = outcome(compare(assessment({ integration: 'grey', purposes: ['service'] })), 'gone');
    expect(gone.evaluation).toBeUndefined();
    expect(gone.serves).toBe(false);
  });
});

describe('recommendation', () => {
  it('recommends the lowest-rated official route that serves the plan and says what it removes', () => {
    const rec = compare(assessment({ integration: 'grey', purposes: ['service'], archive: true })).recommendation;
    expect(rec).toMatchObject({ kind: 'switch', reason: 'lowest_risk', route: 'wa-official', before: { rating: 'high' }, after: { rating: 'low' } });
    expect(rec.removed.map((f) => f.rule)).toEqual(['grey-integration']);
  });

  it('names the findings the recommended route brings as well as those it removes', () => {
    const usHosted: Route = { ...route('wa-official'), id: 'wa-us', facts: { integration: 'official', hosting: 'us' } };
    const rec = compare(assessment({ integration: 'grey', purposes: ['service'], archive: true }), [usHosted]).recommendation;
    expect(rec).toMatchObject({ kind: 'switch', route: 'wa-us', after: { rating: 'medium' } });
    expect(rec.removed.map((f) => f.rule)).toEqual(['grey-integration']);
    expect(rec.added.map((f) => f.rule)).toEqual(['us-hosting']);
  });

  it('at equal rating keeps the planned platform before a lower score elsewhere', () => {
    // WhatsApp official and SMS are both low for this plan; SMS comes first in the list.
    const c = compare(assessment({ integration: 'grey', purposes: ['service'], archive: true }), [route('sms'), route('wa-official')]);
    expect(c.recommendation.route).toBe('wa-official');
  });

  it('breaks a tie of rating and platform by score, then by file order', () => {
    const archived = { ...route('wa-official'), id: 'wa-archived', defaults: {} };
    const withDefault = { ...route('wa-official'), id: 'wa-default' };
    // The plan has no archive answer: the route with the archive default scores lower (no assumed finding).
    const byScore = compare(assessment({ integration: 'grey', purposes: ['service'] }), [archived, withDefault]);
    expect(outcome(byScore, 'wa-archived').evaluation?.target.rating).toBe(outcome(byScore, 'wa-default').evaluation?.target.rating);
    expect(byScore.recommendation.route).toBe('wa-default');
    const byOrder = compare(assessment({ integration: 'grey', purposes: ['service'], archive: true }), [archived, withDefault]);
    expect(byOrder.recommendation.route).toBe('wa-archived');
  });

  it('never recommends a route that is not official, however low its rating', () => {
    const c = compare(assessment({ integration: 'official', hosting: 'us', purposes: ['service'], archive: true }), [route('wa-grey')]);
    expect(c.recommendation).toMatchObject({ kind: 'none', reason: 'no_route_serves' });
  });

  it('recommends none when no official route serves every planned purpose', () => {
    const c = compare(assessment({ integration: 'grey', purposes: ['marketing', 'documents'], consent: true, archive: true }), [route('threema-app'), route('sms'), route('wa-grey')]);
    expect(c.recommendation).toMatchObject({ kind: 'none', reason: 'no_route_serves' });
    expect(c.recommendation.route).toBeUndefined();
  });

  it('recommends none when the best serving route keeps a high risk of its own', () => {
    // Health sector: SMS fires a critical rule whose only remedy drops the planned purpose.
    const c = compare(assessment({ integration: 'grey', purposes: ['service'], archive: true }, 'whatsapp', { sector: 'health' }), [route('sms'), route('wa-grey')]);
    expect(c.recommendation).toMatchObject({ kind: 'none', reason: 'own_high_risk', route: 'sms' });
    expect(c.recommendation.ownRisks.map((f) => f.rule)).toEqual(['sms-health']);
  });

  it('passes over a better-placed route with a high risk of its own for one whose risks come from the plan', () => {
    // Listed "official" for the test: its grey integration is a high risk only this route causes.
    const ownRisk: Route = { ...route('wa-grey'), id: 'wa-risky', official: true };
    const c = compare(assessment({ integration: 'official', hosting: 'eu', purposes: ['marketing'], consent: false, archive: true }), [ownRisk, route('sms')]);
    expect(outcome(c, 'wa-risky').evaluation?.target.rating).toBe(outcome(c, 'sms').evaluation?.target.rating);
    expect(c.recommendation).toMatchObject({ kind: 'switch', route: 'sms' });
    expect(c.recommendation.remaining.map((f) => f.rule)).toEqual(['marketing-without-consent']);
  });

  it('still recommends a route when the high risks left come from the plan and stay on every route', () => {
    const c = compare(assessment({ integration: 'grey', purposes: ['marketing'], consent: false, archive: true }));
    expect(c.planRisks.map((f) => f.rule)).toEqual(['marketing-without-consent']);
    expect(c.recommendation).toMatchObject({ kind: 'switch', route: 'wa-official', before: { rating: 'high' }, after: { rating: 'high' } });
    expect(c.recommendation.remaining.map((f) => f.rule)).toEqual(['marketing-without-consent']);
  });

  it('keeps the plan when it already is the least risky route', () => {
    const c = compare(assessment({ integration: 'official', hosting: 'eu', purposes: ['service'], archive: true }));
    expect(c.recommendation).toMatchObject({ kind: 'keep', reason: 'lowest_risk', route: 'wa-official' });
  });

  it('keeps an official plan that no route beats', () => {
    const usHosted: Route = { ...route('wa-official'), id: 'wa-us', facts: { integration: 'official', hosting: 'us' } };
    const c = compare(assessment({ integration: 'official', hosting: 'eu', purposes: ['service'], archive: true }), [usHosted]);
    expect(outcome(c, 'wa-us').current).toBe(false);
    expect(c.recommendation).toMatchObject({ kind: 'keep', reason: 'plan_is_lowest', route: 'wa-us', before: { rating: 'low' } });
  });

  it('settles the plan and every route alike when accepted risks are given', () => {
    const accepted = [{ rule: 'marketing-without-consent', channel: 'c1', reason: 'r', owner: 'o', approver: 'a', expires: '2027-01-01', location: { file: 'plan.yaml', line: 1, column: 1 } }];
    const a = assessment({ integration: 'grey', purposes: ['marketing'], consent: false, archive: true });
    const [c] = compareChannels(policy, a, routeSet.routes, { date: DATE, settle: (r) => applyAcceptances(r, accepted, DATE).result });
    expect(c?.plan.findings.find((f) => f.rule === 'marketing-without-consent')?.status).toBe('accepted');
    expect(c?.recommendation).toMatchObject({ kind: 'switch', route: 'wa-official', after: { rating: 'low' }, remaining: [] });
  });

  it('is deterministic: the same input gives the same comparison', () => {
    const a = assessment({ integration: 'grey', purposes: ['service', 'marketing'], consent: false });
    expect(compare(a)).toEqual(compare(a));
  });
});

function run(c: ChannelComparison, lang: 'en' | 'de'): CompareRun {
  return { tool: { name: 'chanrisk', version: '0.0.0' }, date: DATE, lang, questionnaire: policy.questionnaire, routes: routeSet, assessment: assessment({}), comparisons: [c] };
}

describe('compare output formats', () => {
  const c = compare(assessment({ integration: 'grey', purposes: ['marketing'], consent: false }));

  it('prints every assumption, the reasons a route cannot serve, and the recommendation in English', () => {
    const text = formatCompareText(run(c, 'en'));
    expect(text).toContain('assumes: Integration → Official');
    expect(text).toContain('assumes: Archive → yes (the plan gives no answer)');
    expect(text).toContain('assumes: An EU provider is chosen.');
    expect(text).toContain('cannot serve: No campaigns.');
    expect(text).toContain('Shut down.');
    expect(text).toMatch(/Recommendation: WhatsApp official serves every planned purpose and is rated high/);
    expect(text).toContain('What remains comes from the plan itself');
  });

  it('says the same in German', () => {
    const text = formatCompareText(run(c, 'de'));
    expect(text).toContain('nimmt an: Anbindung → Offiziell');
    expect(text).toContain('nimmt an: Archiv → ja (der Plan nennt keine Antwort)');
    expect(text).toContain('deckt nicht: Keine Kampagnen.');
    expect(text).toMatch(/Empfehlung: WhatsApp offiziell deckt alle geplanten Zwecke und wird mit hoch bewertet/);
  });

  it('renders the Alternatives section as a markdown table at the heading level asked for', () => {
    const md = renderAlternativesMarkdown([c], policy.questionnaire, 'en', 3);
    expect(md.startsWith('### Alternatives\n')).toBe(true);
    expect(md).toContain('| **WhatsApp official** ▶ | high |');
    expect(md).toContain('- assumes: Integration → Official');
    expect(renderAlternativesMarkdown([c], policy.questionnaire, 'de')).toContain('## Alternativen');
  });

  it('writes stable, versioned JSON with assumptions for every evaluated route', () => {
    const first = formatCompareJson(run(c, 'en'));
    expect(formatCompareJson(run(c, 'en'))).toBe(first);
    const doc = JSON.parse(first);
    expect(doc.formatVersion).toBe(1);
    const [channel] = doc.channels;
    expect(channel.recommendation).toMatchObject({ kind: 'switch', route: 'wa-official', remaining: ['marketing-without-consent'] });
    const official = channel.routes.find((r: { id: string }) => r.id === 'wa-official');
    expect(official.assumptions.map((a: { kind: string }) => a.kind)).toEqual(['fact', 'fact', 'default', 'stated']);
    const gone = channel.routes.find((r: { id: string }) => r.id === 'gone');
    expect(gone).toMatchObject({ available: false, rating: null, unavailableReason: 'Shut down.' });
  });
});

describe('compare markdown and the report', () => {
  it('passes markdownlint with the repository config, in both languages, with a hostile organisation name', async () => {
    const { readFileSync } = await import('node:fs');
    const { lint } = await import('markdownlint/sync');
    const config = JSON.parse(readFileSync(join(ROOT, '.markdownlint.json'), 'utf8')) as Record<string, unknown>;
    const c = compare(assessment({ integration: 'grey', purposes: ['marketing', 'documents'], consent: false }));
    for (const lang of ['en', 'de'] as const) {
      const hostile = { ...run(c, lang), assessment: { ...assessment({}), organisation: { name: '# <img src=x> | *Evil* [x](y)', answers: {}, notes: {} } } };
      const md = formatCompareMarkdown(hostile);
      expect(md).not.toContain('<img');
      expect(lint({ strings: { md }, config }).toString()).toBe('');
    }
  });
});
