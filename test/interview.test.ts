import { screen, wrapPrompt } from '@inquirer/testing/vitest';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { parse } from 'yaml';
// Imported after @inquirer/testing/vitest, which swaps the prompts' terminal for a virtual screen.
import { runInterview, type InterviewOptions } from '../src/cli/commands/interview/index.js';
import type { Io } from '../src/cli/io.js';
import { InputError, isInputProblem } from '../src/util/errors.js';
import { ROOT, tempDir } from './helpers.js';

// The interview's own prompts (keys for help, back and notes) run on the same virtual screen as inquirer's.
vi.mock('../src/cli/commands/interview/keyed-prompts.js', async (original) => {
  const actual = await original<typeof import('../src/cli/commands/interview/keyed-prompts.js')>();
  return { ...actual, choicePrompt: wrapPrompt(actual.choicePrompt), linePrompt: wrapPrompt(actual.linePrompt) };
});

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
/** An entry the prompt refuses: its message shows at once, and the line is cleared for the next try. */
function refused(expected: string, act: () => void, problem: string): void {
  expect(screen.getScreen()).toContain(expected);
  act();
  expect(screen.getScreen()).toContain(problem);
  screen.keypress({ name: 'u', ctrl: true });
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
// Printable keys go through the terminal's line like typed text; named keys (enter, space, up …) as key presses.
const keys = (...names: string[]) => () => names.forEach((name) => (name.length === 1 ? screen.type(name) : screen.keypress(name)));

describe('chanrisk interview (virtual terminal)', () => {
  it('branches, skips, takes "don\'t know", notes, two channels, review-and-change, and writes a config check reads', async () => {
    const dir = tempDir('chanrisk-interview-');
    const out = join(dir, 'acme.yaml');
    const { done, printed } = start({ out, report: false });

    await on('[Organisation · question 1 of ~', type('?'));
    // "?" at a text field explains it and stores nothing
    expect(screen.getScreen()).toContain('it heads the report');
    await on('Name of the organisation', type('Acme GmbH'));
    await on('Who carries out the assessment?', enter);
    // "?" explains at once, and "!" asks for a note after the answer
    await on('[Organisation · question 3 of ~4', keys('?'));
    expect(screen.getScreen()).toContain('The sector raises some stakes.');
    await on('Sector?', keys('!', 'enter'));
    await on('Note', type('Commercial register'));
    // works_council is named by no rule: skipped. Numbers as the language writes them; a count is whole.
    refused('[Organisation · question 4 of 4', type('1.5'), 'A count is a whole number');
    refused('Employees?', type('5.000'), '"5.000" is ambiguous: 5 or 5,000?');
    await on('Employees?', type('1,300'));
    await on('[Channel 1 · question 1 of ~', enter);
    await on('A short id for this channel', enter);
    await on('A name for this channel', enter);
    await on('[Channel 1 (WhatsApp) · question 4 of ~', keys('down', 'enter'));
    await on('Volume?', type('-'));
    // "don't know" cannot be combined with an answer
    refused('Purposes?', keys('down', 'space', 'down', 'down', 'space', 'enter'), '"Don\'t know" cannot be combined with other choices.');
    // the explanation keeps the ticks and the cursor: the next Space unticks "don't know", not the first answer
    await on('Purposes?', keys('?'));
    expect(screen.getScreen()).toContain('What the channel is for.');
    await on('Purposes?', keys('space', 'enter'));
    // consent applies because marketing was chosen; "<" goes back to purposes with the answers ticked
    await on('[Channel 1 (WhatsApp) · question 7 of 7', keys('<'));
    await on('Purposes?', enter);
    await on('Consent?', type('don'));
    await on('Add another channel?', keys('down', 'enter'));
    await on('Platform?', keys('down', 'enter'));
    await on('A short id for this channel', enter);
    await on('A name for this channel', type('Staff chat'));
    // on Threema only the Threema rule's question and the platform-wide ones remain; consent may still follow
    await on('[Channel 2 (Threema) · question 4 of ~6', keys('space', 'enter'));
    await on('[Channel 2 (Threema) · question 5 of 5', keys('down', 'enter'));
    await on('Add another channel?', enter);
    // review: every answer listed; change channel 1's purposes, which re-asks consent
    await until('Sector?: Health [note]');
    // typing narrows the list to the matching answers
    screen.type('Purp');
    await until('Purposes?: Marketing', 'Sector?');
    await on('Purposes?: Marketing', enter);
    await on('Purposes?', keys('up', 'space', 'enter'));
    await on('Consent?', keys('!', 'y', 'enter'));
    await on('Note', type('Signed form, 2026-10'));
    await until('Consent?: Yes [note]');
    enter();

    expect(await done).toBe(0);
    const config = parse(readFileSync(out, 'utf8'));
    expect(config).toEqual({
      chanrisk: 1,
      organisation: { name: 'Acme GmbH', answers: { sector: 'health', employees: 1300 }, notes: { sector: 'Commercial register' } },
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
    // the end: the verdict, the actions that remove most risk, the files written; the session is gone
    const output = printed.join('');
    expect(output).toContain('Result: overall rating');
    expect(output).toMatch(/The (most effective action|two most effective actions|three most effective actions):/);
    expect(output).toContain(`Channel config: ${out}`);
    expect(output.split('\n').length).toBeLessThan(40);
    expect(existsSync(join(dir, 'acme.session.yaml'))).toBe(false);
  });

  it('Ctrl-C saves the session and says how to resume; --resume continues at the first unanswered question', async () => {
    const dir = tempDir('chanrisk-interview-');
    const out = join(dir, 'acme.yaml');
    const session = join(dir, 'acme.session.yaml');
    const first = start({ out, report: false });
    await on('Name of the organisation', type('Acme GmbH'));
    await on('Who carries out the assessment?', type('Dana'));
    await on('Sector?', keys('down', '!', 'enter'));
    await on('Note', type('HR'));
    screen.keypress({ name: 'c', ctrl: true });
    expect(await first.done).toBe(130);
    expect(first.printed.join('')).toContain(`chanrisk interview --resume ${session}`);
    const saved = parse(readFileSync(session, 'utf8'));
    expect(saved.organisation).toEqual({ name: 'Acme GmbH', assessor: 'Dana', answers: { sector: 'retail' }, notes: { sector: 'HR' } });
    expect(saved.interview.position).toBe('organisation/employees');

    const second = start({ resume: session });
    // "<" goes back across a resume too: the sector comes with its answer selected, then on to the first open one
    await on('[Organisation · question 4 of 4', type('<'));
    await on('Sector?', enter);
    await on('Employees?', type('12'));
    await on('Platform?', enter);
    await on('A short id', enter);
    await on('A name', enter);
    await on('Integration?', enter);
    // an official integration settles the only rule that asks for the volume: skipped
    await on('[Channel 1 (WhatsApp) · question 5 of ~6', keys('space', 'enter'));
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
    await on('[Organisation · Frage 1 von ~4 · 0 % erledigt] Name der Organisation', type('Acme GmbH'));
    screen.keypress({ name: 'c', ctrl: true });
    expect(await done).toBe(130);
    const io: Io = { out: () => undefined, err: () => undefined };
    const resumed = runInterview({ resume: join(dir, 'a.session.yaml') }, io, { isTTY: true, rulesDir: RULES });
    expect(screen.getScreen()).toContain('[Organisation · Frage 2 von ~4 · 8 % erledigt] Wer führt die Bewertung durch?');
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
    // a report folder that does not exist is found before the first question, in the interview's language
    const noFolder = await runInterview({ out: join(dir, 'c.yaml'), report: join(dir, 'berichte', 'c.md'), lang: 'de' }, io, { isTTY: true, rulesDir: RULES }).catch((e: unknown) => e);
    expect(noFolder instanceof InputError && noFolder.format()).toContain(`Der Ordner ${join(dir, 'berichte')} existiert nicht`);
    expect(existsSync(join(dir, 'c.session.yaml'))).toBe(false);
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
