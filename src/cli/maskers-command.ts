import { z } from 'zod';
import { didYouMean } from '../config/did-you-mean.js';
import { MaskgateError } from '../errors.js';
import type { MaskerDefinition } from '../maskers/masker.js';
import { MASKERS, maskerRegistry } from '../maskers/masker-registry.js';

/** JSON schema of a masker's options, as rules files write them. */
function optionSchema(m: MaskerDefinition): { properties?: Record<string, Record<string, unknown>>; required?: string[] } {
  return z.toJSONSchema(m.params, { io: 'input', unrepresentable: 'any' }) as { properties?: Record<string, Record<string, unknown>>; required?: string[] };
}

/** One option as a line: name, accepted values or type, default, required. */
function describeOption(name: string, s: Record<string, unknown>, required: boolean): string {
  const values = Array.isArray(s.enum) ? s.enum.join(' | ') : typeof s.type === 'string' ? s.type : 'see docs';
  const dflt = s.default !== undefined ? `  (default ${JSON.stringify(s.default)})` : required ? '  (required)' : '';
  return `  ${name}: ${values}${dflt}${typeof s.description === 'string' ? ` — ${s.description}` : ''}`;
}

/**
 * `maskgate maskers [name]`: lists the registry, the same data that validates rules files; with a
 * name, that masker's column kinds, uniqueness and options.
 */
export function maskersCommand(opts: { json?: boolean }, name?: string): number {
  const selected = name === undefined ? MASKERS : [maskerRegistry.get(name)].filter((m): m is MaskerDefinition => m !== undefined);
  if (name !== undefined && selected.length === 0) {
    const guess = didYouMean(name, maskerRegistry.keys());
    throw new MaskgateError('USAGE', `There is no masker "${name}"${guess ? ` (did you mean "${guess}"?)` : ''}.`, {}, 'Run `maskgate maskers` to list them.');
  }
  if (opts.json) {
    const list = selected.map((m) => ({ name: m.name, summary: m.summary, columnKinds: m.columnKinds, preservesUniqueness: m.preservesUniqueness, options: optionSchema(m) }));
    process.stdout.write(`${JSON.stringify(name === undefined ? list : list[0], null, 2)}\n`);
    return 0;
  }
  if (name !== undefined) {
    const m = selected[0]!;
    const schema = optionSchema(m);
    const lines = [
      `${m.name}: ${m.summary}`,
      `columns: ${m.columnKinds === 'any' ? 'any type' : m.columnKinds.join(', ')}; unique columns: ${m.preservesUniqueness ? 'yes' : 'no (refused on a column under a unique index)'}`,
      'options:',
      ...Object.entries(schema.properties ?? {}).map(([k, s]) => describeOption(k, s, schema.required?.includes(k) ?? false)),
      `docs: docs/maskers.md, section \`${m.name}\``,
    ];
    if (Object.keys(schema.properties ?? {}).length === 0) lines.splice(2, 1, 'options: none');
    process.stdout.write(`${lines.join('\n')}\n`);
    return 0;
  }
  const width = Math.max(...MASKERS.map((m) => m.name.length));
  for (const m of MASKERS) {
    const options = Object.keys((m.params as unknown as { shape?: Record<string, unknown> }).shape ?? {});
    process.stdout.write(`${m.name.padEnd(width)}  ${m.summary}${options.length ? `  [options: ${options.join(', ')}]` : ''}\n`);
  }
  process.stdout.write('\n`maskgate maskers <name>` shows one masker with its options; docs/maskers.md has examples.\n');
  return 0;
}
