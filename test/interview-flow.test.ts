import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  applicableOptions,
  dependentQuestions,
  emptyDraft,
  nextStep,
  progressOf,
  recordAnswer,
  recordNote,
  relevantQuestions,
  stepsOf,
  stepsToReask,
  targetFacts,
  type AskStep,
  type Draft,
} from '../src/cli/commands/interview/flow.js';
import { draftToConfig } from '../src/cli/commands/interview/session.js';
import { loadPolicy, loadPolicyStrict } from '../src/policy/load.js';
import { ROOT } from './helpers.js';

const FIXTURE = join(ROOT, 'test/fixtures/interview');
const policy = loadPolicyStrict({ rulesDir: FIXTURE });
const ctx = { policy, date: '2026-11-27' };

/** Answers steps in order with `answers[key]` until the review ("more channels?" from `more`); returns the keys asked. */
function run(draft: Draft, answers: Record<string, unknown>, more: boolean[] = [false]): string[] {
  const asked: string[] = [];
  for (let guard = 0; guard < 100; guard++) {
    const step = nextStep(ctx, draft);
    if (step.kind === 'review') return asked;
    const answer = step.kind === 'more' ? more.shift() : answers[step.key];
    if (answer === undefined) throw new Error(`no answer scripted for ${step.key}`);
    asked.push(step.key);
    recordAnswer(draft, step, answer);
  }
  throw new Error('the interview did not end');
}

const ORG = { 'organisation/name': 'Acme', 'organisation/assessor': '', 'organisation/sector': 'retail', 'organisation/employees': 40 };

describe('interview flow: which question comes next', () => {
  it('the fixture packs are valid', () => {
    expect(loadPolicy({ rulesDir: FIXTURE }).problems.filter((p) => p.severity === 'error')).toEqual([]);
  });

  it('asks only questions some applicable rule or condition names, platform first in each channel', () => {
    const asked = run(emptyDraft(), {
      ...ORG,
      'channels/0/platform': 'whatsapp',
      'channels/0/id': 'wa',
      'channels/0/name': '',
      'channels/0/integration': 'official',
      'channels/0/volume': 100,
      'channels/0/purposes': ['service'],
    });
    expect(asked).toEqual([
      'organisation/name',
      'organisation/assessor',
      'organisation/sector',
      'organisation/employees',
      'channels/0/platform',
      'channels/0/id',
      'channels/0/name',
      'channels/0/integration',
      'channels/0/purposes',
      'more',
    ]);
    // works_council and colour are named by no rule; archive only by a Threema rule; consent's `when` is false;
    // volume only by a modifier of the grey-integration rule, which cannot fire once the integration is official.
    expect(asked.some((k) => /works_council|colour|archive|consent|volume/.test(k))).toBe(false);
  });

  it('a question gated by a `when` is asked once its condition holds', () => {
    const asked = run(emptyDraft(), {
      ...ORG,
      'channels/0/platform': 'whatsapp',
      'channels/0/id': 'wa',
      'channels/0/name': '',
      'channels/0/integration': 'grey',
      'channels/0/volume': 100,
      'channels/0/purposes': ['marketing'],
      'channels/0/consent': false,
    });
    expect(asked).toContain('channels/0/consent');
  });

  it('a rule that can no longer fire asks nothing more, whatever the open questions become', () => {
    const facts = targetFacts(policy, emptyDraft(), 'organisation');
    const open = new Set(['volume', 'purposes', 'consent', 'sector', 'employees']);
    // integration answered "official": grey-integration is settled, so its modifier's volume does not matter
    const settled = { facts: new Map([...facts, ['platform', { kind: 'value', value: 'whatsapp' }], ['integration', { kind: 'value', value: 'official' }]] as const), open };
    expect(relevantQuestions(policy, ctx.date, 'whatsapp', settled).has('volume')).toBe(false);
    // "don't know" settles nothing: the worst case is still possible
    const unknown = { facts: new Map([...settled.facts, ['integration', { kind: 'unknown', reason: 'dont_know' }]] as const), open };
    expect(relevantQuestions(policy, ctx.date, 'whatsapp', unknown).has('volume')).toBe(true);
  });

  it('relevance follows the platform: the Threema-only rule adds its question', () => {
    expect(relevantQuestions(policy, ctx.date, 'threema').has('archive')).toBe(true);
    expect(relevantQuestions(policy, ctx.date, 'whatsapp').has('archive')).toBe(false);
    // consent is named by a rule; purposes both by a rule and by consent's `when`; platform always.
    expect([...relevantQuestions(policy, ctx.date, 'whatsapp')].sort()).toEqual(['consent', 'employees', 'integration', 'platform', 'purposes', 'sector', 'volume']);
  });

  it('options with their own `when` are offered only where it holds', () => {
    const integration = policy.questionnaire.questions.get('integration');
    if (!integration) throw new Error('fixture lacks integration');
    const draft = emptyDraft();
    draft.channels.push({ platform: 'threema', answers: {}, notes: {} });
    expect(applicableOptions(integration, targetFacts(policy, draft, 0)).map((o) => o.value)).toEqual(['official']);
    draft.channels[0] = { platform: 'whatsapp', answers: {}, notes: {} };
    expect(applicableOptions(integration, targetFacts(policy, draft, 0)).map((o) => o.value)).toEqual(['official', 'grey']);
  });

  it('"don\'t know" keeps dependent questions (worst case) and several channels each get their own block', () => {
    const draft = emptyDraft();
    const asked = run(draft, {
      ...ORG,
      'channels/0/platform': 'whatsapp',
      'channels/0/id': 'wa',
      'channels/0/name': 'Service',
      'channels/0/integration': 'unknown',
      'channels/0/volume': 'unknown',
      'channels/0/purposes': 'unknown',
      'channels/0/consent': 'unknown',
      'channels/1/platform': 'threema',
      'channels/1/id': 'th',
      'channels/1/name': '',
      'channels/1/integration': 'official',
      'channels/1/volume': 10,
      'channels/1/purposes': ['service'],
      'channels/1/archive': false,
    }, [true, false]);
    expect(asked.filter((k) => k === 'more')).toHaveLength(2);
    expect(asked).toContain('channels/0/consent');
    expect(asked).toContain('channels/1/archive');
    expect(draft.channels.map((c) => c.platform)).toEqual(['whatsapp', 'threema']);
  });

  it('counts progress within the section over the steps that apply', () => {
    const draft = emptyDraft();
    run(draft, { ...ORG, 'channels/0/platform': 'threema', 'channels/0/id': 'th', 'channels/0/name': '', 'channels/0/integration': 'official', 'channels/0/volume': 1, 'channels/0/purposes': ['service'], 'channels/0/archive': true });
    const steps = stepsOf(ctx, draft);
    const archive = steps.find((s) => s.key === 'channels/0/archive') as AskStep;
    // platform, id, name, purposes, archive: integration and volume matter only to a WhatsApp rule
    expect(progressOf(ctx, draft, archive)).toEqual({ target: 0, index: 5, total: 5 });
    expect(progressOf(ctx, draft, steps[2] as AskStep)).toEqual({ target: 'organisation', index: 3, total: 4 });
  });
});

