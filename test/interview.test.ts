import { screen } from '@inquirer/testing/vitest';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
// Imported after @inquirer/testing/vitest, which swaps the prompts' terminal for a virtual screen.
import { runInterview, type InterviewOptions } from '../src/cli/commands/interview/index.js';
import type { Io } from '../src/cli/io.js';
import { InputError, isInputProblem } from '../src/util/errors.js';
import { ROOT, tempDir } from './helpers.js';

const RULES = join(ROOT, 'test/fixtures/interview');
const DATE = '2026-11-27';

function start(options: InterviewOptions) {
  const printed: string[] = [];
  const io: Io = { out: (text) => void printed.push(text), err: (text) => void printed.push(text) };
  const done = runInterview({ date: DATE, lang: 'en', ...options }, io, { isTTY: true, rulesDir: RULES });
  return { done, printed };
}

/** Checks the open prompt, acts on it and waits for the next one. */
async function on(expected: string, act: () => void): Promise<void> {
  expect(screen.getScreen()).toContain(expected);
  act();
  await screen.next();
}
/** Waits until the screen shows the text (the review's list arrives after a render or two). */
async function until(text: string, absent?: string): Promise<void> {
  for (let renders = 0; !screen.getScreen().includes(text) || (absent !== undefined && screen.getScreen().includes(absent)); renders++) {
    if (renders > 20) expect(screen.getScreen()).toContain(text);
    await screen.next();
  }
}
const enter = () => screen.keypress('enter');
const type = (text: string) => () => {
  screen.type(text);
  screen.keypress('enter');
};
const keys = (...names: string[]) => () => names.forEach((name) => screen.keypress(name));

