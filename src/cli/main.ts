import { CommanderError } from 'commander';
import { InputError, isInputProblem } from '../util/errors.js';
import { EXIT, processIo, type Io } from './io.js';
import { langFromArgv } from './options.js';
import { buildProgram } from './program.js';

/** Runs the CLI and returns the exit code; never throws for bad input. */
export async function main(argv: string[], io: Io = processIo): Promise<number> {
  const result = { code: EXIT.ok as number };
  const lang = langFromArgv(argv);
  try {
    await buildProgram(io, result, lang).parseAsync(argv, { from: 'user' });
    return result.code;
  } catch (error) {
    if (error instanceof CommanderError) {
      return error.code === 'commander.helpDisplayed' || error.code === 'commander.version' || error.code === 'commander.help' ? EXIT.ok : EXIT.input;
    }
    if (isInputProblem(error)) {
      const hint = lang === 'de' ? 'Hinweis' : 'hint';
      const problems = error instanceof InputError ? [error] : error.errors;
      io.err(`chanrisk: ${problems.map((p) => p.format(hint)).join('\n')}\n`);
      return EXIT.input;
    }
    throw error;
  }
}
