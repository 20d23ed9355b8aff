import { Genres, itemTitle } from '../../components/ItemLabel';
import type { SimItem } from '../../../worker/protocol';

export const movieTitle = itemTitle;

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
      <Genres genres={it.genres} />
    </>
  );
}
