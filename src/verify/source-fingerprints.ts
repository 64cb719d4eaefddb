import { KeyedPrf } from '../keyed/keyed-prf.js';
import type { InputKind, LeakType } from '../maskers/masker.js';
import { FingerprintKey } from './fingerprint-key.js';
import { FingerprintSet } from './fingerprint-set.js';
import { LEAK_TAGS, nameWords, sourceCanon, SURNAME_WORD_TAG } from './leak-tokens.js';
import { Prefilter } from './prefilter.js';

/**
 * PRF label of L5 fingerprints: fingerprint(canon) = the first 64 bits of
 * HMAC-SHA256(K, label ‖ 0x00 ‖ canon ‖ 0x00 ‖ uint32be(0)). One label for every type (the type is
 * the set's tag), so a token checked as two types costs one HMAC. Changing it breaks every
 * fingerprint file ever written.
 */
export const FINGERPRINT_LABEL = 'maskgate/fingerprint/v1';
const LABEL_BYTES = KeyedPrf.labelBytes(FINGERPRINT_LABEL);
// Words looked up by mayBeName(); past this many the memo starts over rather than grow without bound.
const WORD_MEMO_LIMIT = 1 << 19;

/** A masked source column whose values L5 fingerprints, by position in the row. */
export interface FingerprintColumn {
  readonly index: number;
  readonly input: InputKind;
}

/**
 * The run's L5 fingerprints of source personal data: every value of every masked identifier
 * column, and each person's name in the forms it is written in (first + last, initial + last,
 * last + initial). Filled while the tables are read; the verifier looks every output token up.
 */
export class SourceFingerprints {
  // Per-run murmur key of the prefilter; null when the set came from a fingerprint file (no raw values seen).
  private readonly quick: FingerprintKey | null;
  private readonly prefilter: Prefilter | null;
  private tags = 0;
  /** HMACs computed on the output side (lookups the prefilter let through), for the report. */
  hmacLookups = 0;

  /**
   * @param set  the HMAC fingerprints
   * @param prf  a KeyedPrf of the run secret used by nothing else: its digest buffer is shared by
   *             all callers, and a masker between two reads of it must not see ours
   * @param opts.prefilter  false for a set loaded from a file, whose raw values were never seen here
   */
  constructor(readonly set: FingerprintSet, private readonly prf: KeyedPrf, opts: { prefilter?: boolean } = {}) {
    const pre = opts.prefilter ?? true;
    this.quick = pre ? new FingerprintKey() : null;
    this.prefilter = pre ? new Prefilter() : null;
    this.tags = set.tagsAdded;
  }

  /** Adds one canonical value of `type`. */
  add(type: LeakType, canon: string): void {
    const tag = LEAK_TAGS[type];
    this.addTag(tag, canon);
  }

  // Surnames repeat across people ("jansen"): each is fingerprinted once, not once a person.
  private readonly surnamesAdded = new Set<string>();

  private addSurnameWord(word: string): void {
    if (this.surnamesAdded.has(word)) return;
    if (this.surnamesAdded.size >= WORD_MEMO_LIMIT) this.surnamesAdded.clear();
    this.surnamesAdded.add(word);
    this.addTag(SURNAME_WORD_TAG, word);
  }

  private addTag(tag: number, canon: string): void {
    if (this.quick !== null) {
      this.quick.hash(canon);
      this.prefilter!.add(this.quick.hi, this.quick.lo, tag);
    }
    const d = this.prf.blockWithLabel(LABEL_BYTES, canon);
    this.set.add(d[0]!, d[1]!, tag);
    this.tags |= 1 << tag;
  }

  /** Sizes the set and the prefilter once for about `expected` fingerprints (the planner's row estimate), before any is added. */
  reserve(expected: number): void {
    this.set.reserve(expected);
    this.prefilter?.reserve(expected);
  }

  /** Whether any value of the type with `tag` was fingerprinted. */
  has(tag: number): boolean {
    return (this.tags & (1 << tag)) !== 0;
  }

  /** Whether `canon` of the type with `tag` was a source value. */
  contains(tag: number, canon: string): boolean {
    if ((this.tags & (1 << tag)) === 0) return false;
    if (this.quick !== null) {
      this.quick.hash(canon);
      if (!this.prefilter!.mayHave(this.quick.hi, this.quick.lo, tag)) return false;
    }
    // A token is often checked as two types in the same canonical form (nine digits: BSN and phone),
    // and the fingerprint does not depend on the type: one HMAC serves both.
    if (canon !== this.lastCanon) {
      this.hmacLookups++;
      const d = this.prf.blockWithLabel(LABEL_BYTES, canon);
      this.lastCanon = canon;
      this.lastHi = d[0]!;
      this.lastLo = d[1]!;
    }
    return this.set.has(this.lastHi, this.lastLo, tag);
  }

