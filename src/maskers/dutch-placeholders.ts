import type { MaskerDefinition } from './masker.js';

/** Placeholder Dutch maskers (issue 3 makes them real). Filled in below. */
export const dutchMaskers: readonly MaskerDefinition[] = [];
