// Person names in free text (dutch-pii.md §4.5): a capitalised given name or initials, an optional
// tussenvoegsel and a capitalised surname, confirmed by the name lists or an honorific; plus exact
// occurrences of names the caller already knows (the row's own name columns).
import { FIRST_NAMES, LAST_NAMES } from '../maskers/data/dutch-words.js';
import { BARE_SURNAMES, PREFIXED_SURNAMES } from '../maskers/data/dutch-surnames.js';
import type { Confidence, DetectorMatch } from './detector.js';

/**
 * §4.5's tussenvoegsels plus every one the name maskers write, longest first so that "van der"
 * wins over "van"; matched in either case of their first letters ("van der" / "Van der").
 */
/**
 * Particles of surnames from elsewhere that Dutch registers hold as written ("El Amrani", "da Silva").
 * Unlike "aan" or "voor", they hardly occur between two capitalised words except inside a name.
 */
const FOREIGN_PARTICLES = ['el', 'al', 'von', 'da', 'dos', 'di', 'du', 'le', 'la'];

const TV_WORDS = [...new Set([
  'van der', 'van den', 'van de', "van 't", "in 't", 'op den', 'uit de', 'van', 'de', 'der', 'den', 'ter', 'ten', 'te',
  'het', "'t", 'in', 'op', 'uit', 'aan', 'bij', 'onder', 'over', 'voor', ...PREFIXED_SURNAMES.map((p) => p[0]),
  ...FOREIGN_PARTICLES,
])].sort((a, b) => b.length - a.length);
const HONORIFICS = ['dhr', 'mevr', 'mw', 'mr', 'dr', 'ir', 'drs', 'ing', 'prof'];

/** Each word's first letter in both cases: Node 20 has no inline (?i:), and flag i would break \p{Lu} (§4.5). */
const eitherCase = (words: readonly string[]): string =>
  words.map((t) => t.replace(/(^|\s)([a-z])/g, (_m, sp: string, c: string) => `${sp}[${c}${c.toUpperCase()}]`)).join('|');

const PERSON = new RegExp(
  `(?<![\\p{L}\\p{N}])(?:(${eitherCase(HONORIFICS)})\\.?\\s+)?((?:\\p{Lu}\\.){1,6}|\\p{Lu}\\p{Ll}+(?:-\\p{Lu}\\p{Ll}+)?)\\s+(?:(${eitherCase(TV_WORDS)})\\s+)?(\\p{Lu}[\\p{L}'’-]*\\p{L})`,
  'gu',
);

/**
 * An honorific before a surname alone ("mevr. Kartosen", "de heer Van Dijk") marks a person even when
 * no list knows the surname; the honorific is kept out of the match, so only the name is replaced.
 */
const TITLED = new RegExp(
  `(?<![\\p{L}\\p{N}])(?:${eitherCase([...HONORIFICS, 'mevrouw', 'meneer', 'de heer', 'heer', 'juffrouw'])})\\.?\\s+((?:(?:${eitherCase(TV_WORDS)})\\s+)?\\p{Lu}[\\p{L}'’-]*\\p{L})`,
  'gu',
);

const FIRST_SET = new Set(FIRST_NAMES.map((n) => n.toLowerCase()));
const SURNAME_SET = new Set([...BARE_SURNAMES, ...LAST_NAMES, ...PREFIXED_SURNAMES.map((p) => p[1])].map((n) => n.toLowerCase()));
const WORD_CHAR = /[\p{L}\p{N}]/u;

/** Whether a capitalised given name ("Anne-Marie": either part) is in the first-name lists. */
function knownFirst(name: string): boolean {
  const lower = name.toLowerCase();
  if (FIRST_SET.has(lower)) return true;
  const dash = lower.indexOf('-');
  return dash > 0 && (FIRST_SET.has(lower.slice(0, dash)) || FIRST_SET.has(lower.slice(dash + 1)));
}

/** Whether a surname ("Jansen-de": its first part) is in the surname lists. */
function knownLast(name: string): boolean {
  const lower = name.toLowerCase();
  const dash = lower.indexOf('-');
  return SURNAME_SET.has(dash > 0 ? lower.slice(0, dash) : lower);
}

