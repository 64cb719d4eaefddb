// Masks JSON documents path by path. The document is scanned once and copied verbatim except for
// the leaves a rule covers, so key order, whitespace (jsonb's `", "` / `": "` output style or the
// json type's original text) and number spelling survive, and no JSON.parse round trip reorders
// integer-like keys or rounds big numbers.
//
// NOTE on imports: this module reads the registry at validation and create time only. The registry
// imports this module too, so nothing here may touch `maskerRegistry` while modules load.
import { z } from 'zod';
import { didYouMean } from '../config/did-you-mean.js';
import type { ColumnKind } from '../db/table-info.js';
import { MaskgateError } from '../errors.js';
import { JsonPathSyntaxError, parseJsonPath, PathMatcher, samePath, type JsonPath } from './json-path.js';
import { defineMasker, type MaskerContext, type MaskerDefinition, type MaskFn, type RowContext } from './masker.js';
import { maskerRegistry } from './masker-registry.js';

/** One validated path rule: the path, the masker name and its options after that masker's schema. */
export interface JsonPathRule {
  readonly path: JsonPath;
  readonly masker: string;
  readonly params: unknown;
}

/**
 * A MaskerContext that can also say whether a masker is used on a unique column anywhere in the
 * run. plan-run does not provide it yet; without it nested maskers run without a unique pool.
 */
interface CompositeMaskerContext extends MaskerContext {
  uniqueFor?(masker: string): boolean;
}

const MAX_DEPTH = 1000;
const NUMBER = /^-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?$/;
const INTEGER = /^-?\d+$/;
const SAFE_KEY = /^[A-Za-z_][A-Za-z0-9_-]{0,63}$/;
const LEAF_KINDS: readonly ColumnKind[] = ['text', 'integer', 'numeric'];

/** The `paths` option: validates every path and nested rule, reporting issues at their own keys. */
const pathsSchema = z
  .record(z.string(), z.unknown())
  .transform((spec, ctx): readonly JsonPathRule[] => {
    const rules: JsonPathRule[] = [];
    const issue = (path: PropertyKey[], message: string): void => {
      ctx.issues.push({ code: 'custom', message, path, input: undefined });
    };
    const entries = Object.entries(spec);
    if (entries.length === 0) issue([], 'give at least one path rule, e.g. `"$.naam": first_name`');
    for (const [source, rule] of entries) {
      let path: JsonPath;
      try {
        path = parseJsonPath(source);
      } catch (e) {
        if (!(e instanceof JsonPathSyntaxError)) throw e;
        issue([source], `invalid path: ${e.message}`);
        continue;
      }
      const twin = rules.find((r) => samePath(r.path, path));
      if (twin) {
        issue([source], `this path selects the same members as "${twin.path.source}"; keep one of them`);
        continue;
      }
      let name: unknown;
      let options: Record<string, unknown> = {};
      if (typeof rule === 'string') name = rule;
      else if (typeof rule === 'object' && rule !== null && !Array.isArray(rule)) ({ mask: name, ...options } = rule as Record<string, unknown>);
      const namePath = typeof rule === 'string' ? [source] : [source, 'mask'];
      if (typeof name !== 'string' || name === '') {
        issue(typeof rule === 'object' && rule !== null && !Array.isArray(rule) ? namePath : [source],
          'expected a masker name, or `{ mask: <masker>, ...options }`');
        continue;
      }
      if (name === 'json') {
        issue(namePath, 'a json path rule cannot use the json masker again; write the nested paths out in full, e.g. `$.a.b`');
        continue;
      }
      const def = maskerRegistry.get(name);
      if (!def) {
        const guess = didYouMean(name, [...maskerRegistry.keys()].filter((n) => n !== 'json'));
        issue(namePath, `unknown masker${quoteName(name)}${guess === undefined ? '' : ` (did you mean "${guess}"?)`}`);
        continue;
      }
      if (def.columnKinds !== 'any' && !def.columnKinds.some((k) => LEAF_KINDS.includes(k))) {
        issue(namePath, `masker "${name}" takes ${def.columnKinds.join(', ')} values, and JSON leaves are strings or numbers`);
        continue;
      }
      const parsed = def.params.safeParse(options);
      if (!parsed.success) {
        for (const i of parsed.error.issues) {
          if (i.code === 'unrecognized_keys') {
            const known = optionNames(def);
            for (const key of i.keys) {
              const guess = didYouMean(key, known);
              issue([source, ...i.path, key], `unknown option${quoteName(key)} for masker "${name}"${guess === undefined ? '' : ` (did you mean "${guess}"?)`}; ${known.length > 0 ? `its options: ${known.join(', ')}` : 'it takes no options'}`);
            }
          } else {
            ctx.issues.push({ ...i, path: [source, ...i.path], input: undefined } as never);
          }
        }
        continue;
      }
      rules.push({ path, masker: name, params: parsed.data });
    }
    return rules;
  });

