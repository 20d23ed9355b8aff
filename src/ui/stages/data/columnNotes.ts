/**
 * "Column 3 holds values like 12.99, 149.5 — not a rating scale: values up to 149.5", one line per
 * column the mapping leaves unused and that holds something: the mapping step says why a column is
 * left out rather than dropping it without a word.
 */
export function unusedColumnNotes(
  names: readonly string[],
  used: (j: number) => boolean,
  notes: readonly (string | null)[],
): string[] {
  return names.flatMap((n, j) => {
    const note = notes[j];
    if (used(j) || !note) return [];
    // The header's "3: price" reads better in a sentence as "Column 3 (price)".
    return [`${n.replace(/^(\d+): (.*)$/, 'Column $1 ($2)')} holds ${note}`];
  });
}
