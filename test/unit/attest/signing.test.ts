import { createHash, createPublicKey, generateKeyPairSync } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { attestationText, parseAttestationText } from '../../../src/attest/attestation-file.js';
import { buildAttestation, type Attestation } from '../../../src/attest/attestation.js';
import { generateKeyPair, publicKeyId, signAttestation, verifyAttestation } from '../../../src/attest/signing.js';
import { refusedReport, sampleReport } from './sample-report.js';

const EXTRAS = { operator: 'tester', host: 'ci-runner' } as const;
const keys = generateKeyPair();
const signed = signAttestation(buildAttestation(sampleReport(), EXTRAS), keys.privateKeyPem);

/** A deep copy with every object's keys in reverse insertion order. */
function reversed(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(reversed);
  if (v === null || typeof v !== 'object') return v;
  return Object.fromEntries(Object.entries(v).reverse().map(([k, x]) => [k, reversed(x)]));
}

/** What `attest verify` does with a file's text: parse in canonical form, then check the signature. */
function checkText(text: string, publicKeyPem: string): { valid: boolean; reason: string } {
  const parsed = parseAttestationText(text);
  return parsed.ok ? verifyAttestation(parsed.attestation, publicKeyPem) : { valid: false, reason: parsed.reason };
}

describe('Ed25519 attestation signatures', () => {
  it('generates PEM key pairs (PKCS#8 private, SPKI public) and names the public key by its SPKI digest', () => {
    expect(keys.privateKeyPem).toMatch(/^-----BEGIN PRIVATE KEY-----\n/);
    expect(keys.publicKeyPem).toMatch(/^-----BEGIN PUBLIC KEY-----\n/);
    const der = createPublicKey(keys.publicKeyPem).export({ type: 'spki', format: 'der' });
    expect(publicKeyId(keys.publicKeyPem)).toBe(createHash('sha256').update(der).digest('hex').slice(0, 16));
    expect(publicKeyId(keys.privateKeyPem)).toBe(publicKeyId(keys.publicKeyPem));
  });

  it('round-trips: a signed attestation verifies with its public key, also after being written and read back', () => {
    expect(signed.signature).toMatchObject({ alg: 'ed25519', publicKeyId: publicKeyId(keys.publicKeyPem) });
    expect(Buffer.from(signed.signature!.value, 'base64')).toHaveLength(64);
    expect(verifyAttestation(signed, keys.publicKeyPem)).toEqual({ valid: true, reason: `signature valid: signed by key ${publicKeyId(keys.publicKeyPem)}` });
    expect(checkText(attestationText(signed), keys.publicKeyPem).valid).toBe(true);
    // The signature covers the content, not the order the object was built in.
    expect(verifyAttestation(reversed(signed) as Attestation, keys.publicKeyPem).valid).toBe(true);
    const refused = signAttestation(buildAttestation(refusedReport(), EXTRAS), keys.privateKeyPem);
    expect(verifyAttestation(refused, keys.publicKeyPem).valid).toBe(true);
  });

  it('flipping any one character anywhere in the signed attestation file makes it invalid', () => {
    const text = attestationText(signed);
    expect(text.length).toBeGreaterThan(2000);
    const survived: number[] = [];
    for (let i = 0; i < text.length; i++) {
      const flipped = `${text.slice(0, i)}${String.fromCharCode(text.charCodeAt(i) ^ 1)}${text.slice(i + 1)}`;
      if (checkText(flipped, keys.publicKeyPem).valid) survived.push(i);
    }
    expect(survived, 'positions where a flipped character still verified').toEqual([]);
  });

  it('a changed field, a removed field, an added field or a swapped signature is invalid', () => {
    const pub = keys.publicKeyPem;
    expect(verifyAttestation({ ...signed, result: 'FAIL' }, pub)).toMatchObject({ valid: false, reason: expect.stringMatching(/changed after signing/) });
    expect(verifyAttestation({ ...signed, residualRisks: signed.residualRisks.slice(1) }, pub).valid).toBe(false);
    expect(verifyAttestation({ ...signed, extra: 1 } as Attestation, pub).valid).toBe(false);
    const other = signAttestation(buildAttestation(refusedReport(), EXTRAS), keys.privateKeyPem);
    expect(verifyAttestation({ ...signed, signature: other.signature }, pub).valid).toBe(false);
    expect(verifyAttestation({ ...signed, signature: null }, pub)).toEqual({ valid: false, reason: 'the attestation is not signed' });
    expect(verifyAttestation({ ...signed, signature: { ...signed.signature!, alg: 'rsa' as 'ed25519' } }, pub).valid).toBe(false);
    // The same 64 bytes spelled with junk Node's lenient base64 decoder would skip.
    expect(verifyAttestation({ ...signed, signature: { ...signed.signature!, value: `${signed.signature!.value} ` } }, pub).valid).toBe(false);
  });

  it('a wrong public key is invalid, and a non-Ed25519 key is refused', () => {
    const other = generateKeyPair();
    const r = verifyAttestation(signed, other.publicKeyPem);
    expect(r.valid).toBe(false);
    expect(r.reason).toContain(`not by the given public key ${publicKeyId(other.publicKeyPem)}`);
    // Even with the key id forged to name the other key, the signature itself does not verify.
    const forged = { ...signed, signature: { ...signed.signature!, publicKeyId: publicKeyId(other.publicKeyPem) } };
    expect(verifyAttestation(forged, other.publicKeyPem).reason).toMatch(/changed after signing/);
    const rsa = generateKeyPairSync('rsa', { modulusLength: 1024 });
    expect(() => verifyAttestation(signed, rsa.publicKey.export({ type: 'spki', format: 'pem' }).toString())).toThrow(/rsa key, not Ed25519/);
    expect(() => signAttestation(signed, rsa.privateKey.export({ type: 'pkcs8', format: 'pem' }).toString())).toThrow(/not Ed25519/);
    expect(() => signAttestation(signed, 'not a key')).toThrow(/not a readable PEM private key/);
  });

  it('refuses a file that is valid JSON but not in canonical form', () => {
    const pretty = `${JSON.stringify(signed, null, 2)}\n`;
    expect(checkText(pretty, keys.publicKeyPem)).toMatchObject({ valid: false, reason: expect.stringMatching(/canonical form/) });
    expect(checkText(attestationText(signed).trimEnd(), keys.publicKeyPem).valid).toBe(false);
    expect(checkText('{"attestationVersion":"2"}\n', keys.publicKeyPem).reason).toMatch(/not a version 1/);
    expect(checkText('{"attestationVersion":"1"}\n', keys.publicKeyPem).reason).toMatch(/not a well-formed attestation \(result\)/);
  });
});