/**
 * Masks json/jsonb documents (or JSON held in text) per JSONPath rule, each rule using any other
 * masker. A string or number leaf that no rule covers fails the run unless `others: keep`.
 */
export const json = defineMasker({
  name: 'json',
  // Nested maskers vouch for the hits of their own type; a BSN in a member no rule masks is a finding.
  writesPattern: (p) => {
    const checks = p.paths.flatMap((r) => {
      const m = maskerRegistry.get(r.masker);
      const type = m?.patternType ?? m?.input;
      return type !== undefined ? [{ type, inRange: m!.generatorRange?.(r.params as never) ?? null }] : [];
    });
    return (type, match) => checks.some((c) => c.type === type && (c.inRange?.(match) ?? true));
  },
  coincidesWith: (p) => [...new Set(p.paths.flatMap((r) => maskerRegistry.get(r.masker)?.coincidesWith?.(r.params as never) ?? []))],
  summary: 'Mask JSON per path with other maskers: { mask: json, paths: { "$.naam": first_name, "$..email": email }, others: fail }.',
  params: z
    .object({
      paths: pathsSchema,
      others: z.enum(['fail', 'keep']).default('fail'),
    })
    .strict(),
  columnKinds: ['json', 'text'],
  preservesUniqueness: false,
  // A document without string or number leaves (`{}`, `[]`, `{"actief": true}`), or one whose only
  // leaves are kept, is rightly its own output, so whole-cell equality cannot be the leak test here.
  // Instead every leaf masked by a masker that must change its input is checked where it is masked.
  outputMayEqualInput: true,
  // Nested maskers may sample per row; a per-value memo would then copy one row's draw to another.
  usesRowContext: true,
  create: (params, ctx) => {
    const rules = params.paths.map((r) => new LiveRule(r, ctx as CompositeMaskerContext));
    const matcher = new PathMatcher(rules.map((r) => r.path));
    const keepOthers = params.others === 'keep';
    // Member names the rules themselves spell out are configuration, so messages may show them.
    const named = new Set(rules.flatMap((r) => r.path.steps.flatMap((st) => (st.select.kind === 'key' ? [st.select.key] : []))));
    return (value, row) => new DocumentMasker(value, row, matcher, rules, keepOthers, named).run();
  },
});

/** A path rule at run time: its masker, built lazily per leaf kind with the column's context. */
class LiveRule {
  readonly path: JsonPath;
  readonly action: 'keep' | 'null' | 'mask';
  /** Whether the nested masker promises never to return its input; then each leaf is checked. */
  readonly leakChecked: boolean;
  private readonly def: MaskerDefinition;
  private readonly fns = new Map<ColumnKind, MaskFn>();

