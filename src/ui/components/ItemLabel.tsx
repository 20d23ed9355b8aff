/** Anything the worker names an item by: its title when the data has one, else its raw id. */
export interface Labelled {
  id: string;
  title: string | null;
  genres: readonly string[];
}

export const itemTitle = (it: Labelled): string => it.title ?? `item ${it.id}`;

/** An item's genres as chips; those in `marked` stand out (the genres a profile rates highly). */
export function Genres({ genres, marked }: { genres: readonly string[]; marked?: ReadonlySet<string> }) {
  return (
    <span className="genres">
      {genres.map((g) => (
        <span className={marked?.has(g) ? 'genre marked' : 'genre'} key={g}>
          {g}
        </span>
      ))}
    </span>
  );
}

/** An item's title followed by its genre chips. */
export function ItemLabel({ it, marked }: { it: Labelled; marked?: ReadonlySet<string> }) {
  return (
    <>
      {itemTitle(it)}
      <Genres genres={it.genres} marked={marked} />
    </>
  );
}
