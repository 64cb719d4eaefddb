import { z } from 'zod';
import { compactPlateSidecode, isNeverIssuedGroup, PLATE_LAYOUTS, PLATE_LETTERS_HISTORIC } from '../detectors/plate.js';
import { maxLengthOf } from '../db/table-info.js';
import { MaskgateError } from '../errors.js';
import { compact } from '../keyed/canonicalize.js';
import { PrfStream } from '../keyed/keyed-prf.js';
import { edges } from './first-name.js';
import { defineMasker } from './masker.js';
import { uniquePoolFor, type UniquePool } from './unique-pool.js';

/** First letters of passenger cars in series 11: no L or T any more (dutch-pii.md §2.3). */
const FIRST_SC11 = 'GHJKNPRSXZ';
/** Passenger-car first letters for sidecodes 4–14; B, D, F, M, O, V, W would mark another vehicle category. */
const FIRST_CAR = 'GHJKLNPRSTXZ';
/** The 16-letter passenger-car alphabet of §2.1 for the other letters from sidecode 4 on. */
const CAR = 'BDFGHJKLNPRSTVXZ';

/** One group of a sidecode's layout, with the alphabet of its first and of its other letters. */
interface Group {
  readonly len: number;
  /** 10^len − 1: digit groups are drawn from 1 … max, never all zeros. */
  readonly max: number;
  /** Every value 0 … max as `len` zero-padded digits (number-to-string per value costs more than the PRF). */
  readonly padded: readonly string[];
  readonly digits: boolean;
  readonly first: string;
  readonly rest: string;
}

/** How fakes of one sidecode are drawn: its groups and the number of distinct fakes it can make. */
interface Generator {
  readonly sidecode: number;
  readonly groups: readonly Group[];
  readonly space: number;
}

/** The generator of sidecode `sc`: letters from the car alphabets (historic for 1–3), digit groups never all zero. */
function generator(sc: number): Generator {
  const { mask, dashes: [a, b] } = PLATE_LAYOUTS[sc - 1]!;
  let firstLetterSeen = false;
  const groups = [mask.slice(0, a), mask.slice(a, b), mask.slice(b)].map((g): Group => {
    if (g[0] === '9') {
      const max = 10 ** g.length - 1;
      const padded = Array.from({ length: max + 1 }, (_, i) => String(i).padStart(g.length, '0'));
      return { len: g.length, max, padded, digits: true, first: '', rest: '' };
    }
    const rest = sc <= 3 ? PLATE_LETTERS_HISTORIC : CAR;
    const first = firstLetterSeen ? rest : sc <= 3 ? PLATE_LETTERS_HISTORIC : sc === 11 ? FIRST_SC11 : FIRST_CAR;
    firstLetterSeen = true;
    return { len: g.length, max: 0, padded: [], digits: false, first, rest };
  });
  let space = 1;
  for (const g of groups) space *= g.digits ? g.max : allowedLetterGroups(g);
  return { sidecode: sc, groups, space };
}

/** Letter groups of `g`'s shape without a never-issued combination, counted by enumeration (≤ 21³). */
function allowedLetterGroups(g: Group): number {
  let n = 0;
  const walk = (prefix: string): void => {
    if (prefix.length === g.len) {
      if (!isNeverIssuedGroup(prefix)) n++;
      return;
    }
    for (const c of prefix === '' ? g.first : g.rest) walk(prefix + c);
  };
  walk('');
  return n;
}

const GENERATORS: readonly Generator[] = PLATE_LAYOUTS.map((l) => generator(l.sidecode));
const SC11 = GENERATORS[10]!;

/** One candidate plate in compact uppercase form; redrawn while a letter group is never issued. */
function draw(st: PrfStream, gen: Generator): string {
  for (;;) {
    let out = '';
    let issuable = true;
    for (let k = 0; k < gen.groups.length; k++) {
      const g = gen.groups[k]!;
      if (g.digits) {
        out += g.padded[1 + st.uniform(g.max)]!;
        continue;
      }
      let group = g.first[st.uniform(g.first.length)]!;
      for (let i = 1; i < g.len; i++) group += g.rest[st.uniform(g.rest.length)]!;
      if (isNeverIssuedGroup(group)) issuable = false;
      out += group;
    }
    if (issuable) return out;
  }
}