  constructor(
    private readonly rule: JsonPathRule,
    private readonly ctx: CompositeMaskerContext,
  ) {
    const def = maskerRegistry.get(rule.masker);
    if (!def) throw new Error(`json masker got an unvalidated rule for masker ${rule.masker}`);
    this.def = def;
    this.path = rule.path;
    this.action = rule.masker === 'keep' ? 'keep' : rule.masker === 'null' ? 'null' : 'mask';
    this.leakChecked = !def.outputMayEqualInput;
  }

  get masker(): string {
    return this.rule.masker;
  }

  /** The mask function for a leaf of `kind`, or null when the masker cannot take it. */
  fnFor(kind: ColumnKind): MaskFn | null {
    const known = this.fns.get(kind);
    if (known) return known;
    const kinds = this.def.columnKinds;
    if (kinds !== 'any' && !kinds.includes(kind)) return null;
    const ctx = this.ctx;
    const sqlType = kind === 'integer' ? 'bigint' : kind === 'numeric' ? 'numeric' : 'text';
    const fn = this.def.create(this.rule.params as never, {
      prf: ctx.prf,
      table: ctx.table,
      column: { name: `${ctx.column.name}${this.path.source}`, sqlType, kind, nullable: true, unique: false },
      unique: ctx.uniqueFor?.(this.rule.masker) ?? false,
      shared: <T>(key: string, init: () => T): T => ctx.shared(key, init),
    });
    this.fns.set(kind, fn);
    return fn;
  }
}

/** Inside a subtree that a `null` rule replaces as a whole: scanned for syntax only. */
const SKIP = -2;
/** No rule covers the node. */
const NO_RULE = -1;

/**
 * One pass over one document: validates it as JSON, tracks the rule states of every node, and
 * rewrites covered leaves. `out` collects the rewritten text; `copied` marks how far the input has
 * been copied into it.
 */
class DocumentMasker {
  private pos = 0;
  private out = '';
  private copied = 0;
  private readonly trail: (string | number)[] = [];

  constructor(
    private readonly src: string,
    private readonly row: RowContext,
    private readonly matcher: PathMatcher,
    private readonly rules: readonly LiveRule[],
    private readonly keepOthers: boolean,
    private readonly named: ReadonlySet<string>,
  ) {}

  run(): string {
    this.ws();
    const root = this.matcher.root;
    const own = this.matcher.matched(root);
    this.value(root, own, 0);
    this.ws();
    if (this.pos !== this.src.length) this.syntax('the end of the document');
    return this.copied === 0 ? this.src : this.out + this.src.slice(this.copied);
  }

  /** One value; `rule` is the rule in force here (the deepest match), NO_RULE or SKIP. */
  private value(states: readonly number[], rule: number, depth: number): void {
    if (depth > MAX_DEPTH) {
      throw new MaskgateError('MASKER_FAILED', `A JSON value is nested more than ${MAX_DEPTH} levels deep; the json masker refuses it rather than pass it through.`, { masker: 'json' });
    }
    if (rule >= 0 && this.rules[rule]!.action === 'null') {
      const start = this.pos;
      this.value(states, SKIP, depth);
      this.replace(start, 'null');
      return;
    }
    const c = this.src.charCodeAt(this.pos);
    if (c === 0x7b /* { */) this.object(states, rule, depth);
    else if (c === 0x5b /* [ */) this.array(states, rule, depth);
    else if (c === 0x22 /* " */) this.stringLeaf(rule);
    else if (c === 0x2d || (c >= 0x30 && c <= 0x39)) this.numberLeaf(rule);
    else if (this.src.startsWith('true', this.pos)) this.pos += 4;
    else if (this.src.startsWith('false', this.pos)) this.pos += 5;
    else if (this.src.startsWith('null', this.pos)) this.pos += 4;
    else this.syntax('a JSON value');
  }