/** How sure a regex candidate is a person, or null to drop it; single list hits alone stay low. */
function confidenceOf(honorific: boolean, first: string, tvWord: string | undefined, last: string): Confidence | null {
  const tv = tvWord ?? null;
  const initials = first.includes('.');
  const f = !initials && knownFirst(first);
  const l = knownLast(last);
  if (f && l) return 'high';
  if (honorific) return f || l || tv || initials ? 'high' : 'medium';
  if ((f || initials || l) && tv) return 'medium';
  if (initials && l) return 'medium';
  if (f || l || initials || (tv !== null && FOREIGN_PARTICLES.includes(tv.toLowerCase()))) return 'low';
  return null;
}

/** Whether text[start, end) sits between non-word characters. */
function onWordBoundary(text: string, start: number, end: number): boolean {
  return (start === 0 || !WORD_CHAR.test(text[start - 1]!)) && (end === text.length || !WORD_CHAR.test(text[end]!));
}

/** Case-insensitive, whole-word occurrences of each known name (at least 2 characters). */
function findExtra(text: string, names: readonly string[], out: DetectorMatch[]): void {
  const lowerText = text.toLowerCase();
  // Lowercasing can change the length of rare characters; offsets would then be wrong.
  const sameLength = lowerText.length === text.length;
  for (const raw of names) {
    const name = raw.trim().replace(/\s+/g, ' ');
    if (name.length < 2) continue;
    const confidence: Confidence = name.includes(' ') ? 'high' : name.length > 2 ? 'medium' : 'low';
    if (sameLength) {
      const needle = name.toLowerCase();
      for (let at = lowerText.indexOf(needle); at >= 0; at = lowerText.indexOf(needle, at + 1)) {
        const end = at + needle.length;
        if (onWordBoundary(text, at, end)) out.push({ start: at, end, text: text.slice(at, end), confidence });
      }
    } else {
      const re = new RegExp(name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&').replace(/ /g, '\\s+'), 'giu');
      for (const m of text.matchAll(re)) {
        const end = m.index + m[0].length;
        if (onWordBoundary(text, m.index, end)) out.push({ start: m.index, end, text: m[0], confidence });
      }
    }
  }
}

const RANK: Record<Confidence, number> = { low: 0, medium: 1, high: 2 };

/**
 * Full person names in free text: "Jan de Vries", "dhr. J.P. van der Meer", "Anne-Marie van 't Hof",
 * confirmed by the name lists (both parts known: high) or an honorific; a lone first name such as
 * "Jan" never matches. `extraNames` (e.g. the row's own name values) are found wherever they occur
 * as whole words, whether or not a list knows them. Overlapping hits keep the longest.
 */
export function findNames(text: string, extraNames?: readonly string[]): DetectorMatch[] {
  const found: DetectorMatch[] = [];
  PERSON.lastIndex = 0;
  for (let m = PERSON.exec(text); m !== null; m = PERSON.exec(text)) {
    const confidence = confidenceOf(m[1] !== undefined, m[2]!, m[3], m[4]!);
    if (confidence === null) {
      // "Groeten Jan de Vries": the first word was not a name; try again from the next one.
      PERSON.lastIndex = m.index + (text.codePointAt(m.index)! > 0xffff ? 2 : 1);
      continue;
    }
    found.push({ start: m.index, end: m.index + m[0].length, text: m[0], confidence });
  }
  TITLED.lastIndex = 0;
  for (let m = TITLED.exec(text); m !== null; m = TITLED.exec(text)) {
    const start = m.index + m[0].length - m[1]!.length;
    found.push({ start, end: m.index + m[0].length, text: m[1]!, confidence: 'high' });
  }
  if (extraNames !== undefined && extraNames.length > 0) findExtra(text, extraNames, found);
  if (found.length < 2) return found;
  found.sort((a, b) => a.start - b.start || b.end - a.end || RANK[b.confidence] - RANK[a.confidence]);
  const out: DetectorMatch[] = [];
  for (const hit of found) {
    const last = out[out.length - 1];
    if (last === undefined || hit.start >= last.end) out.push(hit);
    else if (hit.end - hit.start > last.end - last.start) out[out.length - 1] = hit;
  }
  return out;
}
