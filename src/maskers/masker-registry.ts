import type { MaskerDefinition } from './masker.js';
import { keep } from './keep.js';
import { setNull } from './set-null.js';
import { fixed } from './fixed.js';
import { hash } from './hash.js';
import { text } from './text.js';
import { dutchMaskers } from './dutch-maskers.js';
import { faker } from './faker.js';
import { json } from './json.js';

/** Every masker, in the order `maskgate maskers` lists them. Explicit, so one screen shows all. */
export const MASKERS: readonly MaskerDefinition[] = [keep, setNull, fixed, hash, text, ...dutchMaskers, faker, json];

/** Masker definitions by rules-file name; built once, duplicate names fail at import. */
export const maskerRegistry: ReadonlyMap<string, MaskerDefinition> = buildRegistry(MASKERS);

/** Builds a name → definition map and rejects duplicate names. */
export function buildRegistry(defs: readonly MaskerDefinition[]): ReadonlyMap<string, MaskerDefinition> {
  const map = new Map<string, MaskerDefinition>();
  for (const d of defs) {
    if (map.has(d.name)) throw new Error(`duplicate masker name "${d.name}"`);
    map.set(d.name, d);
  }
  return map;
}
