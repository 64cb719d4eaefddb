// The JSONPath subset of the `json` masker: `$`, `.key`, `['key']`, `[*]`, `.*`, `[n]` and `..`
// (recursive descent) before any of those. Filters and slices are left out on purpose: a rule must
// say plainly which members it covers, because every member it does not cover fails the run.

/** What one step selects among a node's children. */
export type PathSelector =
  | { readonly kind: 'key'; readonly key: string }
  | { readonly kind: 'index'; readonly index: number }
  | { readonly kind: 'any' };

/** One step of a path; `deep` steps (after `..`) match at any depth below the previous step. */
export interface PathStep {
  readonly select: PathSelector;
  readonly deep: boolean;
}

/** A parsed path expression. */
export interface JsonPath {
  readonly source: string;
  readonly steps: readonly PathStep[];
}

/** Most steps a path may have; the matcher packs (rule, step) into one number. */
export const MAX_PATH_STEPS = 255;

/** A path that does not parse; the message names the offset, and the path is config, not data. */
export class JsonPathSyntaxError extends Error {}

const NAME = /[^.[\]\s'"*]/;

/**
 * Parses a path such as `$.kinderen[*].bsn` or `$..email`.
 * @throws JsonPathSyntaxError with a message that says what was expected where
 */
export function parseJsonPath(source: string): JsonPath {
  if (source[0] !== '$') throw new JsonPathSyntaxError('a path starts with `$`, e.g. `$.naam`');
  const steps: PathStep[] = [];
  let i = 1;
  const fail = (what: string): never => {
    throw new JsonPathSyntaxError(`expected ${what} at character ${i + 1} of the path`);
  };
  while (i < source.length) {
    let deep = false;
    let select: PathSelector;
    if (source.startsWith('..', i)) {
      deep = true;
      i += 2;
      if (source[i] === '[') select = bracket();
      else select = dotted();
    } else if (source[i] === '.') {
      i++;
      select = dotted();
    } else if (source[i] === '[') {
      select = bracket();
    } else {
      return fail('`.`, `..` or `[`');
    }
    steps.push({ select, deep });
    if (steps.length > MAX_PATH_STEPS) throw new JsonPathSyntaxError(`a path may have at most ${MAX_PATH_STEPS} steps`);
  }
  return { source, steps };

  function dotted(): PathSelector {
    if (source[i] === '*') {
      i++;
      return { kind: 'any' };
    }
    const start = i;
    while (i < source.length && NAME.test(source[i]!)) i++;
    if (i === start) fail('a member name or `*`');
    return { kind: 'key', key: source.slice(start, i) };
  }

  function bracket(): PathSelector {
    i++; // '['
    let select: PathSelector;
    const c = source[i];
    if (c === '*') {
      i++;
      select = { kind: 'any' };
    } else if (c === "'" || c === '"') {
      i++;
      let key = '';
      for (;;) {
        if (i >= source.length) return fail(`a closing ${c}`);
        const d = source[i++]!;
        if (d === c) break;
        if (d === '\\') {
          if (i >= source.length) return fail('an escaped character');
          key += source[i++];
        } else key += d;
      }
      select = { kind: 'key', key };
    } else {
      const start = i;
      while (i < source.length && source[i]! >= '0' && source[i]! <= '9') i++;
      if (i === start) return fail("`*`, an index or a quoted name such as ['naam']");
      const index = Number(source.slice(start, i));
      if (!Number.isSafeInteger(index)) return fail('a smaller index');
      select = { kind: 'index', index };
    }
    if (source[i] !== ']') return fail('`]`');
    i++;
    return select;
  }
}

/** Whether `select` takes the child named `key` (object member) or at `index` (array element). */
export function selects(select: PathSelector, key: string | null, index: number): boolean {
  switch (select.kind) {
    case 'any':
      return true;
    case 'key':
      return key === select.key;
    case 'index':
      return key === null && index === select.index;
  }
}

/** Whether path `a` and `b` are written the same way once parsed (`$.a` and `$['a']`). */
export function samePath(a: JsonPath, b: JsonPath): boolean {
  return a.steps.length === b.steps.length && a.steps.every((s, i) => {
    const t = b.steps[i]!;
    if (s.deep !== t.deep || s.select.kind !== t.select.kind) return false;
    if (s.select.kind === 'key') return s.select.key === (t.select as { key: string }).key;
    if (s.select.kind === 'index') return s.select.index === (t.select as { index: number }).index;
    return true;
  });
}

/**
 * Runs several paths at once as one NFA over the document tree. A state is `rule * 256 + step`:
 * rule `rule` has matched its first `step` steps on the way down to the current node.
 */
export class PathMatcher {
  /** The states of the root node: every rule at step 0. */
  readonly root: readonly number[];

  constructor(private readonly paths: readonly JsonPath[]) {
    this.root = paths.map((_, r) => r * 256);
  }

  /** The states of the child `key` (or element `index` when key is null) of a node in `states`. */
  child(states: readonly number[], key: string | null, index: number): readonly number[] {
    if (states.length === 0) return states;
    let out: number[] | null = null;
    for (const s of states) {
      const rule = s >> 8;
      const pos = s & 255;
      const steps = this.paths[rule]!.steps;
      if (pos === steps.length) continue;
      const step = steps[pos]!;
      if (step.deep) out = add(out, s);
      if (selects(step.select, key, index)) out = add(out, s + 1);
    }
    return out ?? EMPTY;
  }

  /** The lowest-numbered rule that matches the node itself, or -1. */
  matched(states: readonly number[]): number {
    let best = -1;
    for (const s of states) {
      const rule = s >> 8;
      if ((s & 255) === this.paths[rule]!.steps.length && (best === -1 || rule < best)) best = rule;
    }
    return best;
  }
}

const EMPTY: readonly number[] = Object.freeze([]);

function add(list: number[] | null, s: number): number[] {
  if (list === null) return [s];
  if (!list.includes(s)) list.push(s);
  return list;
}
