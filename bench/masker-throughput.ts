/**
 * Micro-benchmark: masks N values per masker (default 1,000,000) straight through the masker
 * function, without the memo cache the pipeline adds, and prints values/s against the issue's
 * targets. Inputs are distinct and generated deterministically. Prints figures only; never fails
 * on timing.
 *
 *   npm run bench:maskers                     # every benchmarked masker, 1,000,000 values each
 *   npm run bench:maskers -- --values 200000  # fewer values
 *   npm run bench:maskers -- --only bsn,iban  # some maskers
 */
import { randomBytes } from 'node:crypto';
import { parseArgs } from 'node:util';
import type { ColumnInfo } from '../src/db/table-info.js';
import { KeyedPrf } from '../src/keyed/keyed-prf.js';
import type { MaskerContext, RowContext } from '../src/maskers/masker.js';
import { maskerRegistry } from '../src/maskers/masker-registry.js';

interface Case {
  readonly masker: string;
  readonly params?: Record<string, unknown>;
  readonly target: number;
  /** The i-th input; distinct for distinct i. */
  readonly input: (i: number) => string;
  readonly label?: string;
}

const FIRST = ['Jan', 'Sanne', 'Pieter', 'Fatima', 'Daan', 'Lotte', 'Mohamed', 'Eva', 'Willem', 'Noor', 'Bram', 'Anouk'];
const LAST = ['Jansen', 'de Vries', 'van Dijk', 'Bakker', 'Yilmaz', 'de Boer', 'Visser', 'Smit', 'El Amrani', 'Mulder'];

/** The i-th valid BSN (skipping prefixes without a check digit), as 9 digits. */
function bsnAt(i: number): string {
  const p = String(10_000_000 + i * 7).padStart(8, '0');
  let sum = 0;
  for (let k = 0; k < 8; k++) sum += (9 - k) * (p.charCodeAt(k) - 48);
  const r = sum % 11;
  return r === 10 ? `${String(10_000_000 + i * 7 + 1).padStart(8, '0')}x` : p + r;
}
const validBsn = (i: number): string => {
  for (let j = i * 3; ; j++) {
    const b = bsnAt(j);
    if (!b.endsWith('x')) return b;
  }
};
function mod97(s: string): number {
  let r = 0;
  for (let k = 0; k < s.length; k++) {
    const c = s.charCodeAt(k);
    r = c >= 65 ? (r * 100 + (c - 55)) % 97 : (r * 10 + (c - 48)) % 97;
  }
  return r;
}
const ibanAt = (i: number): string => {
  const acct = String(1_000_000_000 + i).padStart(10, '0');
  return `NL${String(98 - mod97(`RABO${acct}NL00`)).padStart(2, '0')}RABO${acct}`;
};
const PLATE_LETTERS = 'BDFGHJKLNPRSTVXZ';
const plateAt = (i: number): string => {
  const l = (k: number): string => PLATE_LETTERS[Math.floor(i / 16 ** k) % 16]!;
  return `${l(0)}${l(1)}-${String(i % 1000).padStart(3, '0')}-${l(2)}`;
};
const NOTE_WORDS = ['Aanvrager', 'belde', 'over', 'de', 'status', 'van', 'het', 'dossier', 'en', 'vroeg', 'om', 'uitstel', 'termijn'];
const noteAt = (i: number): string => {
  const words: string[] = [];
  for (let k = 0; words.join(' ').length < 50; k++) words.push(NOTE_WORDS[(i + k * 5) % NOTE_WORDS.length]!);
  return `${words.join(' ')}; BSN ${validBsn(i)}, tel. 06-${String(10_000_000 + i).slice(-8)}.`.slice(0, 80);
};

