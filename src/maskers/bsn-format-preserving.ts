import { bsnCheckDigit } from '../detectors/bsn.js';
import type { KeyedPrf } from '../keyed/keyed-prf.js';
import type { MaskerContext } from './masker.js';
import { type BsnClass, CLASS_HI, CLASS_LO } from './bsn-notation.js';

/**
 * PRF label of dutch-pii.md §1.8 mode C. v2: the permutation keeps the significant-digit class
 * (v1 permuted all valid BSNs as one set, so an 8-digit BSN could become a 9-digit one).
 */
export const FPE_LABEL = 'maskgate/nl-bsn/format-preserving/v2';

/** Feistel domain Z_a × Z_b per class: 10^3·10^3 = 00-block prefixes, 10^3·10^4 and 10^4·10^4 above. */
const SHAPES: readonly (readonly [a: number, b: number])[] = [[1_000, 1_000], [1_000, 10_000], [10_000, 10_000]];

/**
 * A keyed 4-round Feistel permutation of [0, a·b) in mixed radix (x = L·b + R, halves alternate
 * between Z_a and Z_b). Each round function has at most 10^4 inputs, so its whole table is drawn
 * once per run from one keyed stream, stream(label, "class|round"), read as successive uniform
 * values: about 5,000 PRF blocks per class instead of one per table entry, and none per value.
 */
class Feistel {
  private readonly t0: Int32Array;
  private readonly t1: Int32Array;
  private readonly t2: Int32Array;
  private readonly t3: Int32Array;

  constructor(
    prf: KeyedPrf,
    cls: BsnClass,
    private readonly a: number,
    private readonly b: number,
  ) {
    // Rounds 0 and 2 read a Z_b half and add into Z_a; rounds 1 and 3 the other way round.
    const table = (round: number, size: number, modulus: number): Int32Array => {
      const st = prf.stream(FPE_LABEL, `${cls}|${round}`);
      const t = new Int32Array(size);
      for (let i = 0; i < size; i++) t[i] = st.uniform(modulus);
      return t;
    };
    this.t0 = table(0, b, a);
    this.t1 = table(1, a, b);
    this.t2 = table(2, b, a);
    this.t3 = table(3, a, b);
  }

  /** π(x). */
  forward(x: number): number {
    const { a, b } = this;
    let l = Math.floor(x / b);
    let r = x % b;
    let t = (l + this.t0[r]!) % a; l = r; r = t;
    t = (l + this.t1[r]!) % b; l = r; r = t;
    t = (l + this.t2[r]!) % a; l = r; r = t;
    t = (l + this.t3[r]!) % b; l = r; r = t;
    return l * b + r;
  }

  /** π⁻¹(y). */
  backward(y: number): number {
    const { a, b } = this;
    let l = Math.floor(y / b);
    let r = y % b;
    let t = (r - this.t3[l]! + b) % b; r = l; l = t;
    t = (r - this.t2[l]! + a) % a; r = l; l = t;
    t = (r - this.t1[l]! + b) % b; r = l; l = t;
    t = (r - this.t0[l]! + a) % a; r = l; l = t;
    return l * b + r;
  }
}

/** Whether prefix p of class range [lo, hi) has a valid BSN (not 000000000, check digit exists). */
function member(p: number, lo: number): boolean {
  return p >= lo && p !== 0 && bsnCheckDigit(p) >= 0;
}

/**
 * §1.8 mode C on a valid canonical BSN: a keyed bijection of the valid BSNs of each class onto
 * themselves (π = the Feistel permutation cycle-walked onto the class's valid prefixes). A bare π
 * can map a BSN to itself (about once in the whole domain, so a million-row table hits one now and
 * then) and verification would rightly refuse that. So the masker is f = π ∘ next ∘ π⁻¹, where
 * `next` steps to the following valid prefix of the class: a conjugate of one cycle, hence still a
 * keyed bijection, with no fixed point. Stateless; the output may be a stranger's real BSN.
 */
export function formatPreservingMode(ctx: MaskerContext): (bsn9: string) => string {
  // Built on first use of a class: most runs never see a 00-block BSN.
  const nets = ctx.shared(FPE_LABEL, (): (Feistel | undefined)[] => [undefined, undefined, undefined]);
  const network = (cls: BsnClass): Feistel => (nets[cls] ??= new Feistel(ctx.prf, cls, SHAPES[cls]![0], SHAPES[cls]![1]));
  return (bsn9) => {
    let p = (Number(bsn9) - (bsn9.charCodeAt(8) - 48)) / 10;
    const cls = p >= CLASS_LO[2]! ? 2 : p >= CLASS_LO[1]! ? 1 : 0;
    const net = nets[cls] ?? network(cls);
    const lo = CLASS_LO[cls]!;
    const hi = CLASS_HI[cls]!;
    do p = net.backward(p); while (!member(p, lo));
    do p = p + 1 === hi ? lo : p + 1; while (!member(p, lo));
    do p = net.forward(p); while (!member(p, lo));
    return String(p * 10 + bsnCheckDigit(p)).padStart(9, '0');
  };
}
