import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import {
  isAlias, isMap, isNode, isPair, isScalar, isSeq, LineCounter, parseDocument, visit, type Document,
} from 'yaml';
import type { z } from 'zod';
import { MaskgateError } from '../errors.js';
import type { MaskerDefinition } from '../maskers/masker.js';
import { maskerRegistry } from '../maskers/masker-registry.js';
import { ConfigErrors, type ConfigIssue } from './config-error.js';
import { didYouMean } from './did-you-mean.js';
import type { ColumnRule, RulesFile, SourceLocation, TableRule } from './rules-file.js';
import { rulesSchema, tableColumnsSchema } from './rules-schema.js';

type Path = readonly PropertyKey[];
type ZodIssue = z.core.$ZodIssue;

/** How zod issues from one schema are worded: the rules structure itself, or one masker's options. */
interface IssueContext {
  readonly noun: 'key' | 'option';
  knownKeys(parent: Path): readonly string[];
  hint(path: Path): string | undefined;
}

const ENV_REF = /\$\{([A-Za-z_][A-Za-z0-9_]*)\}/g;

const YAML_HINTS: Readonly<Record<string, string>> = {
  TAB_AS_INDENT: 'indent with spaces, not tabs',
  BAD_INDENT: 'keys of one map must start in the same column',
  DUPLICATE_KEY: 'a key may appear only once per map; merge the two entries',
  MULTIPLE_DOCS: 'a rules file holds one document; remove the `---` separator',
};

const STRUCTURE: IssueContext = {
  noun: 'key',
  knownKeys: (parent) =>
    parent.length === 0
      ? Object.keys(rulesSchema.shape)
      : parent.length === 2 && parent[0] === 'tables'
        ? Object.keys(tableColumnsSchema.shape)
        : [],
  hint: (path) => {
    const [top, , sub] = path;
    if (top === undefined) return 'start with `version: 1` and a `tables:` map';
    if (top === 'version') return 'set `version: 1`';
    if (top === 'source') return 'a connection URL, e.g. `source: ${PROD_DATABASE_URL}`';
    if (path.length <= 2) return 'use `skip` or `{ columns: {...} }`';
    if (sub === 'columns' && path.length === 3) return 'map each column to a masker: `columns: { id: keep }`';
    return 'write a masker name, or `{ mask: <masker>, ...options }`';
  },
};

/** Options of loadRules(). */
export interface LoadRulesOptions {
  /**
   * The caller already has a source URL (--source, MASKGATE_SOURCE), so the file's `source:` is not
   * expanded, and an unset `${PROD_DATABASE_URL}` in it is no error.
   */
  readonly sourceGiven?: boolean;
}

/** Reads, parses and validates a rules file, reporting every problem in it at once as `ConfigErrors`. */
export async function loadRules(path: string, env: NodeJS.ProcessEnv = process.env, options: LoadRulesOptions = {}): Promise<RulesFile> {
  const bytes = await readRulesFile(path);
  const lineCounter = new LineCounter();
  const doc = parseDocument(bytes.toString('utf8'), { lineCounter, uniqueKeys: true, prettyErrors: true });
  // Validating a document the parser had to repair only adds noise; report syntax errors alone.
  if (doc.errors.length > 0) {
    throw configErrors(doc.errors.map((e) => ({
      file: path,
      ...(e.linePos?.[0] ?? { line: 1, col: 1 }),
      path: '',
      message: yamlMessage(e.message),
      ...hintProp(YAML_HINTS[e.code]),
    })));
  }

  let raw: unknown;
  try {
    raw = doc.toJS();
  } catch {
    // yaml refuses alias bombs ("billion laughs") with a ReferenceError; that is a config problem too.
    throw configErrors([{ file: path, line: 1, col: 1, path: '', message: 'the document expands too many aliases' }]);
  }
  const issues = new IssueCollector(path, doc, lineCounter, raw);
  const parsed = rulesSchema.safeParse(raw);
  if (!parsed.success) issues.fromZod(parsed.error.issues, [], STRUCTURE);
  const tables = resolveTables(raw, issues);
  const source = options.sourceGiven ? undefined : interpolateSource(raw, env, issues);
  checkStrayEnvRefs(doc, issues);
  if (issues.list.length > 0) throw configErrors(issues.list);

  const sha256 = createHash('sha256').update(bytes).digest('hex');
  const allow = parsed.success ? parsed.data.allow : undefined;
  const verify = parsed.success ? parsed.data.verify : undefined;
  return { path, version: 1, ...(source === undefined ? {} : { source }), tables, ...(allow ? { allow } : {}), ...(verify ? { verify } : {}), sha256 };
}

