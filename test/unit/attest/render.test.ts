import { describe, expect, it } from 'vitest';
import { buildAttestation } from '../../../src/attest/attestation.js';
import { renderHtml } from '../../../src/attest/render-html.js';
import { renderMarkdown } from '../../../src/attest/render-markdown.js';
import { generateKeyPair, signAttestation, verifyAttestation } from '../../../src/attest/signing.js';
import { refusedReport, sampleReport } from './sample-report.js';

const EXTRAS = { operator: 'o<script>alert(1)</script>', host: 'h"&\'' } as const;

describe('attestation renderings', () => {
  it('HTML: one self-contained page, everything escaped, no script or external resource', () => {
    const html = renderHtml(buildAttestation(sampleReport(), EXTRAS));
    expect(html).toMatch(/^<!DOCTYPE html>/);
    expect(html).not.toMatch(/<script|<link|<img|<iframe|src=|@import|url\(/i);
    expect(html).toContain('o&#60;script&#62;alert(1)&#60;/script&#62;');
    expect(html).toContain('h&#34;&#38;&#39;');
    expect(html).toContain('M/V/X only | &#60;b&#62;not&#60;/b&#62; personal on its own');
    expect(html).toContain('Verified: no real personal data found');
    expect(html).toMatch(/<svg [^>]*role="img"/);
    expect(html).not.toContain('PLANTED-MESSAGE');
  });

  it('HTML: a refused run says Refused and lists the findings with their redacted previews', () => {
    const html = renderHtml(buildAttestation(refusedReport(), EXTRAS));
    expect(html).toContain('Refused: nothing was published');
    expect(html).toContain('*******82');
    expect(html).toContain('none: nothing was published');
    expect(html).not.toContain('Verified');
  });

  it('shows the signature status, and a failed check when the caller checked it', () => {
    const keys = generateKeyPair();
    const signed = signAttestation(buildAttestation(sampleReport(), EXTRAS), keys.privateKeyPem);
    expect(renderHtml(signed)).toContain(`Signed with Ed25519, public key id ${signed.signature!.publicKeyId}`);
    expect(renderMarkdown(signed, verifyAttestation(signed, keys.publicKeyPem))).toContain('Signature verified');
    expect(renderHtml(signed, verifyAttestation(signed, generateKeyPair().publicKeyPem))).toContain('Signature INVALID');
    expect(renderMarkdown(buildAttestation(sampleReport(), EXTRAS))).toContain('Not signed');
  });

  it('Markdown: table cells cannot be broken out of, and the claims are worded with their assumptions', () => {
    const md = renderMarkdown(buildAttestation(sampleReport(), EXTRAS));
    expect(md).toContain('M/V/X only \\| \\<b\\>not\\</b\\> personal on its own');
    expect(md).toContain('o\\<script\\>alert(1)\\</script\\>');
    expect(md).toMatch(/^# maskgate attestation: PASS$/m);
    expect(md).toContain('Pseudonymised for the controller');
    expect(md).toContain('Anonymous for the recipient only under the stated assumptions');
    expect(md).toContain('does not say the data is anonymised');
    // "anonymised" only ever appears negated (dutch-pii.md §5.2: never claimed by the tool).
    for (const line of md.split('\n').filter((l) => /anonymised/i.test(l))) expect(line).toMatch(/\bnot\b/);
  });
});
