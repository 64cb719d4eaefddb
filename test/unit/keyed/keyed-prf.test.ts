import { createHmac } from 'node:crypto';
import { fc, test } from '@fast-check/vitest';
import { describe, expect } from 'vitest';
import { KeyedPrf } from '../../../src/keyed/keyed-prf.js';

function reference(key: Uint8Array, label: string, canon: string, j: number): string {
  const jb = Buffer.alloc(4);
  jb.writeUInt32BE(j >>> 0);
  return createHmac('sha256', key)
    .update(Buffer.concat([Buffer.from(label), Buffer.from([0]), Buffer.from(canon), Buffer.from([0]), jb]))
    .digest('hex');
}

function hex(words: Uint32Array): string {
  return Array.from(words, (w) => w.toString(16).padStart(8, '0')).join('');
}

describe('KeyedPrf', () => {
  test.prop([fc.uint8Array({ minLength: 1, maxLength: 100 }), fc.string({ maxLength: 40 }), fc.string({ unit: 'grapheme', maxLength: 200 }), fc.nat()])(
    'equals node:crypto HMAC-SHA256 for any key, label, value and block index',
    (key, label, canon, j) => {
      const prf = new KeyedPrf(key);
      expect(hex(prf.block(label, canon, j))).toBe(reference(key, label, canon, j));
    },
  );

  test('is stable across calls that reuse its buffers', () => {
    const prf = new KeyedPrf(Buffer.from('maskgate-test-key'));
    const a = hex(prf.block('l', 'x'.repeat(130), 1));
    prf.block('other', 'é', 0);
    expect(hex(prf.block('l', 'x'.repeat(130), 1))).toBe(a);
  });

  test('keyId follows dutch-pii.md §0.3 and is not the key', () => {
    const key = Buffer.from('maskgate-test-key');
    const prf = new KeyedPrf(key);
    expect(prf.keyId).toBe(createHmac('sha256', key).update('maskgate/key-id/v1').digest('hex').slice(0, 16));
  });

  test('uniform stays in range', () => {
    const s = new KeyedPrf(Buffer.from('k')).stream('l', 'v');
    for (let i = 0; i < 1000; i++) {
      const u = s.uniform(7);
      expect(u).toBeGreaterThanOrEqual(0);
      expect(u).toBeLessThan(7);
    }
  });
});
