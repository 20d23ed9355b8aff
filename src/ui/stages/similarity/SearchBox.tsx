import { useEffect, useRef, useState, type KeyboardEvent } from 'react';
import type { SimItem } from '../../../worker/protocol';
import { movieTitle } from './MovieCell';
import type { SimilarityStore } from './store';

const LIST_ID = 'similarity-search-list';
const DEBOUNCE_MS = 120;

/** A title search that forgives typos: a combobox whose options pick a movie, by pointer or keyboard. */
export function SearchBox({ store }: { store: SimilarityStore }) {
  const [query, setQuery] = useState('');
  const [hits, setHits] = useState<SimItem[]>([]);
  const [open, setOpen] = useState(false);
  const [active, setActive] = useState(-1);
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);
  const request = useRef(0);

  useEffect(
    () => () => {
      if (timer.current) clearTimeout(timer.current);
    },
    [],
  );

  const ask = (q: string) => {
    if (timer.current) clearTimeout(timer.current);
    const id = ++request.current;
    timer.current = setTimeout(() => {
      void store.search(q).then((found) => {
        if (id !== request.current) return;
        setHits(found);
        setActive(found.length ? 0 : -1);
        setOpen(true);
      });
    }, DEBOUNCE_MS);
  };

  const choose = (it: SimItem) => {
    request.current++;
    setQuery(movieTitle(it));
    setOpen(false);
    void store.pick(it.item);
  };

  const onKey = (e: KeyboardEvent<HTMLInputElement>) => {
    if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
      if (!hits.length) return;
      e.preventDefault();
      setOpen(true);
      const step = e.key === 'ArrowDown' ? 1 : -1;
      setActive((a) => (a + step + hits.length) % hits.length);
    } else if (e.key === 'Enter') {
      if (open && active >= 0 && hits[active]) {
        e.preventDefault();
        choose(hits[active]);
      }
    } else if (e.key === 'Escape') setOpen(false);
  };

  const expanded = open && query.trim() !== '';
  return (
    <div className="sim-search">
      <label className="field">
        <span>Find a movie</span>
        <input
          type="search"
          role="combobox"
          value={query}
          placeholder="Toy Story, star wras…"
          autoComplete="off"
          aria-autocomplete="list"
          aria-expanded={expanded}
          aria-controls={LIST_ID}
          aria-activedescendant={expanded && active >= 0 ? `${LIST_ID}-${active}` : undefined}
          data-testid="similarity-search"
          onChange={(e) => {
            setQuery(e.target.value);
            ask(e.target.value);
          }}
          onKeyDown={onKey}
          onFocus={() => hits.length && setOpen(true)}
          onBlur={() => setOpen(false)}
        />
      </label>
      <ul
        id={LIST_ID}
        role="listbox"
        className="search-list"
        hidden={!expanded}
        data-testid="similarity-search-list"
      >
        {hits.length === 0 && expanded && (
          <li className="muted search-none" role="presentation">
            No title matches.
          </li>
        )}
        {hits.map((it, j) => (
          <li
            key={it.item}
            id={`${LIST_ID}-${j}`}
            role="option"
            aria-selected={j === active}
            className={j === active ? 'active' : undefined}
            data-testid="similarity-search-option"
            // Before the input's blur closes the list.
            onMouseDown={(e) => e.preventDefault()}
            onClick={() => choose(it)}
            onMouseEnter={() => setActive(j)}
          >
            {movieTitle(it)}
            <span className="muted"> {it.genres.join(', ')}</span>
          </li>
        ))}
      </ul>
    </div>
  );
}