/** Writes a compact plate in the input's notation: separator at the sidecode's dash positions, case. */
function inNotation(c: string, sc: number, sep: string, lower: boolean): string {
  let out = c;
  if (sep !== '') {
    const [a, b] = PLATE_LAYOUTS[sc - 1]!.dashes;
    out = `${c.slice(0, a)}${sep}${c.slice(a, b)}${sep}${c.slice(b)}`;
  }
  return lower ? out.toLowerCase() : out;
}

/** The separator a value is written with: the first `-` or space inside it, else none. */
function separatorOf(t: string): string {
  for (let i = 0; i < t.length; i++) {
    const k = t.charCodeAt(i);
    if (k === 45 || k === 32) return t[i]!;
  }
  return '';
}

/** Whether the value has lowercase ASCII letters and no uppercase ones. */
function isLowercase(t: string): boolean {
  let lower = false;
  for (let i = 0; i < t.length; i++) {
    const k = t.charCodeAt(i);
    if (k >= 65 && k <= 90) return false;
    if (k >= 97 && k <= 122) lower = true;
  }
  return lower;
}

const LABEL = { current: 'maskgate/nl-kenteken/current/v1', 'preserve-sidecode': 'maskgate/nl-kenteken/preserve-sidecode/v1' } as const;

/**
 * Kenteken masker, dutch-pii.md §2.3. `current` draws a passenger-car plate in sidecode 11; `preserve-sidecode`
 * keeps the input's sidecode (an old car stays old-looking). Both use the strict alphabets and the
 * per-group blacklist, and keep separator, case and surrounding whitespace. A value that is not a
 * plate still gets a sidecode-11 fake, never itself.
 */
export const plate = defineMasker({
  name: 'plate',
  input: 'plate',
  coincidesWith: () => ['plate'],
  summary: 'Dutch licence plate (kenteken), keyed: sidecode 11 XXX-99-X ({ mode: current }, default) or the input\'s sidecode ({ mode: preserve-sidecode }); RDW alphabet and blacklist; keeps dashes and case; unique.',
  params: z.object({ mode: z.enum(['current', 'preserve-sidecode']).default('current') }).strict(),
  columnKinds: ['text'],
  preservesUniqueness: true,
  outputMayEqualInput: false,
  create: (params, ctx) => {
    const label = LABEL[params.mode];
    const limit = maxLengthOf(ctx.column);
    // One pool per output sidecode: sidecodes never share a plate, and each has its own capacity.
    const pools: (UniquePool | null | undefined)[] = [];
    const poolFor = (gen: Generator): UniquePool | null =>
      ctx.unique ? (pools[gen.sidecode] ??= uniquePoolFor(ctx, `${label}/sc${gen.sidecode}`, 'plate', Math.floor(gen.space / 2))) : null;
    // Per-value state read by `next`; one closure per column, since closures per value cost more
    // than the masking itself at these rates.
    const st = new PrfStream(ctx.prf, label, '');
    let canon = '';
    let gen = SC11;
    const next = (): string => {
      for (let i = 0; i < 64; i++) {
        const c = draw(st, gen);
        if (c !== canon) return c;
      }
      throw new MaskgateError('MASKER_FAILED', 'The plate masker could not draw a plate different from its input.', { masker: 'plate' });
    };
    return (value) => {
      const [lead, trail] = edges(value);
      if (lead.length === value.length) return '';
      const start = lead.length;
      const end = value.length - trail.length;
      const t = start === 0 && end === value.length ? value : value.slice(start, end);
      canon = compact(t);
      const sc = compactPlateSidecode(canon);
      gen = params.mode === 'preserve-sidecode' && sc !== 0 ? GENERATORS[sc - 1]! : SC11;
      st.reset(canon);
      const pool = poolFor(gen);
      const fake = pool === null ? next() : pool.claim(canon, next);
      // Trailing spaces beyond a column's length are dropped by PostgreSQL; leading ones count.
      let sep = separatorOf(t);
      if (sep !== '' && start + 8 > limit) sep = '';
      if (start + 6 > limit) {
        throw new MaskgateError('MASKER_FAILED', `The plate masker cannot fit a plate (6 characters) into column ${ctx.table.name}.${ctx.column.name} (${ctx.column.sqlType}).`, { masker: 'plate' }, 'Widen the column in the rules\' scope or use another masker for it.');
      }
      const out = inNotation(fake, gen.sidecode, sep, isLowercase(t));
      return start === 0 && end === value.length ? out : value.slice(0, start) + out + value.slice(end);
    };
  },
});