describe('interview flow: review changes', () => {
  function finished(): Draft {
    const draft = emptyDraft();
    run(draft, {
      ...ORG,
      'channels/0/platform': 'whatsapp',
      'channels/0/id': 'wa',
      'channels/0/name': '',
      'channels/0/integration': 'grey',
      'channels/0/volume': 100,
      'channels/0/purposes': ['marketing'],
      'channels/0/consent': true,
    });
    return draft;
  }

  it('dependents are found through `when` and option conditions, transitively', () => {
    expect([...dependentQuestions(policy, 'platform')]).toEqual(['integration']);
    expect([...dependentQuestions(policy, 'purposes')]).toEqual(['consent']);
  });

  it('changing an answer re-asks the questions whose condition names it', () => {
    const draft = finished();
    const purposes = stepsOf(ctx, draft).find((s) => s.key === 'channels/0/purposes') as AskStep;
    recordAnswer(draft, purposes, ['service', 'marketing']);
    draft.reask = stepsToReask(ctx, draft, purposes);
    expect(draft.reask).toEqual(['channels/0/consent']);
    expect(run(draft, { 'channels/0/consent': false })).toEqual(['channels/0/consent']);
    expect(draftToConfig(ctx, draft).channels[0]?.answers?.consent).toBe(false);
  });

  it('changing the platform re-asks the answers that depend on it and asks what the new platform\'s rules need', () => {
    const draft = finished();
    const platform = stepsOf(ctx, draft).find((s) => s.key === 'channels/0/platform') as AskStep;
    recordAnswer(draft, platform, 'threema');
    // no Threema rule needs the integration, but it was answered and its options depend on the platform
    draft.reask = stepsToReask(ctx, draft, platform);
    expect(draft.reask).toEqual(['channels/0/integration']);
    expect(run(draft, { 'channels/0/integration': 'official', 'channels/0/archive': true })).toEqual(['channels/0/integration', 'channels/0/archive']);
    expect(draftToConfig(ctx, draft).channels[0]?.answers).toEqual({ integration: 'official', volume: 100, purposes: ['marketing'], consent: true, archive: true });
  });

  it('an answer that no longer fits its options is left out of the config rather than failing check', () => {
    const draft = finished();
    draft.channels[0] = { ...(draft.channels[0] as Draft['channels'][number]), platform: 'threema' };
    expect(draftToConfig(ctx, draft).channels[0]?.answers).toEqual({ volume: 100, purposes: ['marketing'], consent: true });
  });

  it('dropping marketing removes consent from the written config', () => {
    const draft = finished();
    const purposes = stepsOf(ctx, draft).find((s) => s.key === 'channels/0/purposes') as AskStep;
    recordAnswer(draft, purposes, ['service']);
    expect(stepsToReask(ctx, draft, purposes)).toEqual([]);
    expect(nextStep(ctx, draft).kind).toBe('review');
    const channel = draftToConfig(ctx, draft).channels[0];
    expect(channel?.answers).toEqual({ integration: 'grey', volume: 100, purposes: ['service'] });
  });

  it('notes sit beside their answer in the config and can be removed', () => {
    const draft = finished();
    const volume = stepsOf(ctx, draft).find((s) => s.key === 'channels/0/volume') as AskStep;
    recordNote(draft, volume, '  IT lead, e-mail of 3 Nov ');
    expect(draftToConfig(ctx, draft).channels[0]?.notes).toEqual({ volume: 'IT lead, e-mail of 3 Nov' });
    recordNote(draft, volume, '');
    expect(draftToConfig(ctx, draft).channels[0]?.notes).toBeUndefined();
  });
});
