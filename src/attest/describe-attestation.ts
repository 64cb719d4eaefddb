// The sentences the Markdown and HTML renderings share, so both say exactly the same thing about a
// run. The wording follows dutch-pii.md §5.2: keyed masking is pseudonymisation; "anonymous" is only
// ever said together with its assumptions, and "anonymised" is never said at all.
import type { Attestation } from './attestation.js';
import type { SignatureCheck } from './signing.js';

/** The human wording of one attestation. */
export interface AttestationWording {
  readonly tone: 'pass' | 'fail';
  /** The verdict in words, e.g. "Verified: no real personal data found". */
  readonly headline: string;
  readonly summary: string;
  readonly signature: string;
  readonly artefact: string;
  readonly controllerClaim: string;
  readonly recipientClaim: string;
  readonly notClaimed: string;
}

const plural = (n: number, one: string, many = `${one}s`): string => `${n} ${n === 1 ? one : many}`;

/** Words for the verdict, the signature status, the artefact and the claims; `check` is a signature check done by the caller, if any. */
export function describeAttestation(att: Attestation, check?: SignatureCheck): AttestationWording {
  const v = att.verification;
  const errors = v ? v.findingsCount.errors : 0;
  const warnings = v ? v.findingsCount.warnings : 0;
  let headline: string;
  let summary: string;
  // `maskgate verify` checked an artefact it did not make: nothing was masked or published by it.
  if (att.kind === 'verify') {
    headline = att.result === 'PASS' ? 'Verified: no real personal data found' : 'Refused: do not load this artefact';
    summary = att.result === 'PASS'
      ? `A standalone check (maskgate verify) of the artefact below found no personal data that its layers can detect; it did not mask or publish anything itself.${warnings > 0 ? ` ${plural(warnings, 'warning')} did not refuse it and ${warnings === 1 ? 'is' : 'are'} listed below.` : ''}`
      : `A standalone check (maskgate verify) found what looks like real personal data in the artefact below (${plural(v ? v.findingsCount.total : 0, 'finding')}, ${errors} of them listed as refusing).`;
  } else if (att.result === 'PASS') {
    headline = 'Verified: no real personal data found';
    summary = `Every verification layer passed on the output as written to disk, and it was published.${warnings > 0 ? ` ${plural(warnings, 'warning')} did not refuse the run and ${warnings === 1 ? 'is' : 'are'} listed below.` : ''}`;
  } else if (att.outcome === 'refused' || (v && !v.passed)) {
    headline = 'Refused: nothing was published';
    const total = v ? v.findingsCount.total : 0;
    summary = `Verification refused the output: real personal data may have survived masking (${plural(total, 'finding')}, ${errors} of them listed as refusing), so it was deleted before anyone could see it.`;
  } else {
    headline = 'Failed: nothing was published';
    summary = `The run stopped${att.error ? ` with ${att.error.code}` : ''} before its output was verified and published; no output exists.`;
  }

  const s = att.signature;
  let signature: string;
  if (s === null) signature = 'Not signed (no signing key was configured); anyone could have written or changed this file.';
  else if (check) signature = check.valid ? `Signature verified: Ed25519, public key id ${s.publicKeyId}.` : `Signature INVALID: ${check.reason}.`;
  else signature = `Signed with Ed25519, public key id ${s.publicKeyId}; check it with \`maskgate attest verify\` and the public key.`;

  const t = att.target;
  const artefact = t.sha256 !== null
    ? `${t.kind} ${t.path ?? '(no file: loaded into the target database)'}, sha256 ${t.sha256}${t.bytes !== null ? `, ${t.bytes} bytes` : ''}`
    : `none: nothing was published (${t.kind})`;

  const pass = att.result === 'PASS';
  return {
    tone: pass ? 'pass' : 'fail',
    headline,
    summary,
    signature,
    artefact,
    controllerClaim: pass
      ? 'Pseudonymised for the controller: whoever holds the masking secret can confirm a guessed real value by recomputing its fake, so for the controller this data is still personal data (GDPR art. 4(5)).'
      : 'No claim: nothing was published.',
    recipientClaim: pass
      ? 'Anonymous for the recipient only under the stated assumptions below; if any of them does not hold, treat the data as personal data.'
      : 'No claim: nothing was published.',
    notClaimed: 'This attestation does not say the data is anonymised. Condition (a) is outside what maskgate can check, and anonymity depends on what the recipient knows and holds.',
  };
}
