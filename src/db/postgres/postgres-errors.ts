import { DatabaseError } from '../database-error.js';

// Names for the SQLSTATEs a user is likely to meet; others are shown by code only.
const SQLSTATE_NAMES: Record<string, string> = {
  '08000': 'connection_exception', '08003': 'connection_does_not_exist', '08006': 'connection_failure',
  '28000': 'invalid_authorization_specification', '28P01': 'invalid_password', '3D000': 'invalid_catalog_name',
  '42P01': 'undefined_table', '42703': 'undefined_column', '42501': 'insufficient_privilege',
  '23505': 'unique_violation', '23503': 'foreign_key_violation', '23502': 'not_null_violation',
  '22P02': 'invalid_text_representation', '57P01': 'admin_shutdown', '57014': 'query_canceled',
  '53300': 'too_many_connections', '40001': 'serialization_failure',
};

const CONNECTION_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'ENOTFOUND', 'ETIMEDOUT', 'EHOSTUNREACH', 'EPIPE', 'EAI_AGAIN']);

/** Fields we read from pg errors; everything else (message, detail, where, …) is dropped. */
interface PgErrorFields {
  code?: unknown;
  constraint?: unknown;
  table?: unknown;
  column?: unknown;
  schema?: unknown;
  severity?: unknown;
}

/**
 * Rebuilds a pg driver error as a DatabaseError carrying no value: SQLSTATE, constraint, table
 * and column names only. `phase` says what maskgate was doing, for the message.
 */
export function toDatabaseError(err: unknown, phase: 'connect' | 'query' | 'stream', role: 'source' | 'target' = 'source'): DatabaseError {
  if (err instanceof DatabaseError) return err;
  const e = (typeof err === 'object' && err !== null ? err : {}) as PgErrorFields;
  const code = typeof e.code === 'string' ? e.code : '';
  const meta: Record<string, string> = {};
  for (const k of ['constraint', 'table', 'column', 'schema'] as const) {
    const v = e[k];
    if (typeof v === 'string') meta[k] = v;
  }
  const lost =
    CONNECTION_CODES.has(code) || code.startsWith('08') || code === '57P01' ||
    (err instanceof Error && /Connection terminated|connection.*(closed|ended)|Client was closed/i.test(err.message) && !code);
  if (lost && phase !== 'connect') {
    return new DatabaseError('DB_CONNECTION_LOST', `The connection to the ${role} database was lost${role === 'source' ? ' while reading' : ''}.`, { ...meta, ...(code ? { sqlstate: code } : {}) }, 'Check the database server and run again; nothing was published.');
  }
  if (phase === 'connect' || lost) {
    return new DatabaseError('DB_CONNECT', `Could not connect to the ${role} database${code ? ` (${SQLSTATE_NAMES[code] ?? code})` : ''}.`, code ? { sqlstate: code } : {}, `Check the ${role} URL, that the server is running, and the credentials.`);
  }
  const name = SQLSTATE_NAMES[code];
  const where = meta.table ? ` on table ${meta.table}${meta.column ? ` column ${meta.column}` : ''}${meta.constraint ? ` constraint ${meta.constraint}` : ''}` : meta.constraint ? ` on constraint ${meta.constraint}` : '';
  return new DatabaseError('DB_QUERY', `PostgreSQL error ${code || 'unknown'}${name ? ` (${name})` : ''}${where}${role === 'target' ? ' on the target database' : ''}.`, { ...meta, ...(code ? { sqlstate: code } : {}) });
}
