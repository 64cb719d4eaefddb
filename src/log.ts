import pino, { type Logger } from 'pino';

/** Log levels accepted by --log-level. */
export const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;

/**
 * Structured JSON logs on stderr (stdout stays free for command output). Log objects carry
 * names and counts only; the redact paths are a second line of defence, not the first.
 */
export function createLogger(level: string): Logger {
  return pino(
    {
      level,
      base: null,
      redact: { paths: ['value', 'row', 'row.*', 'err.detail', 'err.where', 'source', 'url', '*.password'], censor: '[REDACTED]' },
    },
    pino.destination({ dest: 2, sync: true }),
  );
}
