import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createScratchDatabase, type ScratchDatabase } from './scratch-database.js';
import { ROOT } from './run-cli.js';

/** Path of the committed diplomawaardering rules. */
export const FIXTURE_RULES = join(ROOT, 'rules', 'diplomawaardering.yaml');

/** A scratch database loaded with the fictional diplomawaardering fixture. */
export async function createFixtureDatabase(adminUrl: string): Promise<ScratchDatabase> {
  const db = await createScratchDatabase(adminUrl);
  await db.query(readFileSync(join(ROOT, 'fixtures', 'diplomawaardering.sql'), 'utf8'));
  await db.query('ANALYZE');
  return db;
}
