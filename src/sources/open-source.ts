import type { EngineName } from '../db/table-info.js';
import { MaskgateError } from '../errors.js';
import { MysqlSource } from './mysql-source.js';
import { PostgresSource } from './postgres-source.js';
import type { Source } from './source.js';

/** The engine a connection URL names by its scheme. */
export function engineOf(url: string, role = 'source'): EngineName {
  const scheme = /^([a-z][a-z0-9+.-]*):/i.exec(url)?.[1]?.toLowerCase();
  if (scheme === 'postgres' || scheme === 'postgresql') return 'postgres';
  if (scheme === 'mysql' || scheme === 'mariadb') return 'mysql';
  throw new MaskgateError('USAGE', `The ${role} URL's scheme ${scheme ? `"${scheme}:" ` : ''}is not one maskgate reads.`, {}, 'Use postgres://… (or postgresql://…) for PostgreSQL, mysql://… (or mariadb://…) for MySQL and MariaDB.');
}

/** Connects to the source database the URL names and opens its consistent read-only snapshot. */
export function openSource(url: string): Promise<Source> {
  return engineOf(url) === 'postgres' ? PostgresSource.connect(url) : MysqlSource.connect(url);
}
