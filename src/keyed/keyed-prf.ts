import { createHash, createHmac } from 'node:crypto';

// HMAC-SHA256 in plain JS. node:crypto costs ~6 µs per createHmac() call, almost all of it object
// setup and the JS/C++ crossing; masking needs one PRF call per cell, so that overhead decides the
// throughput. With the ipad/opad states precomputed once per key, a short message costs two
// compressions (~1 µs). Output is bit-identical to node:crypto (property-tested).

// Int32Array throughout: values ≥ 2^31 read from a Uint32Array become heap doubles and slow V8 down.
const K = new Int32Array([
  0x428a2f98, 0x71374491, 0xb5c0fbcf, 0xe9b5dba5, 0x3956c25b, 0x59f111f1, 0x923f82a4, 0xab1c5ed5,
  0xd807aa98, 0x12835b01, 0x243185be, 0x550c7dc3, 0x72be5d74, 0x80deb1fe, 0x9bdc06a7, 0xc19bf174,
  0xe49b69c1, 0xefbe4786, 0x0fc19dc6, 0x240ca1cc, 0x2de92c6f, 0x4a7484aa, 0x5cb0a9dc, 0x76f988da,
  0x983e5152, 0xa831c66d, 0xb00327c8, 0xbf597fc7, 0xc6e00bf3, 0xd5a79147, 0x06ca6351, 0x14292967,
  0x27b70a85, 0x2e1b2138, 0x4d2c6dfc, 0x53380d13, 0x650a7354, 0x766a0abb, 0x81c2c92e, 0x92722c85,
  0xa2bfe8a1, 0xa81a664b, 0xc24b8b70, 0xc76c51a3, 0xd192e819, 0xd6990624, 0xf40e3585, 0x106aa070,
  0x19a4c116, 0x1e376c08, 0x2748774c, 0x34b0bcb5, 0x391c0cb3, 0x4ed8aa4a, 0x5b9cca4f, 0x682e6ff3,
  0x748f82ee, 0x78a5636f, 0x84c87814, 0x8cc70208, 0x90befffa, 0xa4506ceb, 0xbef9a3f7, 0xc67178f2,
]);
const IV = new Int32Array([
  0x6a09e667, 0xbb67ae85, 0x3c6ef372, 0xa54ff53a, 0x510e527f, 0x9b05688c, 0x1f83d9ab, 0x5be0cd19,
]);

const W = new Int32Array(64);

/** One SHA-256 compression of the 64 bytes at `buf[off..off+64)` into `state`. */
function compress(state: Int32Array, buf: Uint8Array, off: number): void {
  for (let i = 0; i < 16; i++) {
    const p = off + i * 4;
    W[i] = (buf[p]! << 24) | (buf[p + 1]! << 16) | (buf[p + 2]! << 8) | buf[p + 3]!;
  }
  rounds(state);
}

/** The compression of the block whose 16 big-endian words are already in W[0..16). */
function rounds(state: Int32Array): void {
  for (let i = 16; i < 64; i++) {
    const w15 = W[i - 15]!;
    const w2 = W[i - 2]!;
    const s0 = ((w15 >>> 7) | (w15 << 25)) ^ ((w15 >>> 18) | (w15 << 14)) ^ (w15 >>> 3);
    const s1 = ((w2 >>> 17) | (w2 << 15)) ^ ((w2 >>> 19) | (w2 << 13)) ^ (w2 >>> 10);
    W[i] = (W[i - 16]! + s0 + W[i - 7]! + s1) | 0;
  }
  let a = state[0]!, b = state[1]!, c = state[2]!, d = state[3]!;
  let e = state[4]!, f = state[5]!, g = state[6]!, h = state[7]!;
  for (let i = 0; i < 64; i++) {
    const S1 = ((e >>> 6) | (e << 26)) ^ ((e >>> 11) | (e << 21)) ^ ((e >>> 25) | (e << 7));
    const ch = (e & f) ^ (~e & g);
    const t1 = (h + S1 + ch + K[i]! + W[i]!) | 0;
    const S0 = ((a >>> 2) | (a << 30)) ^ ((a >>> 13) | (a << 19)) ^ ((a >>> 22) | (a << 10));
    const maj = (a & b) ^ (a & c) ^ (b & c);
    const t2 = (S0 + maj) | 0;
    h = g; g = f; f = e; e = (d + t1) | 0;
    d = c; c = b; b = a; a = (t1 + t2) | 0;
  }
  state[0] = (state[0]! + a) | 0; state[1] = (state[1]! + b) | 0;
  state[2] = (state[2]! + c) | 0; state[3] = (state[3]! + d) | 0;
  state[4] = (state[4]! + e) | 0; state[5] = (state[5]! + f) | 0;
  state[6] = (state[6]! + g) | 0; state[7] = (state[7]! + h) | 0;
}

const encoder = new TextEncoder();

/**
 * The keyed PRF of dutch-pii.md §0.3: HMAC-SHA256(K, label ‖ 0x00 ‖ canon ‖ 0x00 ‖ uint32be(j)).
 * One instance per run secret. Results are written into a shared buffer that the next call
 * overwrites, so callers consume them immediately (this keeps the per-cell path allocation-free).
 */
export class KeyedPrf {
  /** Identifies the key in reports without revealing it: hex(HMAC(K, "maskgate/key-id/v1"))[0..16]. */
  readonly keyId: string;
  private readonly inner = new Int32Array(8);
  private readonly outer = new Int32Array(8);
  private readonly state = new Int32Array(8);
  private readonly out = new Int32Array(8);
  private msg = new Uint8Array(256);
  /** The last digest, as eight big-endian 32-bit words. */
  readonly digest = new Uint32Array(8);

