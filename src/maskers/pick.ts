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
 * Draws candidates until one differs from the input. A fake that happens to equal the real value
 * would be reported as a leak by verification, and rightly so: it is the real value.
 */
export function unlike(value: string, draw: () => string): string {
  for (let i = 0; i < 64; i++) {
    const out = draw();
    if (out !== value) return out;
  }
  throw new Error('masker could not produce a value different from its input');
}
