/** A problem with user input (config, rule pack, flags): exit code 2, never a stack trace. */
export interface SourceLocation {
  file: string;
  line: number;
  column: number;
}

export class InputError extends Error {
  readonly location: SourceLocation | undefined;
  readonly hint: string | undefined;

  constructor(message: string, location?: SourceLocation, hint?: string) {
    super(message);
    this.name = 'InputError';
    this.location = location;
    this.hint = hint;
  }

  /** `hintLabel`: the word before the hint, in the output's language ("hint", "Hinweis"). */
  format(hintLabel = 'hint'): string {
    const where = this.location ? `${this.location.file}:${this.location.line}:${this.location.column}: ` : '';
    return `${where}${this.message}${this.hint ? `\n  ${hintLabel}: ${this.hint}` : ''}`;
  }
}

/** Several input problems found in one pass; reported together, still exit 2. */
export class InputErrors extends Error {
  readonly errors: InputError[];

  constructor(errors: InputError[]) {
    super(errors.map((e) => e.format()).join('\n'));
    this.name = 'InputErrors';
    this.errors = errors;
  }
}

export function isInputProblem(error: unknown): error is InputError | InputErrors {
  return error instanceof InputError || error instanceof InputErrors;
}
