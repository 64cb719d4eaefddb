/**
 * The one function that turns a cell value into printable text (dutch-pii.md §0.4): at most two
 * trailing characters survive, and fewer for short values, so a preview can never give the value away.
 */
export function redactedPreview(value: string | null): string {
  if (value === null) return 'NULL';
  const chars = [...value];
  const shown = Math.min(2, Math.floor(chars.length / 4));
  const hidden = Math.min(chars.length - shown, 12);
  return '*'.repeat(hidden) + chars.slice(chars.length - shown).join('');
}
