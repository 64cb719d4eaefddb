import { randomBytes } from 'node:crypto';

// The prefilter's hash (prefilter.ts): L5's fingerprints are HMAC-SHA256, but the output side
// looks up tens of millions of candidate tokens, nearly all absent, and an HMAC each (~0.8 µs)
// would cost more than masking. This hash is two 32-bit murmur3 lanes under a random 64-bit
// per-run key: it only decides whether a token is worth an HMAC. It lives in memory only, in a
// Bloom filter that stores no value, and dies with the process.

/** murmur3's 32-bit finaliser. */
function fmix(h: number): number {
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  return (h ^ (h >>> 16)) >>> 0;
}

/** A per-run keyed 64-bit hash of strings, returned as two 32-bit halves (the prefilter's, not a fingerprint that leaves the process). */
export class FingerprintKey {
  private readonly s1: number;
  private readonly s2: number;
  /** High half of the last fingerprint. */
  hi = 0;
  /** Low half of the last fingerprint. */
  lo = 0;

  constructor(key: Buffer = randomBytes(8)) {
    this.s1 = key.readUInt32BE(0);
    this.s2 = key.readUInt32BE(4);
  }

  /** Fingerprints `s` into `hi` and `lo` (no allocation: this runs per token). */
  hash(s: string): void {
    let h1 = this.s1;
    let h2 = this.s2;
    for (let i = 0; i < s.length; i++) {
      let k = Math.imul(s.charCodeAt(i), 0xcc9e2d51);
      k = Math.imul((k << 15) | (k >>> 17), 0x1b873593);
      h1 ^= k;
      h1 = (Math.imul((h1 << 13) | (h1 >>> 19), 5) + 0xe6546b64) | 0;
      h2 ^= Math.imul(k ^ i, 0x85ebca77);
      h2 = (Math.imul((h2 << 17) | (h2 >>> 15), 9) + 0x52dce729) | 0;
    }
    this.hi = fmix(h1 ^ s.length);
    this.lo = fmix(h2 ^ Math.imul(s.length, 0x9e3779b1) ^ this.hi);
  }
}