  private object(states: readonly number[], rule: number, depth: number): void {
    this.pos++;
    this.ws();
    if (this.src.charCodeAt(this.pos) === 0x7d) {
      this.pos++;
      return;
    }
    for (;;) {
      if (this.src.charCodeAt(this.pos) !== 0x22) this.syntax('a member name');
      const key = this.string();
      this.ws();
      if (this.src.charCodeAt(this.pos) !== 0x3a) this.syntax('`:`');
      this.pos++;
      this.ws();
      this.child(states, rule, depth, key, 0);
      this.ws();
      const c = this.src.charCodeAt(this.pos++);
      if (c === 0x7d) return;
      if (c !== 0x2c) this.syntax('`,` or `}`', -1);
      this.ws();
    }
  }

  private array(states: readonly number[], rule: number, depth: number): void {
    this.pos++;
    this.ws();
    if (this.src.charCodeAt(this.pos) === 0x5d) {
      this.pos++;
      return;
    }
    for (let index = 0; ; index++) {
      this.child(states, rule, depth, null, index);
      this.ws();
      const c = this.src.charCodeAt(this.pos++);
      if (c === 0x5d) return;
      if (c !== 0x2c) this.syntax('`,` or `]`', -1);
      this.ws();
    }
  }

  private child(states: readonly number[], rule: number, depth: number, key: string | null, index: number): void {
    // The deepest match wins, so `$.notitie.bsn: bsn` still applies below `$.notitie: keep`.
    const next = rule === SKIP ? states : this.matcher.child(states, key, index);
    const own = rule === SKIP ? NO_RULE : this.matcher.matched(next);
    this.trail.push(key ?? index);
    this.value(next, own >= 0 ? own : rule, depth + 1);
    this.trail.pop();
  }

  private stringLeaf(rule: number): void {
    const start = this.pos;
    const text = this.string();
    if (rule === SKIP) return;
    if (rule === NO_RULE) return this.keepOthers ? undefined : this.uncovered('string');
    const live = this.rules[rule]!;
    // An empty string carries nothing, as an empty cell does (the pipeline keeps those too).
    if (live.action === 'keep' || text === '') return;
    const fn = live.fnFor('text');
    if (!fn) return this.unfit(live, 'string');
    const out = fn(text, this.row);
    if (live.leakChecked && out === text) this.leak(live);
    this.replace(start, out === null ? 'null' : JSON.stringify(out));
  }

  private numberLeaf(rule: number): void {
    const start = this.pos;
    const src = this.src;
    let i = this.pos;
    while (i < src.length && isNumberChar(src.charCodeAt(i))) i++;
    const lexeme = src.slice(start, i);
    if (!NUMBER.test(lexeme)) this.syntax('a JSON number');
    this.pos = i;
    if (rule === SKIP) return;
    if (rule === NO_RULE) return this.keepOthers ? undefined : this.uncovered('number');
    const live = this.rules[rule]!;
    if (live.action === 'keep') return;
    const integer = INTEGER.test(lexeme);
    const fn = live.fnFor(integer ? 'integer' : 'numeric') ?? live.fnFor('text');
    if (!fn) return this.unfit(live, 'number');
    const out = fn(lexeme, this.row);
    if (out === null) return this.replace(start, 'null');
    // Numbers stay numbers when the masker's output is numeric (an integer BSN gives an integer).
    const number = INTEGER.test(out) ? out.replace(/^(-?)0+(?=\d)/, '$1') : out;
    const text = NUMBER.test(number) ? number : JSON.stringify(out);
    if (live.leakChecked && (text === lexeme || out === lexeme)) this.leak(live);
    this.replace(start, text);
  }

