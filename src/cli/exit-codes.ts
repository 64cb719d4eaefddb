/** The exit-code contract shared by every command; rendered into --help and the README. */
export const ExitCode = {
  /** Published and verified. */
  OK: 0,
  /** Verification refused: findings, nothing published. */
  REFUSED: 1,
  /** Configuration or usage error, including coverage gaps. Nothing read, nothing published. */
  CONFIG: 2,
  /** Runtime failure: connection, I/O, interrupted, unexpected bug. Nothing published. */
  RUNTIME: 3,
} as const;

/** One of the documented exit codes. */
export type ExitCode = (typeof ExitCode)[keyof typeof ExitCode];

/** Human text for the exit-code table in --help and the README. */
export const EXIT_CODE_HELP = `Exit codes:
  0  published and verified
  1  verification refused: findings, nothing published (report still written)
  2  configuration or usage error, including coverage gaps: nothing read, nothing published
  3  runtime failure (connection, I/O, interrupted): nothing published
Every non-zero code means nothing was published: an existing --out file is left untouched.`;
