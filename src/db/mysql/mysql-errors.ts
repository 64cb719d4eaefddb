import { DatabaseError } from '../database-error.js';

const CONNECTION_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'ENOTFOUND', 'ETIMEDOUT', 'EHOSTUNREACH', 'EPIPE', 'EAI_AGAIN', 'PROTOCOL_CONNECTION_LOST', 'ER_SERVER_SHUTDOWN', 'ER_CON_COUNT_ERROR', 'ER_CONNECTION_KILLED', 'ER_QUERY_INTERRUPTED']);
const CONNECT_CODES = new Set(['ER_ACCESS_DENIED_ERROR', 'ER_BAD_DB_ERROR', 'ER_DBACCESS_DENIED_ERROR', 'ER_HOST_NOT_PRIVILEGED']);

/** Which side of a run a connection belongs to, for the messages. */
export type MysqlRole = 'source' | 'target';

/**
 * Rebuilds a mysql2 error as a DatabaseError without any value: the error name (`ER_DUP_ENTRY`),
 * errno and SQLSTATE only. `sqlMessage` is dropped because it quotes values ("Duplicate entry '…'").
 */
export function toMysqlDatabaseError(err: unknown, phase: 'connect' | 'query' | 'stream', role: MysqlRole = 'source'): DatabaseError {
  if (err instanceof DatabaseError) return err;
  const e = (typeof err === 'object' && err !== null ? err : {}) as { code?: unknown; errno?: unknown; sqlState?: unknown; fatal?: unknown };
  const code = typeof e.code === 'string' ? e.code : '';
  const meta: Record<string, string | number> = {};
  if (code) meta.code = code;
  if (typeof e.errno === 'number') meta.errno = e.errno;
  if (typeof e.sqlState === 'string') meta.sqlstate = e.sqlState;
  const lost = CONNECTION_CODES.has(code) || (e.fatal === true && !CONNECT_CODES.has(code));
  if (lost && phase !== 'connect') {
    return new DatabaseError('DB_CONNECTION_LOST', `The connection to the ${role} database was lost.`, meta, 'Check the database server and run again; nothing was published.');
  }
  if (phase === 'connect' || lost || CONNECT_CODES.has(code)) {
    return new DatabaseError('DB_CONNECT', `Could not connect to the ${role} database${code ? ` (${code})` : ''}.`, meta, 'Check the URL (mysql://user:password@host:3306/database), that the server is running, and the credentials.');
  }
  return new DatabaseError('DB_QUERY', `MySQL error ${code || 'unknown'}${typeof e.errno === 'number' ? ` (${e.errno})` : ''} on the ${role} database.`, meta);
}