  /** Scans a string token at `pos` and returns its decoded value. */
  private string(): string {
    const src = this.src;
    const start = this.pos;
    let i = start + 1;
    let escaped = false;
    for (;;) {
      if (i >= src.length) this.syntax('the end of a string', i - this.pos);
      const c = src.charCodeAt(i);
      if (c === 0x22) break;
      if (c < 0x20) this.syntax('an escaped control character', i - this.pos);
      if (c === 0x5c) {
        escaped = true;
        const e = src.charCodeAt(i + 1);
        if (e === 0x75 /* u */) {
          if (!/^[0-9a-fA-F]{4}$/.test(src.slice(i + 2, i + 6))) this.syntax('four hex digits after \\u', i - this.pos);
          i += 6;
          continue;
        }
        // " \ / b f n r t
        if (e !== 0x22 && e !== 0x5c && e !== 0x2f && e !== 0x62 && e !== 0x66 && e !== 0x6e && e !== 0x72 && e !== 0x74) {
          this.syntax('a valid escape sequence', i - this.pos);
        }
        i += 2;
        continue;
      }
      i++;
    }
    this.pos = i + 1;
    return escaped ? (JSON.parse(src.slice(start, i + 1)) as string) : src.slice(start + 1, i);
  }

  private ws(): void {
    const src = this.src;
    let i = this.pos;
    for (;;) {
      const c = src.charCodeAt(i);
      if (c === 0x20 || c === 0x0a || c === 0x0d || c === 0x09) i++;
      else break;
    }
    this.pos = i;
  }

  /** Replaces the input from `start` to the current position with `text`. */
  private replace(start: number, text: string): void {
    this.out += this.src.slice(this.copied, start) + text;
    this.copied = this.pos;
  }

  /**
   * The current location as a path. A member name is data as far as maskgate knows (a map keyed by
   * surname is not rare), so only names the rules spell out are shown whole; others show at most
   * their first two characters, as findings do.
   */
  private where(): string {
    let s = '$';
    for (const seg of this.trail) {
      if (typeof seg === 'number') s += `[${seg}]`;
      else if (this.named.has(seg) && SAFE_KEY.test(seg)) s += `.${seg}`;
      else s += SAFE_KEY.test(seg) && seg.length > 2 ? `['${seg.slice(0, 2)}…']` : '[…]';
    }
    return s;
  }

  private uncovered(kind: string): never {
    const at = this.where();
    const general = at.replace(/\[\d+\]/g, '[*]');
    throw new MaskgateError(
      'MASKER_FAILED',
      `A JSON document holds a ${kind} at ${at} that no json path rule covers; the json masker fails closed (others: fail).`,
      { masker: 'json', path: at },
      `add a rule for "${general}" under \`paths:\`, or set \`others: keep\` if nothing outside the listed paths is personal data`,
    );
  }

  private unfit(live: LiveRule, kind: string): never {
    const at = this.where();
    throw new MaskgateError('MASKER_FAILED', `The ${live.masker} masker of json path ${live.path.source} cannot mask the ${kind} at ${at}.`,
      { masker: 'json', path: at }, 'use a masker that takes text for this path');
  }

  private leak(live: LiveRule): never {
    const at = this.where();
    throw new MaskgateError('MASKER_FAILED', `The ${live.masker} masker of json path ${live.path.source} returned its input at ${at}.`,
      { masker: 'json', path: at });
  }

  private syntax(expected: string, offset = 0): never {
    throw new MaskgateError(
      'MASKER_FAILED',
      `A value is not valid JSON (expected ${expected} at character ${this.pos + offset + 1}); the json masker refuses it rather than pass it through.`,
      { masker: 'json' },
      'fix the data, or mask the column as free text (e.g. `text`) if it does not always hold JSON',
    );
  }
}

function isNumberChar(c: number): boolean {
  // digits - + . e E
  return (c >= 0x30 && c <= 0x39) || c === 0x2d || c === 0x2b || c === 0x2e || c === 0x65 || c === 0x45;
}

function optionNames(def: MaskerDefinition): string[] {
  const shape: unknown = (def.params as { shape?: unknown }).shape;
  return typeof shape === 'object' && shape !== null ? Object.keys(shape) : [];
}

/** ` "name"` for identifier-like names; anything else could be pasted data, so it is left out. */
function quoteName(name: string): string {
  return /^[\w.-]{1,64}$/.test(name) ? ` "${name}"` : '';
}
