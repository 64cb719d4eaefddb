// E-mail addresses (dutch-pii.md §4.3). The verifier's L6 rule flags every address outside the
// reserved domains; the e-mail masker only ever writes reserved domains, checked by the same function.
import type { DetectorMatch } from './detector.js';

// §4.3 pragmatic RFC 5322 dot-atom: local ≤ 64, whole ≤ 254, labelled domain with a TLD of ≥ 2 letters.
const EMAIL = /^(?=.{3,254}$)(?=[^@]{1,64}@)[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+(?:\.[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+)*@(?:[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?\.)+[A-Za-z]{2,63}$/;
const EMAIL_TEXT = /(?<![A-Za-z0-9!#$%&'*+/=?^_`{|}~.-])[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+(?:\.[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+)*@(?:[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?\.)+[A-Za-z]{2,63}(?![A-Za-z0-9-]|\.[A-Za-z0-9])/g;
// RFC 2606 second-level names (and names under them), and RFC 6761 TLDs with at least one label.
const RESERVED = /^(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)*(?:example\.(?:com|net|org)|(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)(?:test|example|invalid))$/i;

/** The reserved domains as a sentence, for option errors and docs. */
export const RESERVED_EMAIL_DOMAINS_TEXT = 'example.com, example.org, example.net (or a name under them), or a name under .test, .example or .invalid (RFC 2606 / RFC 6761)';

/** Whether a cell is an e-mail address by the §4.3 rule (surrounding whitespace ignored). */
export function isValidEmail(value: string): boolean {
  return EMAIL.test(value.trim());
}

/** Whether a domain (or the domain of an address) can never deliver mail to a real person (§4.3). */
export function isReservedEmailDomain(domainOrAddress: string): boolean {
  const at = domainOrAddress.lastIndexOf('@');
  const d = (at >= 0 ? domainOrAddress.slice(at + 1) : domainOrAddress).trim().replace(/\.$/, '');
  return d.length <= 253 && RESERVED.test(d);
}

/** An address found in text; those outside the reserved domains are the verifier's L6 findings. */
export interface EmailMatch extends DetectorMatch {
  readonly reservedDomain: boolean;
}

/** E-mail addresses in free text; the syntax is unambiguous, so every match is high confidence. */
export function findEmails(text: string): EmailMatch[] {
  if (!text.includes('@')) return [];
  const out: EmailMatch[] = [];
  for (const m of text.matchAll(EMAIL_TEXT)) {
    const t = m[0];
    if (!EMAIL.test(t)) continue;
    out.push({ start: m.index, end: m.index + t.length, text: t, confidence: 'high', reservedDomain: isReservedEmailDomain(t) });
  }
  return out;
}
