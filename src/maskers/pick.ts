import { compact } from '../keyed/canonicalize.js';
import type { PrfStream } from '../keyed/keyed-prf.js';

/** Picks a list entry uniformly from a PRF stream. */
export function pick<T>(stream: PrfStream, list: readonly T[]): T {
  return list[stream.uniform(list.length)]!;
}

/** Replaces every ASCII digit of `template` with one drawn from the stream. */
export function redrawDigits(stream: PrfStream, template: string, from = 0): string {
  let out = template.slice(0, from);
  for (let i = from; i < template.length; i++) {
    const c = template.charCodeAt(i);
    out += c >= 48 && c <= 57 ? String(stream.uniform(10)) : template[i];
  }
  return out;
}

/**
 * Draws candidates until one differs from the input in its compact, case-free form (§0.2). A fake
 * that equals the real value, even as "AMSTERDAM" for "amsterdam", is the real value, and
 * verification would rightly refuse it.
 */
export function unlike(value: string, draw: () => string): string {
  const original = compact(value);
  for (let i = 0; i < 64; i++) {
    const out = draw();
    if (compact(out) !== original) return out;
  }
  throw new Error('masker could not produce a value different from its input');
}
