import { useRef } from 'react';
import { ACCEPTED_EXTENSIONS } from '../../hooks/files';
import { useLab } from '../../hooks/useLab';
import { BUILTIN_DATASETS, builtinLabel } from '../../../data/builtins';

const CHOICES = BUILTIN_DATASETS;

export function DatasetPicker() {
  const { state, lab } = useLab();
  const input = useRef<HTMLInputElement>(null);
  const src = state.datasetSource;
  const activeId = src?.kind === 'builtin' ? src.id : src ? 'upload' : null;
  const loadingLabel = state.attempt?.job ? state.attempt.label : null;
  const ml = state.movieLens;

  return (
    <div className="picker" role="radiogroup" aria-label="Dataset">
      {CHOICES.map((c) => {
        const missing = c.id === 'ml-100k' && ml !== null && !ml.available;
        return (
          <button
            key={c.id}
            type="button"
            role="radio"
            aria-checked={activeId === c.id}
            className={`pick ${activeId === c.id ? 'active' : ''} ${loadingLabel === builtinLabel(c.id) ? 'loading' : ''}`}
            data-testid={`pick-${c.id}`}
            disabled={missing || state.phase !== 'ready'}
            onClick={() => void lab.loadBuiltin(c.id)}
          >
            <span className="pick-tag">{c.tag}</span>
            <span className="pick-name">{builtinLabel(c.id)}</span>
            <span className="pick-facts">{c.facts}</span>
            {missing ? (
              <span className="pick-missing">
                Not downloaded ({ml.reason}). Run <code>npm start</code> with network, or set{' '}
                <code>MOVIELENS_SOURCE=/path/to/ml-100k</code> (a folder or the zip) and run{' '}
                <code>npm run prepare-data</code>.
              </span>
            ) : (
              <span className="pick-about">{c.about}</span>
            )}
            {c.id === 'ml-100k' && ml?.available && ml.notice && (
              <span className="pick-notice" data-testid="movielens-notice" title={ml.notice}>
                Note: {ml.notice}
              </span>
            )}
          </button>
        );
      })}
      <div
        className={`pick pick-upload ${activeId === 'upload' ? 'active' : ''}`}
        role="radio"
        aria-checked={activeId === 'upload'}
      >
        <span className="pick-tag">your files</span>
        <span className="pick-name">Upload</span>
        <span className="pick-facts">{ACCEPTED_EXTENSIONS.join(' ')}</span>
        <span className="pick-about">
          A ratings table (user, item, optional rating and time), MovieLens files, or <code>ml-100k.zip</code>
          . Or drop them anywhere on the page.
        </span>
        <button
          type="button"
          className="btn btn-small"
          onClick={() => input.current?.click()}
          disabled={state.phase !== 'ready'}
        >
          Choose files…
        </button>
        <input
          ref={input}
          type="file"
          multiple
          hidden
          data-testid="file-input"
          accept={ACCEPTED_EXTENSIONS.join(',')}
          onChange={(e) => {
            const files = Array.from(e.target.files ?? []);
            e.target.value = '';
            void lab.openFiles(files);
          }}
        />
      </div>
    </div>
  );
}
