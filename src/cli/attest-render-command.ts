import { readFile, writeFile } from 'node:fs/promises';
import { parseAttestationText } from '../attest/attestation-file.js';
import { renderHtml } from '../attest/render-html.js';
import { renderMarkdown } from '../attest/render-markdown.js';
import { ed25519PublicKey, verifyAttestation, type SignatureCheck } from '../attest/signing.js';
import { MaskgateError } from '../errors.js';

/** Output formats of `attest render`. */
export const RENDER_FORMATS = ['md', 'html'] as const;

/** Flags of `maskgate attest render`. */
export interface AttestRenderOptions {
  readonly format: (typeof RENDER_FORMATS)[number];
  readonly out?: string | undefined;
  /** When given, the signature is checked and the rendering says whether it held. */
  readonly publicKey?: string | undefined;
}

/**
 * Renders an attestation file as Markdown or HTML. It renders a damaged or edited file too (a person
 * may need to see what it says), but without a canonical, parseable file it refuses (exit 2).
 */
export async function runAttestRender(attestationPath: string, opts: AttestRenderOptions): Promise<string> {
  const text = await readFile(attestationPath, 'utf8').catch((err: { code?: string }) => {
    throw new MaskgateError('USAGE', `Cannot read the attestation ${attestationPath} (${err.code ?? 'error'}).`, { path: attestationPath });
  });
  const parsed = parseAttestationText(text);
  if (!parsed.ok) throw new MaskgateError('USAGE', `${attestationPath}: ${parsed.reason}.`, { path: attestationPath }, 'Check it with `maskgate attest verify`.');
  let check: SignatureCheck | undefined;
  if (opts.publicKey !== undefined) {
    const keyText = await readFile(opts.publicKey, 'utf8').catch((err: { code?: string }) => {
      throw new MaskgateError('USAGE', `Cannot read the public key ${opts.publicKey} (${err.code ?? 'error'}).`, { path: opts.publicKey! });
    });
    let key;
    try {
      key = ed25519PublicKey(keyText);
    } catch (err) {
      throw new MaskgateError('USAGE', `--public-key ${opts.publicKey} is ${(err as Error).message}.`, { path: opts.publicKey });
    }
    check = verifyAttestation(parsed.attestation, key);
  }
  return opts.format === 'html' ? renderHtml(parsed.attestation, check) : renderMarkdown(parsed.attestation, check);
}

/** `maskgate attest render` CLI wrapper: to stdout, or to --out. */
export async function attestRenderCommand(attestationPath: string, opts: AttestRenderOptions): Promise<number> {
  const rendered = await runAttestRender(attestationPath, opts);
  if (opts.out === undefined) process.stdout.write(rendered);
  else {
    await writeFile(opts.out, rendered).catch((err: { code?: string }) => {
      throw new MaskgateError('IO', `Could not write ${opts.out} (${err.code ?? 'error'}).`, { path: opts.out! });
    });
    process.stderr.write(`Wrote ${opts.out}\n`);
  }
  return 0;
}
