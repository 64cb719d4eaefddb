// The attestation on disk: the JSON written in its canonical form (so every byte of the file is
// covered by the signature, whitespace included) and the Markdown and HTML renderings next to it.
import { rename, rm, writeFile } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import type { Attestation } from './attestation.js';
import { canonicalJson } from './canonical-json.js';
import { renderHtml } from './render-html.js';
import { renderMarkdown } from './render-markdown.js';

/** The three files of one attestation. */
export interface AttestationPaths {
  readonly json: string;
  readonly markdown: string;
  readonly html: string;
}

/** `x.report.json` → `x.attestation.json` (other report names: `<report>.attestation.json`), with `.md` and `.html` beside it. */
export function attestationPaths(reportPath: string): AttestationPaths {
  const stem = reportPath.endsWith('.report.json') ? reportPath.slice(0, -'.report.json'.length) : reportPath;
  return { json: `${stem}.attestation.json`, markdown: `${stem}.attestation.md`, html: `${stem}.attestation.html` };
}

/** The file's text: canonical JSON and one newline. Only this exact text passes `parseAttestationText`. */
export function attestationText(att: Attestation): string {
  return `${canonicalJson(att)}\n`;
}

/** A parsed attestation, or why the text is not one. */
export type ParsedAttestation = { readonly ok: true; readonly attestation: Attestation } | { readonly ok: false; readonly reason: string };

/**
 * Parses an attestation file. Besides valid JSON it must be in canonical form: a reformatted or
 * hand-edited file is refused even where the edit left the signed content alone, so that a changed
 * byte anywhere in the file is always detected.
 */
export function parseAttestationText(text: string): ParsedAttestation {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return { ok: false, reason: 'the file is not valid JSON: it is damaged or not an attestation' };
  }
  if (!isObject(value) || value.attestationVersion !== '1') return { ok: false, reason: 'the file is not a version 1 maskgate attestation' };
  const problem = shapeProblem(value);
  if (problem) return { ok: false, reason: `the file is not a well-formed attestation (${problem})` };
  let canonical: string;
  try {
    canonical = attestationText(value as unknown as Attestation);
  } catch {
    return { ok: false, reason: 'the file holds values an attestation cannot hold' };
  }
  if (canonical !== text) return { ok: false, reason: 'the file is not in its canonical form: it was edited or reformatted after it was written' };
  return { ok: true, attestation: value as unknown as Attestation };
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** The first field the renderers and checks rely on that is missing or of the wrong type; null when the shape holds. */
function shapeProblem(a: Record<string, unknown>): string | null {
  if (a.result !== 'PASS' && a.result !== 'FAIL') return 'result';
  if (typeof a.exitCode !== 'number' || typeof a.outcome !== 'string') return 'exitCode/outcome';
  for (const field of ['tool', 'run', 'target', 'claims'] as const) if (!isObject(a[field])) return field;
  if (!Array.isArray(a.residualRisks) || !a.residualRisks.every((r) => typeof r === 'string')) return 'residualRisks';
  const claims = a.claims as Record<string, unknown>;
  if (!Array.isArray(claims.assumptions) || !Array.isArray(claims.conditions)) return 'claims';
  for (const field of ['source', 'ruleset', 'key', 'coverage', 'verification', 'signature'] as const) {
    if (a[field] !== null && !isObject(a[field])) return field;
  }
  const v = a.verification;
  if (isObject(v) && (!Array.isArray(v.layers) || !Array.isArray(v.findings) || !isObject(v.findingsCount))) return 'verification';
  const c = a.coverage;
  if (isObject(c) && !Array.isArray(c.perColumn)) return 'coverage';
  const t = a.target as Record<string, unknown>;
  if (t.sha256 !== null && typeof t.sha256 !== 'string') return 'target.sha256';
  return null;
}

/** Writes text under a temporary name and renames it, so a reader never sees half a file. */
async function writeAtomically(path: string, text: string): Promise<void> {
  const tmp = join(dirname(path), `.${basename(path)}.${process.pid}.tmp`);
  try {
    await writeFile(tmp, text, { mode: 0o644 });
    await rename(tmp, path);
  } catch (err) {
    await rm(tmp, { force: true });
    throw err;
  }
}

/** Writes the attestation JSON and its Markdown and HTML renderings. */
export async function writeAttestationFiles(paths: AttestationPaths, att: Attestation): Promise<void> {
  await writeAtomically(paths.json, attestationText(att));
  await writeAtomically(paths.markdown, renderMarkdown(att));
  await writeAtomically(paths.html, renderHtml(att));
}
