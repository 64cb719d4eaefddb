// The portable fingerprint file (`maskgate fingerprint`, `run --emit-fingerprints`,
// `verify --fingerprints`): the production side's L5 fingerprints, carried to the test side so that
// a dump can be checked for production values the checker has never seen.
//
// Layout (all integers big-endian):
//   "MGFP" | u8 format version (1) | 3 zero bytes | u32 header length | header (UTF-8 JSON)
//   | body | seal: HMAC-SHA256(K, SEAL_LABEL ‖ everything before it) (32 bytes)
// Body, mode "sorted": `count` records of hi u32, lo u32, tag mask u16, ascending by (hi, lo).
// Body, mode "bloom": the filter's words as u32 (positions as in FingerprintSet's Bloom mode).
// Each fingerprint is the first 64 bits of HMAC-SHA256(K, FINGERPRINT_LABEL ‖ 0 ‖ canon ‖ 0 ‖ 0⁴):
// without K nobody can test a candidate value against it (see docs/fingerprints.md). The seal is
// keyed too: the key id in the header is public, so a plain checksum would let anyone forge a file
// of the right key id that holds nothing, and a check against it would pass every dump.
import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { open, readFile, rename, rm } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { MaskgateError } from '../errors.js';
import { TOOL_VERSION } from '../run/tool-version.js';
import { FingerprintSet, MAX_FINGERPRINT_TAG } from './fingerprint-set.js';
import { LEAK_TYPES, SURNAME_WORD_TAG } from './leak-tokens.js';

/** Type names by tag as the file header counts them. */
const TAG_NAMES: readonly string[] = Object.assign([...LEAK_TYPES], { [SURNAME_WORD_TAG]: 'surname-word' });
import { FINGERPRINT_LABEL } from './source-fingerprints.js';

const MAGIC = Buffer.from('MGFP');
const FORMAT_VERSION = 1;
const RECORD_BYTES = 10;
const SEAL_LABEL = 'maskgate/fingerprint-file-seal/v1\u0000';

function seal(secret: Uint8Array, ...parts: Buffer[]): Buffer {
  const h = createHmac('sha256', secret).update(SEAL_LABEL);
  for (const p of parts) h.update(p);
  return h.digest();
}

/** What a fingerprint file says about itself; no value, only counts and the key id. */
export interface FingerprintFileHeader {
  readonly format: 'maskgate-fingerprints';
  readonly version: 1;
  /** keyId of the secret the fingerprints were made with (dutch-pii.md §0.3); verify needs the same secret. */
  readonly keyId: string;
  readonly fingerprint: 'hmac-sha256/64';
  readonly label: string;
  readonly mode: 'sorted' | 'bloom';
  /** Distinct (fingerprint, type) pairs. */
  readonly count: number;
  /** Pairs per identifier type (sorted mode; in Bloom mode the types present, with null). */
  readonly types: Readonly<Record<string, number | null>>;
  /** Chance that one lookup of a value that was never added answers "present": count / 2^64 when sorted, the filter's rate in Bloom mode. */
  readonly falsePositiveRate: number;
  readonly bloom?: { readonly words: number; readonly k: number };
  readonly createdAt: string;
  readonly tool: string;
  readonly source?: { readonly engine: string; readonly tables: number; readonly rows: number };
}

/** Writes `set` as a fingerprint file, atomically (temporary name, then rename), mode 0600. */
export async function writeFingerprintFile(path: string, set: FingerprintSet, meta: { keyId: string; secret: Uint8Array; source?: FingerprintFileHeader['source'] }): Promise<FingerprintFileHeader> {
  let body: Buffer;
  const types: Record<string, number | null> = {};
  let header: FingerprintFileHeader;
  const base = { format: 'maskgate-fingerprints', version: 1, keyId: meta.keyId, fingerprint: 'hmac-sha256/64', label: FINGERPRINT_LABEL, createdAt: new Date().toISOString(), tool: `maskgate ${TOOL_VERSION}`, ...(meta.source ? { source: meta.source } : {}) } as const;
  if (set.mode === 'exact') {
    const all = new BigUint64Array(countEntries(set));
    let n = 0;
    set.forEachEntry((hi, lo, tags) => {
      all[n++] = (BigInt(hi) << 32n) | BigInt(lo);
      for (let t = 0; t < TAG_NAMES.length; t++) if (tags & (1 << t)) types[TAG_NAMES[t]!] = (types[TAG_NAMES[t]!] ?? 0) + 1;
    });
    all.sort();
    body = Buffer.alloc(all.length * RECORD_BYTES);
    for (let i = 0; i < all.length; i++) {
      const hi = Number(all[i]! >> 32n);
      const lo = Number(all[i]! & 0xffffffffn);
      body.writeUInt32BE(hi, i * RECORD_BYTES);
      body.writeUInt32BE(lo, i * RECORD_BYTES + 4);
      body.writeUInt16BE(set.tagsOf(hi, lo), i * RECORD_BYTES + 8);
    }
    header = { ...base, mode: 'sorted', count: set.size, types, falsePositiveRate: set.size / 2 ** 64 };
  } else {
    const st = set.bloomState();
    body = Buffer.alloc(st.bits.length * 4);
    for (let i = 0; i < st.bits.length; i++) body.writeUInt32BE(st.bits[i]!, i * 4);
    for (let t = 0; t < TAG_NAMES.length; t++) if (st.tags & (1 << t)) types[TAG_NAMES[t]!] = null;
    header = { ...base, mode: 'bloom', count: st.pairs, types, falsePositiveRate: set.falsePositiveRate, bloom: { words: st.bits.length, k: st.k } };
  }
  const json = Buffer.from(JSON.stringify(header), 'utf8');
  const pre = Buffer.alloc(12);
  MAGIC.copy(pre, 0);
  pre.writeUInt8(FORMAT_VERSION, 4);
  pre.writeUInt32BE(json.length, 8);
  const hash = seal(meta.secret, pre, json, body);
  const tmp = join(dirname(path), `.${basename(path)}.${randomBytes(4).toString('hex')}.tmp`);
  const fh = await open(tmp, 'wx', 0o600);
  try {
    for (const part of [pre, json, body, hash]) await fh.write(part);
    await fh.sync();
    await fh.close();
    await rename(tmp, path);
  } catch (err) {
    await fh.close().catch(() => undefined);
    await rm(tmp, { force: true });
    throw err;
  }
  return header;
}

