import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  applicableOptions,
  dependentQuestions,
  emptyDraft,
  followingStep,
  nextStep,
  previousStep,
  progressOf,
  recordAnswer,
  recordNote,
  relevantQuestions,
  stepsOf,
  stepsToReask,
  targetFacts,
  isAnswered,
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

/** A draft with the organisation's steps answered from ORG, stopping at the first channel question. */
function organisationAnswered(): Draft {
  const draft = emptyDraft();
  for (let step = nextStep(ctx, draft); step.kind !== 'review' && step.key in ORG; step = nextStep(ctx, draft)) recordAnswer(draft, step, ORG[step.key as keyof typeof ORG]);
  return draft;
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
    expect(progressOf(ctx, draft, archive)).toEqual({ index: 5, total: 5, estimate: false, percent: 88 });
    expect(progressOf(ctx, draft, steps[2] as AskStep)).toEqual({ index: 3, total: 4, estimate: false, percent: 88 });
  });

  it('the total is an estimate that shrinks as answers rule questions out', () => {
    const draft = organisationAnswered();
    const platform = nextStep(ctx, draft) as AskStep;
    const before = progressOf(ctx, draft, platform);
    expect(before).toMatchObject({ index: 1, estimate: true });
    recordAnswer(draft, platform, 'threema');
    const after = progressOf(ctx, draft, nextStep(ctx, draft) as AskStep);
    expect(after?.total).toBeLessThan(before?.total as number);
  });

  it('going back names the step asked before; walking forward again stops at the first open one', () => {
    const draft = organisationAnswered();
    const platform = nextStep(ctx, draft);
    expect(previousStep(ctx, draft, platform.key)?.key).toBe('organisation/employees');
    expect(previousStep(ctx, draft, 'organisation/name')).toBeUndefined();
    expect(followingStep(ctx, draft, 'organisation/sector')?.key).toBe('organisation/employees');
    expect(followingStep(ctx, draft, 'organisation/employees')).toBeUndefined();
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

describe('interview flow: a second channel takes the organisation-wide answers over in one step', () => {
  const real = loadPolicyStrict({});
  const realCtx = { policy: real, date: '2026-11-27' };
  const shared = { privacy_notice: true, legal_basis_documented: false, in_records: true, deletion_concept: true, access_requests: false, staff_policy: true, archiving: 'manual_export', dpia: false, transfer_assessment: true };

  function twoChannels(): Draft {
    const draft = emptyDraft();
    draft.organisation = { name: 'Acme', assessor: '', answers: { country: 'de', state: 'be', sector: 'retail', works_council: false }, notes: {} };
    draft.channels = [
      { id: 'wa', name: '', platform: 'whatsapp', answers: { integration: 'official_api_direct', ...shared }, notes: { privacy_notice: 'Website, section 7' } },
      { id: 'tg', name: '', platform: 'telegram', answers: {}, notes: {} },
    ];
    return draft;
  }

  it('offers the block once, before the first shared question, with the earlier answers', () => {
    const draft = twoChannels();
    const same = stepsOf(realCtx, draft).find((s) => s.kind === 'same');
    expect(same).toMatchObject({ key: 'channels/1/same', target: 1, source: 0 });
    const keys = stepsOf(realCtx, draft).map((s) => s.key);
    const firstShared = keys.findIndex((k) => /^channels\/1\/(privacy_notice|legal_basis_documented|in_records)$/.test(k));
    expect(keys.indexOf('channels/1/same')).toBe(firstShared - 1);
  });

  it('"yes" copies the shared answers and their notes, never the per-channel ones (DPIA, transfer)', () => {
    const draft = twoChannels();
    const same = stepsOf(realCtx, draft).find((s) => s.kind === 'same') as AskStep;
    recordAnswer(draft, same, true);
    const copied = draft.channels[1]?.answers ?? {};
    expect(copied).toMatchObject({ privacy_notice: true, legal_basis_documented: false, in_records: true, archiving: 'manual_export', staff_policy: true });
    expect(copied).not.toHaveProperty('dpia');
    expect(copied).not.toHaveProperty('transfer_assessment');
    expect(draft.channels[1]?.notes).toEqual({ privacy_notice: 'Website, section 7' });
    const asked = stepsOf(realCtx, draft).filter((s) => !isAnswered(realCtx, draft, s)).map((s) => s.key);
    expect(asked).not.toContain('channels/1/privacy_notice');
    expect(asked).toContain('channels/1/dpia');
  });

  it('"no" asks each shared question for the channel, and the block is not offered again', () => {
    const draft = twoChannels();
    const same = stepsOf(realCtx, draft).find((s) => s.kind === 'same') as AskStep;
    recordAnswer(draft, same, false);
    expect(draft.channels[1]?.answers).toEqual({});
    expect(isAnswered(realCtx, draft, same)).toBe(true);
    const open = stepsOf(realCtx, draft).filter((s) => !isAnswered(realCtx, draft, s)).map((s) => s.key);
    expect(open).toContain('channels/1/privacy_notice');
    expect(open).not.toContain('channels/1/same');
  });
});
