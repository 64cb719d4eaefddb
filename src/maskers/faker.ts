// The escape hatch to @faker-js/faker for values that no Dutch masker covers (company names, job
// titles, colours…). Unlike every other masker its output is NOT stable across faker versions:
// faker decides how it turns random numbers into values, and an upgrade may change that. The keyed
// PRF supplies every random number, so for one faker version the same input and key always give
// the same output, in every table.
import { createRequire } from 'node:module';
import type { Faker, Randomizer } from '@faker-js/faker';
import { z } from 'zod';
import { didYouMean } from '../config/did-you-mean.js';
import { MaskgateError } from '../errors.js';
import type { KeyedPrf } from '../keyed/keyed-prf.js';
import { normalize } from '../keyed/canonicalize.js';
import { defineMasker } from './masker.js';
import { maxLengthOf } from '../db/table-info.js';

// Modules that are infrastructure or need arguments for everything, not value generators.
const EXCLUDED_MODULES = new Set(['fakerCore', 'rawDefinitions', 'definitions', 'helpers']);
const METHOD = /^([a-z][A-Za-z]*)\.([a-z][A-Za-z0-9]*)$/;
const NUMBER = /^-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?$/;
const INTEGER = /^-?\d+$/;
/** Dates relative to "now" would differ between runs; faker gets a fixed reference date instead. */
const REF_DATE = new Date('2025-01-01T00:00:00Z');

/**
 * Faker's random source, fed from stream(label, canonical input) of the keyed PRF. One instance per
 * column; `reset` before each value. Each number costs two uint32 (53 bits, as faker's own twister).
 */
class PrfRandomizer implements Randomizer {
  private readonly words = new Uint32Array(8);
  private label = '';
  private canon = '';
  private block = 0;
  private index = 8;

  constructor(private readonly prf: KeyedPrf | null) {}

  reset(label: string, canon: string): void {
    this.label = label;
    this.canon = canon;
    this.block = 0;
    this.index = 8;
  }

  // Faker calls `next` detached from the object, so it is a bound arrow function.
  readonly next = (): number => {
    if (this.index === 8) {
      if (this.prf) this.words.set(this.prf.block(this.label, this.canon, this.block++));
      else probeWords(this.words, this.block++);
      this.index = 0;
    }
    const hi = this.words[this.index++]! >>> 5;
    const lo = this.words[this.index++]! >>> 6;
    return (hi * 67108864 + lo) / 9007199254740992;
  };

  /** Faker's own seeding is not used: determinism comes from `reset`. */
  seed(): void {}
}

/**
 * Unkeyed stand-in numbers for config-time probing (no key exists then). Varied, so that faker
 * methods which redraw until two values differ terminate.
 */
function probeWords(words: Uint32Array, block: number): void {
  let x = (block + 1) * 0x9e3779b9;
  for (let i = 0; i < 8; i++) {
    x = Math.imul(x ^ (x >>> 15), 0x2c1b3c6d);
    x = Math.imul(x ^ (x >>> 12), 0x297a2d39);
    words[i] = (x ^ (x >>> 15)) >>> 0;
  }
}

type FakerLib = typeof import('@faker-js/faker');
let fakerLib: FakerLib | null = null;

/**
 * faker and its locale data cost ~36 MB of memory, so it is loaded on first use, by a rules file
 * that names it, not by every run (require of an ES module is synchronous on Node ≥ 20.19).
 */
function lib(): FakerLib {
  fakerLib ??= createRequire(import.meta.url)('@faker-js/faker') as FakerLib;
  return fakerLib;
}

/** A Faker with the Dutch locale (falling back to English, then base) on the given random source. */
function dutchFaker(randomizer: Randomizer): Faker {
  const { Faker, nl, en, base } = lib();
  const faker = new Faker({ locale: [nl, en, base], randomizer });
  faker.setDefaultRefDate(REF_DATE);
  return faker;
}

type Generator = (options?: unknown) => unknown;

/** The bound generator for `module.method`, or a reason why there is none. */
function resolve(faker: Faker, method: string): Generator | string {
  const m = METHOD.exec(method);
  const modules = Object.keys(faker).filter((k) => !k.startsWith('_') && !EXCLUDED_MODULES.has(k) && isObject((faker as unknown as Record<string, unknown>)[k]));
  if (!m) {
    return 'expected `<module>.<method>`, e.g. `company.name`';
  }
  const [, modName, fnName] = m as unknown as [string, string, string];
  const mod = modules.includes(modName) ? ((faker as unknown as Record<string, unknown>)[modName] as Record<string, unknown>) : undefined;
  if (!mod) {
    const guess = didYouMean(modName, modules);
    return `faker has no module "${modName}"${guess ? ` (did you mean "${guess}"?)` : ''}`;
  }
  const methods = methodNames(mod);
  if (!methods.includes(fnName)) {
    const guess = didYouMean(fnName, methods);
    return `faker's ${modName} module has no method "${fnName}"${guess ? ` (did you mean "${modName}.${guess}"?)` : ''}`;
  }
  return (mod[fnName] as Generator).bind(mod);
}