function countEntries(set: FingerprintSet): number {
  let n = 0;
  set.forEachEntry(() => n++);
  return n;
}

function invalid(path: string, why: string): MaskgateError {
  return new MaskgateError('USAGE', `${path} is not a usable maskgate fingerprint file: ${why}.`, { path }, 'Create it with `maskgate fingerprint` or `maskgate run --emit-fingerprints`.');
}

/**
 * Reads a fingerprint file into a set, checking its integrity (sha256) and that it was made with
 * the same secret (`keyId`): fingerprints of another key match nothing, and a check that silently
 * matches nothing would pass every dump.
 */
export async function readFingerprintFile(path: string, keyId: string, secret: Uint8Array): Promise<{ set: FingerprintSet; header: FingerprintFileHeader }> {
  const buf = await readFile(path).catch((err: NodeJS.ErrnoException) => {
    throw new MaskgateError('USAGE', `Cannot read the fingerprint file ${path} (${err.code ?? 'error'}).`, { path });
  });
  if (buf.length < 12 + 32 || !buf.subarray(0, 4).equals(MAGIC)) throw invalid(path, 'it does not start with the MGFP magic bytes');
  if (buf.readUInt8(4) !== FORMAT_VERSION) throw invalid(path, `format version ${buf.readUInt8(4)} is not supported (this maskgate reads version ${FORMAT_VERSION})`);
  const end = buf.length - 32;
  const hlen = buf.readUInt32BE(8);
  if (12 + hlen > end) throw invalid(path, 'its header length is out of range');
  let header: FingerprintFileHeader;
  try {
    header = JSON.parse(buf.subarray(12, 12 + hlen).toString('utf8')) as FingerprintFileHeader;
  } catch {
    throw invalid(path, 'its header is not JSON');
  }
  if (header.format !== 'maskgate-fingerprints' || header.label !== FINGERPRINT_LABEL) throw invalid(path, 'its header names another format or fingerprint label');
  if (header.keyId !== keyId) {
    throw new MaskgateError('USAGE', `The fingerprint file ${path} was made with key ${header.keyId}, but MASKGATE_SECRET is key ${keyId}: its fingerprints would match nothing.`, { path }, 'Set MASKGATE_SECRET to the secret the production side used.');
  }
  if (!timingSafeEqual(seal(secret, buf.subarray(0, end)), buf.subarray(end))) throw invalid(path, 'its seal does not match: it was truncated or altered, or not written by maskgate with this secret');
  if (!(header.count > 0)) throw invalid(path, 'it holds no fingerprint, so an exact match against it would check nothing');
  const body = buf.subarray(12 + hlen, end);
  if (header.mode === 'sorted') {
    if (body.length % RECORD_BYTES !== 0) throw invalid(path, 'its body length does not fit its records');
    const records = body.length / RECORD_BYTES;
    // Room for the table the set sizes itself to (≤ 70% full, a power of two, 10 bytes a slot) and its doubling headroom.
    const set = new FingerprintSet({ budgetBytes: Math.max(1 << 20, records * 64), expected: records });
    for (let i = 0; i < records; i++) {
      const hi = body.readUInt32BE(i * RECORD_BYTES);
      const lo = body.readUInt32BE(i * RECORD_BYTES + 4);
      const tags = body.readUInt16BE(i * RECORD_BYTES + 8);
      for (let t = 0; t <= MAX_FINGERPRINT_TAG; t++) if (tags & (1 << t)) set.add(hi, lo, t);
    }
    return { set, header };
  }
  if (header.mode === 'bloom' && header.bloom && body.length === header.bloom.words * 4) {
    const bits = new Uint32Array(header.bloom.words);
    for (let i = 0; i < bits.length; i++) bits[i] = body.readUInt32BE(i * 4);
    let tags = 0;
    for (const type of Object.keys(header.types)) {
      const t = TAG_NAMES.indexOf(type);
      if (t >= 0) tags |= 1 << t;
    }
    return { set: FingerprintSet.fromBloom({ bits, k: header.bloom.k, pairs: header.count, tags }), header };
  }
  throw invalid(path, 'its mode or body is not one this maskgate reads');
}