  private lastCanon: string | null = null;
  private lastHi = 0;
  private lastLo = 0;

  private readonly wordMemo = new Map<string, boolean>();

  /**
   * Whether the name window `words[from..to]` can be a source name form at all: every form starts or
   * ends with a word of a source surname ("jan de vries", "j de vries", "vries j"), so a window whose
   * first and last word are no source surname word is skipped without its HMAC. The words repeat
   * across a dump, so their lookups are memoised. True when the set holds no surname words (files
   * made without them): then every window is looked up.
   */
  mayBeName(words: readonly string[], from: number, to: number): boolean {
    if ((this.tags & (1 << SURNAME_WORD_TAG)) === 0) return true;
    return this.isSurnameWord(words[to]!) || this.isSurnameWord(words[from]!);
  }

  private isSurnameWord(word: string): boolean {
    let known = this.wordMemo.get(word);
    if (known === undefined) {
      if (this.wordMemo.size >= WORD_MEMO_LIMIT) this.wordMemo.clear();
      known = this.contains(SURNAME_WORD_TAG, word);
      this.wordMemo.set(word, known);
    }
    return known;
  }

  /** The set's figures for the report, with the prefilter's memory and the HMAC lookups it let through. */
  describe(): Record<string, unknown> {
    return { ...this.set.describe(), fingerprint: 'hmac-sha256/64', prefilterBytes: this.prefilter?.bytes ?? 0, hmacLookups: this.hmacLookups };
  }

  /**
   * The per-row collector of one table, or null when the table has nothing to fingerprint.
   * `get(i)` returns the decoded source value of column i of the current row.
   */
  forTable(columns: readonly FingerprintColumn[]): ((get: (index: number) => string | null) => void) | null {
    if (columns.length === 0) return null;
    const ids = columns.filter((c) => !NAME_PARTS.has(c.input)) as readonly { index: number; input: Exclude<LeakType, 'name'> }[];
    const part = (k: InputKind): number | undefined => columns.find((c) => c.input === k)?.index;
    const first = part('first_name');
    const last = part('last_name');
    const tv = part('tussenvoegsel');
    const initials = part('initials');
    const full = columns.filter((c) => c.input === 'full_name').map((c) => c.index);
    return (get) => {
      for (const c of ids) {
        const v = get(c.index);
        if (v === null || v === '') continue;
        const canon = sourceCanon(c.input, v);
        if (canon !== null) this.add(c.input, canon);
      }
      for (const i of full) {
        const v = get(i);
        if (v === null) continue;
        const w = nameWords(v);
        if (w.length < 2) continue;
        this.add('name', w.join(' '));
        this.addSurnameWord(w[w.length - 1]!);
        // "Jan Willem de Vries" is also written "J. de Vries" and "Vries, J.".
        this.addPerson([], w.slice(1, -1), [w[w.length - 1]!], [w[0]![0]!]);
      }
      if (last !== undefined) {
        const l = words(get(last));
        if (l.length === 0) return;
        const t = tv !== undefined ? words(get(tv)) : [];
        const f = first !== undefined ? words(get(first)) : [];
        const ini = initials !== undefined ? words(get(initials)).map((x) => x[0]!) : [];
        this.addPerson(f, t, l, ini);
      }
    };
  }

  /**
   * The written forms of one person's name, from its canonical parts: "Jan Willem de Vries",
   * "J. de Vries" (or all initials "J.W. de Vries") and "Vries, J." (how lists sort people). Three
   * forms, not every permutation: each costs 10 bytes in the set for every person in the source.
   */
  private addPerson(first: readonly string[], tv: readonly string[], last: readonly string[], initials: readonly string[] = []): void {
    const surname = [...tv, ...last];
    // The gate of mayBeName(): each form below starts or ends with one of these.
    for (const w of last) this.addSurnameWord(w);
    const forms = new Set<string>();
    const initial = first[0]?.[0] ?? initials[0];
    if (first.length > 0) forms.add([...first, ...surname].join(' '));
    if (initials.length > 1) forms.add([...initials, ...surname].join(' '));
    if (initial !== undefined) {
      forms.add([initial, ...surname].join(' '));
      forms.add([...last, initial].join(' '));
    }
    for (const f of forms) if (f.includes(' ')) this.add('name', f);
  }
}

const NAME_PARTS: ReadonlySet<InputKind> = new Set(['first_name', 'last_name', 'tussenvoegsel', 'initials', 'full_name']);

function words(v: string | null): string[] {
  return v === null ? [] : nameWords(v);
}