  constructor(secret: Uint8Array) {
    const key = new Uint8Array(64);
    key.set(secret.length > 64 ? createHash('sha256').update(secret).digest() : secret);
    const pad = new Uint8Array(64);
    for (let i = 0; i < 64; i++) pad[i] = key[i]! ^ 0x36;
    this.inner.set(IV);
    compress(this.inner, pad, 0);
    for (let i = 0; i < 64; i++) pad[i] = key[i]! ^ 0x5c;
    this.outer.set(IV);
    compress(this.outer, pad, 0);
    this.keyId = createHmac('sha256', secret).update('maskgate/key-id/v1').digest('hex').slice(0, 16);
  }

  /** PRF block j for (label, canon); the result is left in `this.digest`. */
  block(label: string, canon: string, j: number): Uint32Array {
    let n = this.put(label, 0);
    this.msg[n++] = 0;
    n = this.put(canon, n);
    this.msg[n++] = 0;
    this.msg[n++] = j >>> 24;
    this.msg[n++] = (j >>> 16) & 0xff;
    this.msg[n++] = (j >>> 8) & 0xff;
    this.msg[n++] = j & 0xff;
    return this.finish(n);
  }

  /**
   * Block 0 of (label, canon) with the label's bytes encoded once by `labelBytes()`: the verifier
   * computes one per candidate token, millions per dump, and re-encoding the label each time showed.
   */
  blockWithLabel(label: Uint8Array, canon: string): Uint32Array {
    this.ensure(label.length + canon.length * 3 + 80);
    this.msg.set(label, 0);
    let n = this.put(canon, label.length);
    this.msg[n++] = 0;
    this.msg[n++] = 0;
    this.msg[n++] = 0;
    this.msg[n++] = 0;
    this.msg[n++] = 0;
    return this.finish(n);
  }

  /** `label ‖ 0x00` as bytes, for blockWithLabel(). */
  static labelBytes(label: string): Uint8Array {
    const b = encoder.encode(label);
    const out = new Uint8Array(b.length + 1);
    out.set(b);
    return out;
  }

  /** A reader of successive uint32 values from stream(label, canon). */
  stream(label: string, canon: string): PrfStream {
    return new PrfStream(this, label, canon);
  }

  private ensure(size: number): void {
    if (this.msg.length < size) {
      const bigger = new Uint8Array(Math.max(size, this.msg.length * 2));
      bigger.set(this.msg);
      this.msg = bigger;
    }
  }

  /** Writes `s` as UTF-8 at offset n and returns the new end. */
  private put(s: string, n: number): number {
    this.ensure(n + s.length * 3 + 80);
    const m = this.msg;
    for (let i = 0; i < s.length; i++) {
      const c = s.charCodeAt(i);
      if (c >= 0x80) return n + encoder.encodeInto(s.slice(i), m.subarray(n)).written;
      m[n++] = c;
    }
    return n;
  }

  private finish(length: number): Uint32Array {
    const m = this.msg;
    const st = this.state;
    st.set(this.inner);
    // Message after the 64-byte ipad block: pad per FIPS 180-4 with total length 64 + length.
    const full = length - (length % 64);
    for (let off = 0; off < full; off += 64) compress(st, m, off);
    const rem = length - full;
    const tail = m.subarray(full);
    tail[rem] = 0x80;
    const end = rem + 1;
    const blocks = end + 8 > 64 ? 128 : 64;
    tail.fill(0, end, blocks - 4);
    const bits = (64 + length) * 8;
    tail[blocks - 4] = bits >>> 24;
    tail[blocks - 3] = (bits >>> 16) & 0xff;
    tail[blocks - 2] = (bits >>> 8) & 0xff;
    tail[blocks - 1] = bits & 0xff;
    compress(st, tail, 0);
    if (blocks === 128) compress(st, tail, 64);
    // The outer message is the inner digest plus fixed padding: written as words straight into the
    // schedule, with no byte round trip.
    for (let i = 0; i < 8; i++) W[i] = st[i]!;
    W[8] = 0x80000000 | 0;
    W.fill(0, 9, 15);
    W[15] = (64 + 32) * 8;
    const o = this.out;
    o.set(this.outer);
    rounds(o);
    const d = this.digest;
    for (let i = 0; i < 8; i++) d[i] = o[i]! >>> 0;
    return d;
  }
}

/**
 * Successive big-endian uint32 values of stream(label, canon) = PRF(j=0) ‖ PRF(j=1) ‖ … A hot
 * masker keeps one instance per label and calls `reset(canon)` per value, so it allocates nothing.
 */
export class PrfStream {
  private j = 0;
  private readonly words = new Uint32Array(8);
  private pos = 8;

  constructor(
    private readonly prf: KeyedPrf,
    private readonly label: string,
    private canon: string,
  ) {}

  /** Restarts at block 0 of stream(label, canon). */
  reset(canon: string): this {
    this.canon = canon;
    this.j = 0;
    this.pos = 8;
    return this;
  }

  /** The next uint32 of the stream. */
  nextUint32(): number {
    if (this.pos === 8) {
      this.words.set(this.prf.block(this.label, this.canon, this.j++));
      this.pos = 0;
    }
    return this.words[this.pos++]!;
  }

  /** An unbiased integer in [0, n) by rejection sampling (dutch-pii.md §0.3); n ≤ 2^32. */
  uniform(n: number): number {
    const limit = Math.floor(0x1_0000_0000 / n) * n;
    for (;;) {
      const u = this.nextUint32();
      // Same value as u % n, but V8 compiles `%` on numbers above 2^31 to a slow fmod call.
      if (u < limit) return u - Math.floor(u / n) * n;
    }
  }
}
