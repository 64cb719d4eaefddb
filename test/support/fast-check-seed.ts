// FC_SEED fixes fast-check's seed (CI sets it, so a red run can be replayed and a green one is not
// luck); without it every run explores new inputs.
import { fc } from '@fast-check/vitest';

const seed = process.env.FC_SEED;
if (seed !== undefined && seed !== '') fc.configureGlobal({ seed: Number(seed) });
