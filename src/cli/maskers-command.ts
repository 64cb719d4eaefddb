import { z } from 'zod';
import { MASKERS } from '../maskers/masker-registry.js';

/** `maskgate maskers`: lists the registry, the same data that validates rules files. */
export function maskersCommand(opts: { json?: boolean }): number {
  if (opts.json) {
    const list = MASKERS.map((m) => ({ name: m.name, summary: m.summary, columnKinds: m.columnKinds, preservesUniqueness: m.preservesUniqueness, options: z.toJSONSchema(m.params, { io: 'input' }) }));
    process.stdout.write(`${JSON.stringify(list, null, 2)}\n`);
    return 0;
  }
  const width = Math.max(...MASKERS.map((m) => m.name.length));
  for (const m of MASKERS) {
    const options = Object.keys((m.params as unknown as { shape?: Record<string, unknown> }).shape ?? {});
    process.stdout.write(`${m.name.padEnd(width)}  ${m.summary}${options.length ? `  [options: ${options.join(', ')}]` : ''}\n`);
  }
  return 0;
}
