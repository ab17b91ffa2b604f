/**
 * The one error class of quarry. Every user-facing failure carries a stable `code`, a message that
 * names the input and the valid values, and a `hint` that says how to fix it (ARCHITECTURE.md §2.11).
 */
export type QuarryErrorCode =
  | 'INVALID_ARGUMENT'
  | 'INVALID_INPUT'
  | 'FILE_NOT_FOUND'
  | 'NOT_POSITIVE_DEFINITE'
  | 'NUMERICAL'
  | 'UNKNOWN_KEY'
  /** A service the user pointed quarry at (Redis, Slurm) cannot be reached or refused a command. */
  | 'UNAVAILABLE'
  | 'INTERNAL';

export class QuarryError extends Error {
  readonly code: QuarryErrorCode;
  readonly hint: string;

  constructor(code: QuarryErrorCode, message: string, hint: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'QuarryError';
    this.code = code;
    this.hint = hint;
  }

  /** True for errors caused by what the user gave (exit code 2), false for quarry's own failures. */
  get isUserError(): boolean {
    return this.code !== 'INTERNAL' && this.code !== 'NUMERICAL';
  }
}

/** Throws an UNKNOWN_KEY error listing the valid keys of a table (ARCHITECTURE.md §2.8). */
export function unknownKey(kind: string, key: string, valid: readonly string[]): QuarryError {
  return new QuarryError(
    'UNKNOWN_KEY',
    `unknown ${kind} "${key}"`,
    `use one of: ${valid.join(', ')}`,
  );
}
