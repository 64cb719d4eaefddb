import { ExitCode } from './cli/exit-codes.js';

/** Stable machine-readable error codes; scripts may rely on them. */
export type ErrorCode =
  | 'CONFIG_INVALID'
  | 'CONFIG_NOT_FOUND'
  | 'COVERAGE_GAP'
  | 'SECRET_MISSING'
  | 'SOURCE_MISSING'
  | 'USAGE'
  | 'UNSUPPORTED'
  | 'MASKER_FAILED'
  | 'DB_CONNECT'
  | 'DB_QUERY'
  | 'DB_CONNECTION_LOST'
  | 'IO'
  | 'INTERNAL';

/** Metadata attached to an error: locations and counts only, never a cell value. */
export type ErrorMeta = Readonly<Record<string, string | number | boolean>>;

/**
 * Base class of every error maskgate raises on purpose.
 * The message is a complete sentence for humans and never contains a cell value.
 */
export class MaskgateError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly meta: ErrorMeta = {},
    readonly hint?: string,
  ) {
    super(message);
    this.name = new.target.name;
  }

  /** The exit code this error maps to. */
  get exitCode(): ExitCode {
    return exitCodeFor(this.code);
  }
}

/** Maps an error code to the exit-code contract. */
export function exitCodeFor(code: ErrorCode): ExitCode {
  switch (code) {
    case 'CONFIG_INVALID':
    case 'CONFIG_NOT_FOUND':
    case 'COVERAGE_GAP':
    case 'SECRET_MISSING':
    case 'SOURCE_MISSING':
    case 'USAGE':
    case 'UNSUPPORTED':
      return ExitCode.CONFIG;
    default:
      return ExitCode.RUNTIME;
  }
}
