/**
 * The one function that turns a cell value into printable text (dutch-pii.md §0.4): the last two
 * characters of values of 8 or more characters survive, nothing of shorter ones, where two
 * characters would give most of the value away.
 */
export function redactedPreview(value: string | null): string {
  if (value === null) return 'NULL';
  const chars = [...value];
  const shown = chars.length >= 8 ? 2 : 0;
  const hidden = Math.min(chars.length - shown, 12);
  return '*'.repeat(hidden) + chars.slice(chars.length - shown).join('');
}
