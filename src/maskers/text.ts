import { maxLengthOf } from '../db/table-info.js';
import { z } from 'zod';
import { MaskgateError } from '../errors.js';
import type { KeyedPrf } from '../keyed/keyed-prf.js';
import { defineMasker } from './masker.js';

// Neutral filler words: no names, places, numbers or health terms, so that masked notes can never
// trigger a detector or be mistaken for real content. Exactly 64 (6 bits a word). The order is part
// of the output contract: changing it changes every masked value, so bump LABEL with it.
const WORDS = [
  'de', 'het', 'een', 'en', 'van', 'met', 'voor', 'over', 'naar', 'bij', 'op', 'om', 'aan', 'uit',
  'dat', 'die', 'dit', 'is', 'wordt', 'zijn', 'nog', 'niet', 'wel', 'ook', 'later', 'opnieuw',
  'dossier', 'aanvraag', 'gegevens', 'overleg', 'besproken', 'afgehandeld', 'ontvangen',
  'gecontroleerd', 'verzoek', 'document', 'reactie', 'volgt', 'contact', 'gehad', 'termijn',
  'stukken', 'aangevuld', 'beoordeling', 'lopend', 'notitie', 'verwerkt', 'akkoord', 'bericht',
  'afspraak', 'status', 'onderwerp', 'vervolg', 'planning', 'verslag', 'actie', 'uitgezet',
  'afgestemd', 'informatie', 'bijlage', 'brief', 'ingediend', 'gewijzigd', 'aangepast',
] as const;

// Extra words so that every length from 1 to 14 has at least two: the last word of a value is
// chosen to fill the target length exactly, and a choice lets it differ from its input.
const FILLERS = ['u', 'o', 'toegelicht', 'doorgestuurd', 'aangekondigd', 'geregistreerd', 'teruggekoppeld', 'overeengekomen'] as const;

/** The longest word; the planner keeps room for it. */
const MAX_WORD = 14;

/** Every filler word, for tests that check that output words come from here only. */
export const TEXT_VOCABULARY: readonly string[] = [...WORDS, ...FILLERS];

// Words with their separators, built once: the per-value loop only concatenates.
const CAPS = WORDS.map(capitalize);
const SPACED = WORDS.map((w) => ` ${w}`);
const STOPPED = CAPS.map((w) => `. ${w}`);
const BY_LENGTH: readonly (readonly string[])[] = Array.from({ length: MAX_WORD + 1 }, (_, n) =>
  TEXT_VOCABULARY.filter((w) => w.length === n));
const BY_LENGTH_CAPS = BY_LENGTH.map((ws) => ws.map(capitalize));
/** Outputs for a one-character target. */
const TINY = ['.', '-'] as const;

const LABEL = 'maskgate/text/v2';

/**
 * Replaces free text as a whole with neutral Dutch filler of the same length (capped by maxLength
 * and the column type), built from short sentences of a fixed vocabulary.
 */
export const text = defineMasker({
  name: 'text',
  summary: 'Replace free text as a whole with neutral filler text of similar length: { mask: text, maxLength: 200 }.',
  params: z.object({ maxLength: z.number().int().positive().optional() }).strict(),
  columnKinds: ['text'],
  preservesUniqueness: false,
  outputMayEqualInput: false,
  create: (params, ctx) => {
    const cap = Math.min(params.maxLength ?? Infinity, maxLengthOf(ctx.column));
    const bits = new BitSource(ctx.prf);
    return (value) => {
      const target = Math.max(1, Math.min(value.length, cap));
      bits.reset(value);
      // A filler equal to its input (masking a masked dump, or a one-character note) would be the
      // input; draw on from the same stream, which keeps the result deterministic.
      for (let attempt = 0; attempt < 16; attempt++) {
        const out = filler(bits, target);
        if (out !== value) return out;
      }
      throw new MaskgateError('MASKER_FAILED', 'The text masker could not produce a value different from its input.', { masker: 'text' });
    };
  },
});

/** Builds a filler of exactly `target` characters: sentences of 3–10 words, each ending in `.`. */
function filler(bits: BitSource, target: number): string {
  if (target === 1) return TINY[bits.next(1)]!;
  let out = '';
  let r = target;
  let inSentence = 0;
  // Greedy phase: keep room for the separator, the longest word and the closing stop.
  while (r > MAX_WORD + 4) {
    let w: string;
    if (out === '') {
      w = CAPS[bits.next(6)]!;
    } else if (inSentence >= 3 && (inSentence >= 10 || bits.next(3) === 0)) {
      w = STOPPED[bits.next(6)]!;
      inSentence = 0;
    } else {
      w = SPACED[bits.next(6)]!;
    }
    out += w;
    r -= w.length;
    inSentence++;
  }
  // Final phase: r - 1 characters of words (and separators) and the stop.
  const lead = out === '' ? 0 : 1;
  const letters = r - 1 - lead;
  if (letters <= MAX_WORD) return `${out}${lead ? ' ' : ''}${word(bits, letters, out === '')}.`;
  const first = (letters - 1) >> 1;
  return `${out}${lead ? ' ' : ''}${word(bits, first, out === '')} ${word(bits, letters - 1 - first, false)}.`;
}

function word(bits: BitSource, length: number, capital: boolean): string {
  const list = (capital ? BY_LENGTH_CAPS : BY_LENGTH)[length]!;
  return list.length === 1 ? list[0]! : list[bits.next(8) % list.length]!;
}

function capitalize(w: string): string {
  return w.charAt(0).toUpperCase() + w.slice(1);
}

/**
 * Small bit fields from stream(LABEL, value), eight words a PRF block. Reused for every value of a
 * column, so the per-value path allocates nothing but the output string.
 */
class BitSource {
  private readonly words = new Uint32Array(8);
  private value = '';
  private block = 0;
  private index = 8;
  private cur = 0;
  private left = 0;

  constructor(private readonly prf: KeyedPrf) {}

  reset(value: string): void {
    this.value = value;
    this.block = 0;
    this.index = 8;
    this.left = 0;
  }

  /** The next `n` bits (n ≤ 16) as an integer. */
  next(n: number): number {
    if (this.left < n) {
      if (this.index === 8) {
        this.words.set(this.prf.block(LABEL, this.value, this.block++));
        this.index = 0;
      }
      this.cur = this.words[this.index++]!;
      this.left = 32;
    }
    const v = this.cur & ((1 << n) - 1);
    this.cur >>>= n;
    this.left -= n;
    return v;
  }
}