const CASES: Case[] = [
  { masker: 'bsn', target: 500_000, input: validBsn, label: 'bsn (test-block)' },
  { masker: 'bsn', params: { mode: 'format-preserving' }, target: 500_000, input: validBsn, label: 'bsn (format-preserving)' },
  { masker: 'iban', target: 500_000, input: ibanAt },
  { masker: 'plate', target: 500_000, input: plateAt },
  { masker: 'postcode', target: 500_000, input: (i) => `${1000 + (i % 9000)} ${'ABCEGHJK'[i % 8]}${'LMNPRTVW'[Math.floor(i / 8) % 8]}` },
  { masker: 'phone', target: 500_000, input: (i) => `06-${String(10_000_000 + i).slice(-8)}` },
  { masker: 'hash', target: 500_000, input: (i) => `klant-${i}` },
  { masker: 'first_name', target: 200_000, input: (i) => `${FIRST[i % FIRST.length]}${i}` },
  { masker: 'last_name', target: 200_000, input: (i) => `${LAST[i % LAST.length]}${i}` },
  { masker: 'full_name', target: 200_000, input: (i) => `${FIRST[i % FIRST.length]} ${LAST[i % LAST.length]}${i}` },
  { masker: 'email', target: 200_000, input: (i) => `${FIRST[i % FIRST.length]!.toLowerCase()}.${i}@voorbeeldmail.nl` },
  { masker: 'scrub', target: 200_000, input: noteAt, label: 'scrub (80-char notes, BSN + phone in each)' },
  { masker: 'scrub', target: 200_000, input: (i) => noteAt(i).replace(/; BSN.*$/, `, afgehandeld op verzoek nummer ${'abcdefghij'[i % 10]}.`), label: 'scrub (80-char notes, no identifiers)' },
];

function contextFor(prf: KeyedPrf): MaskerContext {
  const shared = new Map<string, unknown>();
  const column: ColumnInfo = { name: 'value', sqlType: 'text', kind: 'text', nullable: true, unique: false };
  return {
    prf, table: { schema: 'public', name: 'bench' }, column, unique: false,
    shared: <T>(k: string, init: () => T): T => {
      if (!shared.has(k)) shared.set(k, init());
      return shared.get(k) as T;
    },
  };
}

function main(): void {
  const { values } = parseArgs({ options: { values: { type: 'string' }, only: { type: 'string' } } });
  const n = Number(values.values ?? 1_000_000);
  if (!Number.isInteger(n) || n <= 0) throw new Error(`--values must be a positive integer, got ${values.values}`);
  const only = values.only?.split(',');
  const prf = new KeyedPrf(randomBytes(48));
  const rows: string[][] = [['masker', 'values/s', 'target', '']];
  for (const c of CASES) {
    if (only && !only.includes(c.masker)) continue;
    const def = maskerRegistry.get(c.masker);
    if (!def) {
      rows.push([c.label ?? c.masker, '-', c.target.toLocaleString('en-US'), 'not registered']);
      continue;
    }
    const fn = def.create(def.params.parse(c.params ?? {}) as never, contextFor(prf));
    const inputs = Array.from({ length: n }, (_, i) => c.input(i));
    const row: RowContext = { key: '1', get: () => null };
    // Warm-up, so the figure is the optimised code's, not the interpreter's.
    for (let i = 0; i < Math.min(20_000, inputs.length); i++) fn(inputs[i]!, row);
    let sink = 0;
    const t0 = process.hrtime.bigint();
    for (let i = 0; i < n; i++) sink += fn(inputs[i]!, row)?.length ?? 0;
    const secs = Number(process.hrtime.bigint() - t0) / 1e9;
    const rate = n / secs;
    rows.push([c.label ?? c.masker, Math.round(rate).toLocaleString('en-US'), c.target.toLocaleString('en-US'), rate >= c.target ? 'ok' : 'BELOW']);
    if (sink < 0) console.log(sink);
  }
  const widths = rows[0]!.map((_, i) => Math.max(...rows.map((r) => r[i]!.length)));
  for (const r of rows) console.log(r.map((cell, i) => (i === 0 ? cell.padEnd(widths[i]!) : cell.padStart(widths[i]!))).join('  '));
  console.log(`${n.toLocaleString('en-US')} distinct values per masker, one core, no memo cache.`);
}

main();
