import { randomBytes } from 'node:crypto';
import pg from 'pg';

/** A throwaway database on the test server; drop() removes it even with open connections. */
export interface ScratchDatabase {
  readonly name: string;
  readonly url: string;
  query(sql: string): Promise<pg.QueryResult>;
  drop(): Promise<void>;
}

/** Creates `mg_test_<random>` on the server of `adminUrl`. */
export async function createScratchDatabase(adminUrl: string): Promise<ScratchDatabase> {
  const name = `mg_test_${randomBytes(5).toString('hex')}`;
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  try {
    await admin.query(`CREATE DATABASE ${pg.escapeIdentifier(name)}`);
  } finally {
    await admin.end();
  }
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  const client = new pg.Client({ connectionString: url.toString() });
  await client.connect();
  return {
    name,
    url: url.toString(),
    query: (sql) => client.query(sql),
    drop: async () => {
      await client.end().catch(() => undefined);
      const a = new pg.Client({ connectionString: adminUrl });
      await a.connect();
      try {
        await a.query(`DROP DATABASE IF EXISTS ${pg.escapeIdentifier(name)} WITH (FORCE)`);
      } finally {
        await a.end();
      }
    },
  };
}
