/** Where commands write; the only stream access in the program, swappable in tests. */
export interface Io {
  out(text: string): void;
  err(text: string): void;
}

export const processIo: Io = {
  out: (text) => void process.stdout.write(text),
  err: (text) => void process.stderr.write(text),
};

export const EXIT = { ok: 0, findings: 1, input: 2 } as const;
