import { createCipheriv, createDecipheriv, randomBytes, type Cipher, type Decipher } from 'node:crypto';
import { closeSync, openSync, readSync } from 'node:fs';
import { compact } from '../keyed/canonicalize.js';

// The row-level leak check compares each masked output cell with the source value of the same row.
// It needs equality only, on millions of cells, so it uses a fast 53-bit hash of the canonical form
// (the keyed HMAC costs ~20× more per cell). The hashes never touch the disk in the clear: the log
// is sealed with AES-256-CTR under a random per-run key that lives in memory only.

/** murmur3's 32-bit finaliser. */
function fmix(h: number): number {
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  return h ^ (h >>> 16);
}

/** Hashes the compact form (§0.2: separators and whitespace dropped, upper case) in one pass. */
function hashCompact(s: string, slowPathAllowed: boolean): number {
  let h1 = 0x9747b28c;
  let h2 = 0x2f8b3c1d;
  let n = 0;
  for (let i = 0; i < s.length; i++) {
    let c = s.charCodeAt(i);
    // Non-ASCII needs NFKC and odd-space mapping first; rare enough to take the slow path.
    if (c >= 0x80 && slowPathAllowed) return hashCompact(compact(s), false);
    if (c <= 0x20 || c === 0x2e || c === 0x2d || c === 0x2f) continue;
    if (c >= 0x61 && c <= 0x7a) c -= 32;
    let k = Math.imul(c, 0xcc9e2d51);
    k = Math.imul((k << 15) | (k >>> 17), 0x1b873593);
    h1 ^= k;
    h1 = (Math.imul((h1 << 13) | (h1 >>> 19), 5) + 0xe6546b64) | 0;
    h2 = Math.imul(h2 ^ (c + n), 0x01000193);
    n++;
  }
  if (n === 0) return 0;
  h1 = fmix(h1 ^ n);
  h2 = fmix(h2 ^ Math.imul(n, 0x9e3779b1));
  // 53 bits fit a double exactly; 0 is reserved for "nothing to compare".
  return (h1 >>> 0) * 0x200000 + (h2 >>> 11) || 1;
}

/**
 * Hash of a value's leak-canonical form (compact, upper case), so a masker that only re-formats
 * or re-cases its input is still caught. 0 for NULL and for values with nothing left to compare.
 */
export function leakHash(value: string | null): number {
  return value === null ? 0 : hashCompact(value, true);
}

/** The per-run key that seals the log; held in memory only. */
export interface LogSeal {
  readonly key: Buffer;
  readonly iv: Buffer;
}

/** A fresh random seal for one run. */
export function newLogSeal(): LogSeal {
  return { key: randomBytes(32), iv: randomBytes(16) };
}

/**
 * Append-only batch of source-cell hashes, in output order, sealed as it is taken. Written next to
 * the staged dump while masking and read back in lockstep by verification, so memory stays flat
 * whatever the table size.
 */
export class FingerprintBatch {
  private buf = Buffer.alloc(64 * 1024);
  private n = 0;
  private readonly cipher: Cipher;

  constructor(seal: LogSeal) {
    this.cipher = createCipheriv('aes-256-ctr', seal.key, seal.iv);
  }

  add(hash: number): void {
    if (this.n + 8 > this.buf.length) {
      const bigger = Buffer.alloc(this.buf.length * 2);
      this.buf.copy(bigger, 0, 0, this.n);
      this.buf = bigger;
    }
    this.buf.writeDoubleBE(hash, this.n);
    this.n += 8;
  }

  /** Takes the sealed bytes added since the last take. */
  take(): Buffer {
    const out = this.cipher.update(this.buf.subarray(0, this.n));
    this.n = 0;
    return out;
  }
}

/** Sequential reader of a sealed fingerprint log. */
export class FingerprintReader {
  private readonly fd: number;
  private readonly raw = Buffer.alloc(1 << 20);
  private buf = Buffer.alloc(0);
  private pos = 0;
  private readonly decipher: Decipher;

  constructor(path: string, seal: LogSeal) {
    this.fd = openSync(path, 'r');
    this.decipher = createDecipheriv('aes-256-ctr', seal.key, seal.iv);
  }

  /** The next hash, or null at the end of the log. */
  next(): number | null {
    if (this.pos + 8 > this.buf.length) {
      const read = readSync(this.fd, this.raw, 0, this.raw.length, null);
      const fresh = this.decipher.update(this.raw.subarray(0, read));
      this.buf = Buffer.concat([this.buf.subarray(this.pos), fresh]);
      this.pos = 0;
      if (this.buf.length < 8) return null;
    }
    const h = this.buf.readDoubleBE(this.pos);
    this.pos += 8;
    return h;
  }

  close(): void {
    closeSync(this.fd);
  }
}
