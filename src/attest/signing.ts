// Ed25519 signatures on attestations, with node:crypto only: no dependency to audit, and Ed25519
// needs no parameters (no hash choice, no padding) that a verifier could get wrong.
import { createHash, createPrivateKey, createPublicKey, generateKeyPairSync, sign, verify, type KeyObject } from 'node:crypto';
import { canonicalJson } from './canonical-json.js';
import type { Attestation } from './attestation.js';

/** A new Ed25519 key pair as PEM text: the private key PKCS#8, the public key SPKI. */
export function generateKeyPair(): { privateKeyPem: string; publicKeyPem: string } {
  const { privateKey, publicKey } = generateKeyPairSync('ed25519');
  return {
    privateKeyPem: privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(),
    publicKeyPem: publicKey.export({ type: 'spki', format: 'pem' }).toString(),
  };
}

/** First 16 hex characters of sha256(SPKI DER): names a public key in the attestation without repeating it. */
export function publicKeyId(key: KeyObject | string): string {
  const pub = typeof key === 'string' ? createPublicKey(key) : key.type === 'private' ? createPublicKey(key) : key;
  return createHash('sha256').update(pub.export({ type: 'spki', format: 'der' })).digest('hex').slice(0, 16);
}

/** Parses a PEM private key and insists on Ed25519; throws a plain Error naming the problem, never the key text. */
export function ed25519PrivateKey(pem: string): KeyObject {
  let key: KeyObject;
  try {
    key = createPrivateKey(pem);
  } catch {
    // OpenSSL's message can quote parts of the input; only the kind of problem is passed on.
    throw new Error('not a readable PEM private key (an encrypted key is not supported)');
  }
  if (key.asymmetricKeyType !== 'ed25519') throw new Error(`a ${key.asymmetricKeyType ?? 'unknown'} key, not Ed25519`);
  return key;
}

/** Parses a PEM public key (or derives it from a private one) and insists on Ed25519. */
export function ed25519PublicKey(pem: string): KeyObject {
  let key: KeyObject;
  try {
    key = createPublicKey(pem);
  } catch {
    throw new Error('not a readable PEM public key');
  }
  if (key.asymmetricKeyType !== 'ed25519') throw new Error(`a ${key.asymmetricKeyType ?? 'unknown'} key, not Ed25519`);
  return key;
}

/** The attestation without its signature field: exactly what the signature covers. */
function signedPart(att: Attestation): Omit<Attestation, 'signature'> {
  const { signature: _signature, ...rest } = att;
  return rest;
}

/** Returns the attestation with `signature` set: Ed25519 over canonicalJson(attestation without `signature`). */
export function signAttestation(att: Attestation, privateKeyPem: string | KeyObject): Attestation {
  const key = typeof privateKeyPem === 'string' ? ed25519PrivateKey(privateKeyPem) : privateKeyPem;
  const value = sign(null, Buffer.from(canonicalJson(signedPart(att)), 'utf8'), key).toString('base64');
  return { ...att, signature: { alg: 'ed25519', publicKeyId: publicKeyId(key), value } };
}

/** Outcome of a signature check; `reason` is one line for a person. */
export interface SignatureCheck {
  readonly valid: boolean;
  readonly reason: string;
}

/** Checks the attestation's signature against a public key: valid only if signed by that key and unchanged since. */
export function verifyAttestation(att: Attestation, publicKeyPem: string | KeyObject): SignatureCheck {
  const key = typeof publicKeyPem === 'string' ? ed25519PublicKey(publicKeyPem) : publicKeyPem;
  const sig = (att as { signature?: unknown }).signature;
  if (sig === null || sig === undefined) return { valid: false, reason: 'the attestation is not signed' };
  const { alg, publicKeyId: id, value } = sig as Partial<AttestationSignatureLike>;
  if (alg !== 'ed25519') return { valid: false, reason: `unsupported signature algorithm ${JSON.stringify(alg)}` };
  const expected = publicKeyId(key);
  if (id !== expected) return { valid: false, reason: `signed by key ${typeof id === 'string' ? id : '(none)'}, not by the given public key ${expected}` };
  if (typeof value !== 'string') return { valid: false, reason: 'the signature value is missing' };
  const bytes = Buffer.from(value, 'base64');
  // Node's base64 decoder skips junk and ignores spare bits; only the one canonical spelling is accepted,
  // so that no edit to the signature text can leave it valid.
  if (bytes.length !== 64 || bytes.toString('base64') !== value) return { valid: false, reason: 'the signature value is not a well-formed Ed25519 signature' };
  let data: Buffer;
  try {
    data = Buffer.from(canonicalJson(signedPart(att)), 'utf8');
  } catch {
    return { valid: false, reason: 'the attestation holds something JSON cannot carry' };
  }
  return verify(null, data, key, bytes)
    ? { valid: true, reason: `signature valid: signed by key ${expected}` }
    : { valid: false, reason: 'the signature does not match the content: the attestation was changed after signing' };
}

interface AttestationSignatureLike {
  alg: unknown;
  publicKeyId: unknown;
  value: unknown;
}
