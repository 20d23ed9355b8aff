import type { SimItem } from '../../../worker/protocol';

export const movieTitle = (it: SimItem): string => it.title ?? `item ${it.id}`;

/** A movie's title (a button that picks it, where `onPick` is given) and its genres. */
export function MovieCell({ it, onPick }: { it: SimItem; onPick?: (index: number) => void }) {
  return (
    <>
      {onPick ? (
        <button type="button" className="link-button" onClick={() => onPick(it.item)}>
          {movieTitle(it)}
        </button>
      ) : (
        movieTitle(it)
      )}
      <span className="genres">
        {it.genres.map((g) => (
          <span className="genre" key={g}>
            {g}
          </span>
        ))}
      </span>
    </>
  );
}