async function readRulesFile(path: string): Promise<Buffer> {
  try {
    return await readFile(path);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code ?? 'unknown error';
    if (code === 'ENOENT' || code === 'ENOTDIR' || code === 'EISDIR') {
      const what = code === 'EISDIR' ? 'is a directory, not a rules file' : 'does not exist';
      throw new MaskgateError('CONFIG_NOT_FOUND', `rules file ${path} ${what}`, { file: path },
        'pass the path of a rules file; rules/minimal.yaml is a starting point');
    }
    throw new MaskgateError('IO', `cannot read rules file ${path} (${code})`, { file: path });
  }
}

/** Second pass: masker names against the registry, options against each masker's own schema. */
function resolveTables(raw: unknown, issues: IssueCollector): ReadonlyMap<string, TableRule> {
  const tables = new Map<string, TableRule>();
  const spec = isRecord(raw) ? raw['tables'] : undefined;
  if (!isRecord(spec)) return tables;
  for (const [table, rule] of Object.entries(spec)) {
    const at = issues.locate(['tables', table], 'key');
    if (rule === 'skip') tables.set(table, { kind: 'skip', at });
    if (!isRecord(rule) || !isRecord(rule['columns'])) continue;
    const columns = new Map<string, ColumnRule>();
    for (const [column, colSpec] of Object.entries(rule['columns'])) {
      const resolved = resolveColumn(['tables', table, 'columns', column], colSpec, issues);
      if (resolved) columns.set(column, resolved);
    }
    const qi = rule['quasiIdentifiers'];
    const quasiIdentifiers = Array.isArray(qi) && qi.every((q) => typeof q === 'string') ? (qi as string[]) : undefined;
    tables.set(table, { kind: 'columns', columns, at, ...(quasiIdentifiers ? { quasiIdentifiers } : {}) });
  }
  return tables;
}

function resolveColumn(path: Path, spec: unknown, issues: IssueCollector): ColumnRule | undefined {
  let name: unknown;
  let options: Record<string, unknown> = {};
  if (typeof spec === 'string') name = spec;
  else if (isRecord(spec)) ({ mask: name, ...options } = spec);
  // Anything else was already reported by the structure pass.
  if (typeof name !== 'string' || name === '') return undefined;

  const masker = maskerRegistry.get(name);
  if (!masker) {
    const guess = didYouMean(name, maskerRegistry.keys());
    const namePath = typeof spec === 'string' ? path : [...path, 'mask'];
    issues.add(namePath, `unknown masker${quoteName(name)}${suggestion(guess)}`, {
      hint: 'run `maskgate maskers` to list them',
      display: path,
    });
    return undefined;
  }
  const result = masker.params.safeParse(options);
  if (!result.success) {
    issues.fromZod(result.error.issues, path, optionsContext(masker));
    return undefined;
  }
  return { masker: name, params: result.data, at: issues.locate(path, 'key') };
}

function optionsContext(masker: MaskerDefinition): IssueContext {
  const shape: unknown = (masker.params as { shape?: unknown }).shape;
  const keys = isRecord(shape) ? Object.keys(shape) : [];
  const hint = `see \`maskgate maskers ${masker.name}\` for its options`;
  return { noun: 'option', knownKeys: () => keys, hint: () => hint };
}

