import { main } from './main.js';

// `chanrisk check … | head` closes the pipe early: end quietly instead of crashing with EPIPE.
for (const stream of [process.stdout, process.stderr]) {
  stream.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code === 'EPIPE') process.exit(process.exitCode ?? 0);
    throw error;
  });
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    process.stderr.write(`chanrisk: internal error: ${error instanceof Error ? error.message : String(error)}\nPlease report this with the command you ran.\n`);
    process.exitCode = 3;
  },
);
