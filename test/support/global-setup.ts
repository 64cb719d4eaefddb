import type { TestProject } from 'vitest/node';
import { choosePostgres } from './databases.js';

declare module 'vitest' {
  interface ProvidedContext {
    /** Admin URL of the PostgreSQL server tests create their scratch databases on. */
    pgUrl: string;
  }
}

/** Chooses the database server once for the whole run. */
export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const pg = await choosePostgres();
  project.provide('pgUrl', pg.url);
  return pg.stop;
}
