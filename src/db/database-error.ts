import { MaskgateError, type ErrorCode } from '../errors.js';

/**
 * A database failure rebuilt from structured fields only. Driver messages are never kept: server
 * messages and DETAIL lines quote row values ("Key (bsn)=(…) already exists").
 */
export class DatabaseError extends MaskgateError {
  constructor(code: Extract<ErrorCode, 'DB_CONNECT' | 'DB_QUERY' | 'DB_CONNECTION_LOST'>, message: string, meta: Record<string, string | number | boolean> = {}, hint?: string) {
    super(code, message, meta, hint);
  }
}
