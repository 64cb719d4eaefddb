import { loadRules } from '../config/load-rules.js';
import { qualifiedName } from '../db/table-info.js';
import { MaskgateError } from '../errors.js';
import { KeyedPrf } from '../keyed/keyed-prf.js';
import { maskerRegistry } from '../maskers/masker-registry.js';
import { openSource } from '../sources/open-source.js';
import { writeFingerprintFile, type FingerprintFileHeader } from '../verify/fingerprint-file.js';
import { DEFAULT_FINGERPRINT_BUDGET_BYTES, FingerprintSet } from '../verify/fingerprint-set.js';
import { SourceFingerprints } from '../verify/source-fingerprints.js';
import { planRun } from './plan-run.js';
import { checkNewFilePath, resolveSourceUrl } from './run-pipeline.js';
import { resolve } from 'node:path';

/** Options of fingerprintSource(). */
export interface FingerprintSourceOptions {
  readonly rulesPath: string;
  readonly sourceUrl?: string | undefined;
  readonly outPath: string;
  readonly secret: Uint8Array;
  readonly env: NodeJS.ProcessEnv;
}

/**
 * `maskgate fingerprint`: reads the source's personal data the way a run does (the columns the rules
 * mask as identifiers, and each person's name forms) and writes their keyed fingerprints to a file
 * that can travel to the test side. Reads rows, writes no dump, masks nothing.
 */
export async function fingerprintSource(opts: FingerprintSourceOptions): Promise<{ header: FingerprintFileHeader; tables: number; rows: number }> {
  await checkNewFilePath(resolve(opts.outPath), '--out');
  const rules = await loadRules(opts.rulesPath, opts.env, { sourceGiven: Boolean(opts.sourceUrl || opts.env.MASKGATE_SOURCE) });
  const prf = new KeyedPrf(opts.secret);
  const budget = (rules.verify?.fingerprintBudgetMB ?? DEFAULT_FINGERPRINT_BUDGET_BYTES / 1048576) * 1048576;
  const fps = new SourceFingerprints(new FingerprintSet({ budgetBytes: budget }), new KeyedPrf(opts.secret), { prefilter: false });
  const source = await openSource(resolveSourceUrl(opts.sourceUrl, opts.env, rules));
  let rows = 0;
  let tables = 0;
  try {
    const plan = planRun(rules, await source.introspect(), maskerRegistry, prf);
    const codec = source.format.codec;
    for (const tp of plan.tables) {
      const collect = fps.forTable(tp.columns.flatMap((c) => (c.input !== null ? [{ index: c.index, input: c.input }] : [])));
      if (collect === null) continue;
      tables++;
      let fields: readonly string[] = [];
      const get = (i: number): string | null => codec.decode(fields[i]!);
      for await (const batch of source.readTable(tp.table)) {
        for (const f of batch) {
          if (f.length !== tp.table.columns.length) throw new MaskgateError('DB_QUERY', `A row of ${qualifiedName(tp.table)} has ${f.length} fields where ${tp.table.columns.length} were expected.`, { table: qualifiedName(tp.table) });
          fields = f;
          collect(get);
          rows++;
        }
      }
    }
  } finally {
    await source.close();
  }
  const header = await writeFingerprintFile(opts.outPath, fps.set, { keyId: prf.keyId, secret: opts.secret, source: { engine: source.engine, tables, rows } });
  return { header, tables, rows };
}