function interpolateSource(raw: unknown, env: NodeJS.ProcessEnv, issues: IssueCollector): string | undefined {
  const source = isRecord(raw) ? raw['source'] : undefined;
  if (typeof source !== 'string') return undefined;
  if (source.replace(ENV_REF, '').includes('${')) {
    issues.add(['source'], 'malformed `${...}` reference', {
      hint: 'write `${NAME}` with letters, digits and underscores',
    });
  }
  return source.replace(ENV_REF, (_match, name: string) => {
    const value = env[name];
    if (value) return value;
    issues.add(['source'], `environment variable ${name} is ${value === undefined ? 'not set' : 'empty'}`, {
      hint: `export ${name} before running maskgate`,
    });
    return '';
  });
}

/** `${VAR}` is expanded in `source` only; elsewhere it would silently stay literal, so flag it. */
function checkStrayEnvRefs(doc: Document, issues: IssueCollector): void {
  const sourceNode = isMap(doc.contents) ? doc.contents.get('source', true) : undefined;
  visit(doc, {
    Scalar(_key, node, ancestors) {
      if (node === sourceNode || typeof node.value !== 'string' || !node.value.includes('${')) return;
      issues.push({
        ...issues.position(node),
        path: ancestors.filter(isPair).map((p) => keyText(p.key)).join('.'),
        message: '`${...}` is only expanded in `source`',
        hint: 'write the value literally; environment variables are read for `source` only',
      });
    },
  });
}

/** Accumulates issues and turns zod issues and paths into located, value-free messages. */
class IssueCollector {
  readonly list: ConfigIssue[] = [];

  constructor(
    private readonly file: string,
    private readonly doc: Document,
    private readonly lineCounter: LineCounter,
    /** The document as plain data, to tell a missing key from a present one and to name types. */
    private readonly raw: unknown,
  ) {}

  push(issue: ConfigIssue): void {
    this.list.push(issue);
  }

  /** Records an issue at `path` (its value, or its key with target 'key'); `display` overrides the printed path. */
  add(path: Path, message: string, opts: { hint?: string | undefined; target?: 'key' | 'value'; display?: Path } = {}): void {
    this.push({
      ...this.locate(path, opts.target ?? 'value'),
      path: (opts.display ?? path).map(String).join('.'),
      message,
      ...hintProp(opts.hint),
    });
  }

  fromZod(zodIssues: readonly ZodIssue[], base: Path, ctx: IssueContext): void {
    for (const issue of zodIssues) {
      const path = [...base, ...issue.path];
      const value = valueAt(this.raw, path);
      const missing = value === undefined && path.length > base.length;
      if (missing && (issue.code === 'invalid_type' || issue.code === 'invalid_union')) {
        const parent = path.slice(0, -1);
        const message = `missing required ${ctx.noun}${quoteName(String(path.at(-1)))}`;
        this.add(parent, message, { target: 'key', hint: ctx.hint(parent) });
        continue;
      }
      switch (issue.code) {
        case 'unrecognized_keys':
          for (const key of issue.keys) {
            const known = ctx.knownKeys(path);
            this.add([...path, key], `unknown ${ctx.noun}${quoteName(key)}${suggestion(didYouMean(key, known))}`, {
              target: 'key',
              hint: known.length > 0 ? `allowed ${ctx.noun}s: ${known.join(', ')}` : `no ${ctx.noun}s are allowed here`,
            });
          }
          break;
        case 'invalid_union': {
          // A union reports every branch; the branch whose type fits holds the real cause.
          const fitting = issue.errors.find((branch) => !branch.some(isTypeMismatch));
          if (fitting) this.fromZod(fitting, path, ctx);
          else {
            this.add(path, `expected ${orList(expectedOf(issue))}, received ${kindOf(value)}`, { hint: ctx.hint(path) });
          }
          break;
        }
        case 'invalid_type':
          if (path.length === 0 && value == null) {
            this.add(path, 'the rules file is empty', { hint: ctx.hint(path) });
          } else {
            const message = issue.expected === 'int' && typeof value === 'number'
              ? 'expected an integer'
              : `expected ${typeName(issue.expected)}, received ${kindOf(value)}`;
            this.add(path, message, { hint: ctx.hint(path) });
          }
          break;
        case 'invalid_value':
          this.add(path, `expected ${orList(expectedOf(issue))}`, { hint: ctx.hint(path) });
          break;
        default:
          // Zod's own wording for size/format checks names limits, never the input.
          this.add(path, issue.message, { hint: ctx.hint(path) });
      }
    }
  }

