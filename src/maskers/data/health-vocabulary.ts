/**
 * Neutral Dutch health phrases for per-row sampling of special-category text (dutch-pii.md §5.3).
 * Common, non-identifying complaints only: no rare diagnoses, names, places or numbers, so a
 * sampled value cannot point at a person and cannot trip a detector. Versioned data: changing the
 * list changes which phrase each row gets.
 */
export const HEALTH_PHRASES: readonly string[] = [
  'geen bijzonderheden', 'verkoudheid', 'griep', 'rugklachten', 'hoofdpijn', 'vermoeidheid',
  'hooikoorts', 'buikgriep', 'knieklachten', 'nekklachten', 'schouderklachten', 'migraine',
  'keelontsteking', 'oorontsteking', 'verstuikte enkel', 'kneuzing', 'slaapproblemen',
  'lichte astma', 'eczeem', 'maagklachten', 'spierpijn', 'rsi-klachten', 'voetblessure',
  'herstel na operatie', 'fysiotherapie', 'controle huisarts',
];

/** Default texts of `health { mode: category }`: no condition known, or some condition. */
export const HEALTH_CATEGORIES = { none: 'geen', present: 'aandoening' } as const;

/** Text values that mean "no condition" for `health { mode: category }` (compared lowercase, trimmed). */
export const NO_CONDITION: ReadonlySet<string> = new Set([
  'geen', 'nee', 'n', 'no', 'none', 'nvt', 'n.v.t.', 'n.v.t', '-', '0', 'false', 'f', 'onbekend', 'geen bijzonderheden', 'gb',
]);

/** The default placeholder of `health { mode: placeholder }`. */
export const HEALTH_PLACEHOLDER = '[gezondheidsgegevens verwijderd]';
