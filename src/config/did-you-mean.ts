/** Edit distance (insert, delete, substitute) between two strings. */
export function levenshtein(a: string, b: string): number {
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const cur = [i];
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      cur[j] = Math.min(prev[j]! + 1, cur[j - 1]! + 1, prev[j - 1]! + cost);
    }
    prev = cur;
  }
  return prev[b.length]!;
}

/**
 * The candidate the user most likely meant: the closest within edit distance 2, else a prefix match.
 * @example didYouMean('frist_name', ['first_name', 'last_name']) // 'first_name'
 */
export function didYouMean(input: string, candidates: Iterable<string>): string | undefined {
  const needle = input.toLowerCase();
  let best: string | undefined;
  let bestDistance = 3;
  let prefix: string | undefined;
  for (const c of candidates) {
    const hay = c.toLowerCase();
    const d = levenshtein(needle, hay);
    // Distance 2 on a 2-letter word would match almost anything; demand the word be longer than that.
    if (d < bestDistance && d < Math.max(needle.length, hay.length)) [best, bestDistance] = [c, d];
    if (prefix === undefined && needle.length >= 3 && (hay.startsWith(needle) || needle.startsWith(hay))) prefix = c;
  }
  return best ?? prefix;
}
