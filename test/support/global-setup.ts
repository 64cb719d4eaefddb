import type { TestProject } from 'vitest/node';
import { chooseMysql, choosePostgres } from './databases.js';

declare module 'vitest' {
  interface ProvidedContext {
    /** Admin URL of the PostgreSQL server tests create their scratch databases on. */
    pgUrl: string;
    /** Admin URL of the MySQL/MariaDB server, for scratch databases of the MySQL tests. */
    mysqlUrl: string;
  }
}

/** Chooses the database server once for the whole run. */
export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const [pg, my] = await Promise.all([choosePostgres(), chooseMysql()]);
  project.provide('pgUrl', pg.url);
  project.provide('mysqlUrl', my.url);
  return async () => {
    await Promise.all([pg.stop(), my.stop()]);
  };
}
