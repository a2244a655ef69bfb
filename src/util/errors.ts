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

  format(): string {
    const where = this.location ? `${this.location.file}:${this.location.line}:${this.location.column}: ` : '';
    return `${where}${this.message}${this.hint ? `\n  hint: ${this.hint}` : ''}`;
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
