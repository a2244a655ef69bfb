import { once } from 'node:events';

/** Where commands write; the only stream access in the program, swappable in tests. */
export interface Io {
  out(text: string): void;
  err(text: string): void;
  /**
   * For output made piece by piece: resolves once the output takes more. A pipe is written asynchronously, so without
   * waiting a long output would pile up in memory whenever its reader is slower than chanrisk.
   */
  ready?(): Promise<void>;
  /** True once nobody reads the output any more (`… | head` has exited): a long output stops being made. */
  outClosed?(): boolean;
}

export const processIo: Io = {
  out: (text) => void process.stdout.write(text),
  err: (text) => void process.stderr.write(text),
  // A closed pipe ends the wait with an error (EPIPE); outClosed then says so.
  ready: async () => {
    if (process.stdout.writableNeedDrain && !process.stdout.destroyed) await once(process.stdout, 'drain').catch(() => undefined);
  },
  outClosed: () => process.stdout.destroyed,
};

export const EXIT = { ok: 0, findings: 1, input: 2 } as const;