describe('chanrisk interview (virtual terminal)', () => {
  it('branches, skips, takes "don\'t know", notes, two channels, review-and-change, and writes a config check reads', async () => {
    const dir = tempDir('chanrisk-interview-');
    const out = join(dir, 'acme.yaml');
    const { done, printed } = start({ out, report: false });

    await on('[Organisation · 1/4] Name of the organisation', type('Acme GmbH'));
    await on('Who carries out the assessment?', enter);
    // help on request: "?" jumps to the explain choice
    await on('[Organisation · 3/4] Sector?', type('?'));
    expect(screen.getScreen()).toContain('The sector raises some stakes.');
    await on('Sector?', enter);
    await on('Note', type('Commercial register'));
    // works_council is named by no rule: skipped
    await on('[Organisation · 4/4] Employees?', type('300'));
    await on('Note', enter);
    await on('[Channel 1 · 1/', enter);
    await on('A short id for this channel', enter);
    await on('A name for this channel', enter);
    await on('[Channel 1 (WhatsApp) · 4/7] Integration?', keys('down', 'enter'));
    await on('Note', enter);
    await on('Volume?', type('-'));
    await on('Note', enter);
    // "don't know" cannot be combined with an answer
    await on('Purposes?', keys('down', 'space', 'down', 'space', 'enter'));
    expect(screen.getScreen()).toContain('"Don\'t know" cannot be combined with other choices.');
    await on('Purposes?', keys('space', 'enter'));
    await on('Note', enter);
    // consent applies because marketing was chosen
    await on('[Channel 1 (WhatsApp) · 7/7] Consent?', type('don'));
    await on('Note', enter);
    await on('Add another channel?', keys('down', 'enter'));
    await on('Platform?', keys('down', 'enter'));
    await on('A short id for this channel', enter);
    await on('A name for this channel', type('Staff chat'));
    // on Threema only the Threema rule's question and the platform-wide ones remain; consent may still follow
    await on('[Channel 2 (Threema) · 4/6] Purposes?', keys('space', 'enter'));
    await on('Note', enter);
    await on('[Channel 2 (Threema) · 5/5] Archived?', keys('down', 'enter'));
    await on('Note', enter);
    await on('Add another channel?', enter);
    // review: every answer listed; change channel 1's purposes, which re-asks consent
    await until('Sector?: Health [note]');
    // typing narrows the list to the matching answers
    screen.type('Purp');
    await until('Purposes?: Marketing', 'Sector?');
    await on('Purposes?: Service', enter);
    await on('Purposes?', keys('space', 'enter'));
    await on('Note', enter);
    await on('Consent?', type('y'));
    await on('Note', type('Signed form, 2026-10'));
    await until('Consent?: Yes [note]');
    enter();

    expect(await done).toBe(0);
    const config = parse(readFileSync(out, 'utf8'));
    expect(config).toEqual({
      chanrisk: 1,
      organisation: { name: 'Acme GmbH', answers: { sector: 'health', employees: 300 }, notes: { sector: 'Commercial register' } },
      channels: [
        {
          id: 'whatsapp',
          platform: 'whatsapp',
          answers: { integration: 'grey', volume: 'unknown', purposes: ['service', 'marketing'], consent: true },
          notes: { consent: 'Signed form, 2026-10' },
        },
        { id: 'threema', name: 'Staff chat', platform: 'threema', answers: { purposes: ['service'], archive: false } },
      ],
    });
    expect(readFileSync(out, 'utf8')).toMatch(/^# chanrisk channel config, written by `chanrisk interview` on 2026-11-27\./);
    // the same summary check prints, and the session is gone once the config is written
    const output = printed.join('');
    expect(output).toContain('grey-integration');
    expect(output).toContain('threema-archive');
    expect(existsSync(join(dir, 'acme.session.yaml'))).toBe(false);
  });

  it('Ctrl-C saves the session and says how to resume; --resume continues at the first unanswered question', async () => {
    const dir = tempDir('chanrisk-interview-');
    const out = join(dir, 'acme.yaml');
    const session = join(dir, 'acme.session.yaml');
    const first = start({ out, report: false });
    await on('Name of the organisation', type('Acme GmbH'));
    await on('Who carries out the assessment?', type('Dana'));
    await on('Sector?', keys('down', 'enter'));
    await on('Note', type('HR'));
    screen.keypress({ name: 'c', ctrl: true });
    expect(await first.done).toBe(130);
    expect(first.printed.join('')).toContain(`chanrisk interview --resume ${session}`);
    const saved = parse(readFileSync(session, 'utf8'));
    expect(saved.organisation).toEqual({ name: 'Acme GmbH', assessor: 'Dana', answers: { sector: 'retail' }, notes: { sector: 'HR' } });
    expect(saved.interview.position).toBe('organisation/employees');

    const second = start({ resume: session });
    await on('[Organisation · 4/4] Employees?', type('12'));
    await on('Note', enter);
    await on('Platform?', enter);
    await on('A short id', enter);
    await on('A name', enter);
    await on('Integration?', enter);
    await on('Note', enter);
    // an official integration settles the only rule that asks for the volume: skipped
    await on('[Channel 1 (WhatsApp) · 5/6] Purposes?', keys('space', 'enter'));
    await on('Note', enter);
    await on('Add another channel?', enter);
    await until('Sector?: Retail [note]');
    enter();
    expect(await second.done).toBe(0);
    const config = parse(readFileSync(out, 'utf8'));
    expect(config.organisation).toEqual({ name: 'Acme GmbH', assessor: 'Dana', answers: { sector: 'retail', employees: 12 }, notes: { sector: 'HR' } });
    expect(config.channels).toEqual([{ id: 'whatsapp', platform: 'whatsapp', answers: { integration: 'official', purposes: ['service'] } }]);
  });

  it('speaks German with --lang de, and a resumed interview keeps its language', async () => {
    const dir = tempDir('chanrisk-interview-');
    const { done } = start({ out: join(dir, 'a.yaml'), lang: 'de' });
    await on('[Organisation · 1/4] Name der Organisation', type('Acme GmbH'));
    screen.keypress({ name: 'c', ctrl: true });
    expect(await done).toBe(130);
    const io: Io = { out: () => undefined, err: () => undefined };
    const resumed = runInterview({ resume: join(dir, 'a.session.yaml') }, io, { isTTY: true, rulesDir: RULES });
    expect(screen.getScreen()).toContain('[Organisation · 2/4] Wer führt die Bewertung durch?');
    screen.keypress({ name: 'c', ctrl: true });
    expect(await resumed).toBe(130);
  });

  it('refuses without a terminal, and never overwrites an existing config or paused session', async () => {
    const dir = tempDir('chanrisk-interview-');
    const io: Io = { out: () => undefined, err: () => undefined };
    const noTty = runInterview({ out: join(dir, 'a.yaml'), lang: 'en' }, io, { isTTY: false, rulesDir: RULES });
    await expect(noTty).rejects.toThrow(/interactive terminal/);
    await noTty.catch((error: unknown) => expect(isInputProblem(error) && error.message).toMatch(/not a TTY/));

    const existing = join(dir, 'done.yaml');
    writeFileSync(existing, 'chanrisk: 1\n');
    await expect(runInterview({ out: existing, lang: 'en' }, io, { isTTY: true, rulesDir: RULES })).rejects.toThrow(/already exists/);
    await expect(runInterview({ resume: join(dir, 'none.session.yaml'), out: existing, lang: 'en' }, io, { isTTY: true, rulesDir: RULES })).rejects.toThrow(/no such file/);
    writeFileSync(join(dir, 'done.session.yaml'), 'organisation: { name: Acme }\n');
    await expect(runInterview({ resume: join(dir, 'done.session.yaml'), out: existing, lang: 'en' }, io, { isTTY: true, rulesDir: RULES })).rejects.toThrow(/already exists/);
    writeFileSync(join(dir, 'b.session.yaml'), 'chanrisk: 1\n');
    const paused = await runInterview({ out: join(dir, 'b.yaml'), lang: 'en' }, io, { isTTY: true, rulesDir: RULES }).catch((e: unknown) => e);
    expect(paused instanceof InputError && paused.hint).toBe(`resume it with chanrisk interview --resume ${join(dir, 'b.session.yaml')}`);
  });

  it('a damaged session file is an input error with its location', async () => {
    const dir = tempDir('chanrisk-interview-');
    const session = join(dir, 'x.session.yaml');
    writeFileSync(session, 'organisation:\n  name: Acme\n  answers:\n    employees: many\n');
    const io: Io = { out: () => undefined, err: () => undefined };
    const error = await runInterview({ resume: session, lang: 'en' }, io, { isTTY: true, rulesDir: RULES }).catch((e: unknown) => e);
    expect(isInputProblem(error) && error.message).toContain(`${session}:4:16: employees: expected a number`);
  });
});
