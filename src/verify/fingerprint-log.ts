import { closeSync, openSync, readSync } from 'node:fs';
import { compact } from '../keyed/canonicalize.js';
import type { KeyedPrf } from '../keyed/keyed-prf.js';

/** PRF label of leak fingerprints; distinct from every masker label. */
const LABEL = 'maskgate/leak-fingerprint/v1';

/**
 * The canonical form compared by leak checks: compact and uppercase (dutch-pii.md §0.2), so a
 * masker that only re-formats or re-cases its input is still caught.
 */
export function leakCanonical(value: string): string {
  return compact(value);
}

/** Keyed 64-bit fingerprint of a value, as two uint32 halves; [0, 0] means "nothing to compare". */
export function leakFingerprint(prf: KeyedPrf, value: string | null): [number, number] {
  if (value === null) return [0, 0];
  const c = leakCanonical(value);
  return c === '' ? [0, 0] : prf.fingerprint(LABEL, c);
}

/**
 * Append-only buffer of fingerprints of source cells, in output order. Written next to the
 * staged dump while masking, and read back in lockstep by verification, so memory stays flat
 * whatever the table size, and no raw value is ever stored.
 */
export class FingerprintBatch {
  private buf = Buffer.alloc(64 * 1024);
  private n = 0;

  add(fp: [number, number]): void {
    if (this.n + 8 > this.buf.length) {
      const bigger = Buffer.alloc(this.buf.length * 2);
      this.buf.copy(bigger, 0, 0, this.n);
      this.buf = bigger;
    }
    this.buf.writeUInt32BE(fp[0], this.n);
    this.buf.writeUInt32BE(fp[1], this.n + 4);
    this.n += 8;
  }

  /** Takes the bytes written since the last take. */
  take(): Buffer {
    const out = Buffer.from(this.buf.subarray(0, this.n));
    this.n = 0;
    return out;
  }
}

/** Sequential reader of a fingerprint log. */
export class FingerprintReader {
  private readonly fd: number;
  private readonly buf = Buffer.alloc(1 << 20);
  private len = 0;
  private pos = 0;

  constructor(path: string) {
    this.fd = openSync(path, 'r');
  }

  /** The next fingerprint, or null at the end of the log. */
  next(): [number, number] | null {
    if (this.pos + 8 > this.len) {
      const keep = this.len - this.pos;
      this.buf.copy(this.buf, 0, this.pos, this.len);
      this.len = keep + readSync(this.fd, this.buf, keep, this.buf.length - keep, null);
      this.pos = 0;
      if (this.len < 8) return null;
    }
    const fp: [number, number] = [this.buf.readUInt32BE(this.pos), this.buf.readUInt32BE(this.pos + 4)];
    this.pos += 8;
    return fp;
  }

  close(): void {
    closeSync(this.fd);
  }
}