function methodNames(mod: Record<string, unknown>): string[] {
  const names = new Set<string>();
  for (let o: object | null = mod; o && o !== Object.prototype; o = Object.getPrototypeOf(o) as object | null) {
    for (const k of Object.getOwnPropertyNames(o)) {
      if (k !== 'constructor' && !k.startsWith('_') && typeof mod[k] === 'function') names.add(k);
    }
  }
  return [...names];
}

function isObject(v: unknown): v is object {
  return typeof v === 'object' && v !== null;
}

/** Calls the generator and returns its value as text, or null when it is not a string or number. */
function call(gen: Generator, options: Record<string, unknown> | undefined): string | null {
  const v = options === undefined ? gen() : gen(options);
  if (typeof v === 'string') return v;
  if (typeof v === 'number' && Number.isFinite(v)) return String(v);
  return null;
}

// One validation instance: config checks run a method on a fixed, unkeyed random source.
const probeRandom = new PrfRandomizer(null);
let probe: Faker | null = null;
const probeFaker = (): Faker => (probe ??= dutchFaker(probeRandom));

/**
 * Replaces a value with the output of a @faker-js/faker method (locale nl), with every random
 * number drawn from the keyed PRF on the value and the method name.
 */
export const faker = defineMasker({
  name: 'faker',
  // An escape hatch that can write anything faker makes, real-looking numbers and names included.
  coincidesWith: () => ['bsn', 'iban', 'plate', 'email', 'phone', 'name'],
  summary: 'Value from a @faker-js/faker method, locale nl, keyed on the value (not stable across faker versions): { mask: faker, method: company.name }.',
  params: z
    .object({
      method: z.string(),
      /** Passed to the method as its one argument, e.g. `{ min: 1, max: 9 }` for number.int. */
      options: z.record(z.string(), z.unknown()).optional(),
    })
    .strict()
    .superRefine((p, ctx) => {
      const gen = resolve(probeFaker(), p.method);
      if (typeof gen === 'string') {
        ctx.addIssue({ code: 'custom', message: gen, path: ['method'] });
        return;
      }
      const at = p.options === undefined ? 'method' : 'options';
      try {
        probeRandom.reset('', '');
        const first = call(gen, p.options);
        probeRandom.reset('', '');
        const second = call(gen, p.options);
        if (first === null) {
          ctx.addIssue({ code: 'custom', message: `faker's ${p.method} does not return a string or number`, path: ['method'] });
        } else if (first !== second) {
          ctx.addIssue({ code: 'custom', message: `faker's ${p.method} does not depend on its random numbers alone, so its output would not be deterministic`, path: ['method'] });
        }
      } catch {
        // faker's messages may echo options back; the options are config, but keep the rule simple.
        ctx.addIssue({ code: 'custom', message: `faker's ${p.method} fails when called ${p.options === undefined ? 'without arguments' : 'with these options'}`, path: [at] });
      }
    }),
  columnKinds: ['text', 'integer', 'numeric'],
  preservesUniqueness: false,
  // Outputs are keyed on the value, and many faker methods draw from short lists (a few hundred
  // company-name parts, 12 months), so a fake can coincide with its real input. Forcing a
  // difference would make small domains a fixed permutation of themselves, which is worse.
  outputMayEqualInput: true,
  create: (params, ctx) => {
    const random = new PrfRandomizer(ctx.prf);
    const gen = resolve(dutchFaker(random), params.method);
    if (typeof gen === 'string') throw new Error(`faker masker got an unvalidated method: ${gen}`);
    const label = `maskgate/faker/${params.method}/v1`;
    const kind = ctx.column.kind;
    const limit = maxLengthOf(ctx.column);
    const fail = (what: string): never => {
      throw new MaskgateError('MASKER_FAILED', `faker's ${params.method} gave ${what} for ${kind} column ${ctx.column.name}.`, { masker: 'faker', method: params.method },
        kind === 'text' ? undefined : 'use a faker method that returns numbers (e.g. number.int) for numeric columns');
    };
    return (value) => {
      random.reset(label, normalize(value));
      const out = call(gen, params.options);
      if (out === null) return fail('a value that is not a string or number');
      if (kind === 'integer' && !INTEGER.test(out)) return fail('a value that is not an integer');
      if (kind === 'numeric' && !NUMBER.test(out)) return fail('a value that is not a number');
      return out.length > limit ? [...out].slice(0, limit).join('') : out;
    };
  },
});
