import { main } from './main.js';

// `chanrisk check … | head` closes the pipe early: no crash with EPIPE. Output into the closed pipe goes nowhere, a
// long output stops being made (Io.outClosed), and the command ends with its own exit code.
for (const stream of [process.stdout, process.stderr]) {
  stream.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code === 'EPIPE' || error.code === 'ERR_STREAM_DESTROYED') return;
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