  /** Where `path` is written; for a missing path, the key of its nearest existing ancestor. */
  locate(path: Path, target: 'key' | 'value'): SourceLocation {
    let node: unknown = this.doc.contents;
    let key: unknown;
    for (const seg of path) {
      if (isAlias(node)) node = node.resolve(this.doc);
      const pair = isMap(node) ? node.items.find((p) => keyText(p.key) === String(seg)) : undefined;
      const item = isSeq(node) && typeof seg === 'number' ? node.items[seg] : undefined;
      if (pair) [key, node] = [pair.key, pair.value];
      else if (item) [key, node] = [undefined, item];
      else return this.position(key ?? node);
    }
    // `columns:` with nothing after it is an empty scalar at the end of the line; its key reads better.
    const empty = isScalar(node) && node.value === null && node.range?.[0] === node.range?.[1];
    return this.position(target === 'key' || empty || !isNode(node) ? (key ?? node) : node);
  }

  position(node: unknown): SourceLocation {
    const range = isNode(node) ? node.range : undefined;
    const { line, col } = range ? this.lineCounter.linePos(range[0]) : { line: 1, col: 1 };
    return { file: this.file, line, col };
  }
}

function configErrors(issues: readonly ConfigIssue[]): ConfigErrors {
  return new ConfigErrors([...issues].sort((a, b) => a.line - b.line || a.col - b.col));
}

/** Whether a union branch failed on the value's type itself, i.e. the user meant another branch. */
function isTypeMismatch(issue: ZodIssue): boolean {
  if (issue.path.length > 0) return false;
  if (issue.code === 'invalid_union') return issue.errors.every((b) => b.some(isTypeMismatch));
  return issue.code === 'invalid_type' || issue.code === 'invalid_value';
}

/** What a type-mismatch issue expected, with the branches of a union merged. */
function expectedOf(issue: ZodIssue): string[] {
  if (issue.code === 'invalid_type') return [typeName(issue.expected)];
  if (issue.code === 'invalid_value') return issue.values.map((v) => JSON.stringify(v) ?? String(v));
  if (issue.code === 'invalid_union') return issue.errors.flat().filter((i) => i.path.length === 0).flatMap(expectedOf);
  return [];
}

/** YAML vocabulary for zod's type names. */
function typeName(expected: string): string {
  return ({ record: 'map', object: 'map', array: 'list', int: 'integer' } as Record<string, string>)[expected] ?? expected;
}

/** The type of a value in YAML vocabulary; the value itself must never reach a message. */
function kindOf(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'list';
  return typeof value === 'object' ? 'map' : typeof value;
}

function orList(items: readonly string[]): string {
  const unique = [...new Set(items)];
  return unique.length <= 1 ? (unique[0] ?? 'something else') : `${unique.slice(0, -1).join(', ')} or ${unique.at(-1)}`;
}

/** ` "name"` for identifier-like names; anything else could be pasted data, so it is left out. */
function quoteName(name: PropertyKey): string {
  return typeof name === 'string' && /^[\w.-]{1,64}$/.test(name) ? ` "${name}"` : '';
}

function suggestion(guess: string | undefined): string {
  return guess === undefined ? '' : ` (did you mean "${guess}"?)`;
}

/** First line of a yaml error without the `at line…` suffix and source excerpt, which may quote a password. */
function yamlMessage(message: string): string {
  return (message.split('\n')[0] ?? '').replace(/ at line \d+, column \d+:?$/, '');
}

function hintProp(hint: string | undefined): { hint?: string } {
  return hint === undefined ? {} : { hint };
}

function keyText(key: unknown): string {
  return isScalar(key) ? String(key.value) : String(key);
}

function valueAt(root: unknown, path: Path): unknown {
  let v = root;
  for (const seg of path) {
    v = (isRecord(v) || Array.isArray(v)) && Object.hasOwn(v, seg) ? (v as Record<PropertyKey, unknown>)[seg] : undefined;
  }
  return v;
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}
