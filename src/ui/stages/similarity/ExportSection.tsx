import { useState } from 'react';
import type { Result } from '../../../data/types';
import type { SimilarityStore } from './store';
import { useSimilarity } from './useSimilarity';

/** Saves text as a file through a Blob and an object URL, released once the click has been handled. */
function download(name: string, text: string, type: string): void {
  const url = URL.createObjectURL(new Blob([text], { type }));
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}

type Files = { name: string; text: string; type: string }[];

const TSV = 'text/tab-separated-values';
const CSV = 'text/csv';

/** The Embedding Projector's two files, every movie's neighbours, and the map's coordinates. */
export function ExportSection({ store }: { store: SimilarityStore }) {
  const selected = useSimilarity(store, (s) => s.selected);
  const k = useSimilarity(store, (s) => s.settings.k);
  const mapped = useSimilarity(store, (s) => s.map.projection !== null);
  const [busy, setBusy] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const slug = selected ? `${selected.runHandle}-${selected.block}`.replace(/[^\w-]+/g, '_') : '';

  const run = async (what: string, get: () => Promise<Result<Files> | null>) => {
    setBusy(what);
    setError(null);
    const r = await get();
    setBusy(null);
    if (!r) return;
    if (!r.ok) setError(r.reason);
    else for (const f of r.value) download(f.name, f.text, f.type);
  };

  const projector = () =>
    run('projector', async () => {
      const r = await store.exportProjector();
      if (!r?.ok) return r;
      return {
        ok: true,
        value: [
          { name: 'vectors.tsv', text: r.value.vectors, type: TSV },
          { name: 'metadata.tsv', text: r.value.metadata, type: TSV },
        ],
      };
    });
  const one = (what: string, name: string, get: () => Promise<Result<string> | null>) =>
    run(what, async () => {
      const r = await get();
      return r?.ok ? { ok: true, value: [{ name, text: r.value, type: CSV }] } : r;
    });

  if (!selected) return null;
  return (
    <section className="sim-section" aria-labelledby="similarity-export-title">
      <h3 className="section-title" id="similarity-export-title">
        Export
      </h3>
      <div className="export-row">
        <button type="button" className="btn" disabled={busy !== null} onClick={() => void projector()}>
          vectors.tsv + metadata.tsv
        </button>
        <button
          type="button"
          className="btn"
          disabled={busy !== null}
          onClick={() => void one('neighbours', `neighbours-${slug}.csv`, store.exportNeighbours)}
        >
          Neighbours CSV (top {k})
        </button>
        <button
          type="button"
          className="btn"
          disabled={busy !== null || !mapped}
          title={mapped ? undefined : 'Draw the map first'}
          onClick={() => void one('coordinates', `map-${slug}.csv`, store.exportCoordinates)}
        >
          Map coordinates CSV
        </button>
      </div>
      <p className="hint">
        Load the two TSV files into the TensorFlow Embedding Projector (projector.tensorflow.org, “Load”) to
        explore the same vectors there. Titles in the CSVs are escaped so a spreadsheet never runs them as
        formulas.
      </p>
      {error && <p className="alert alert-error">{error}</p>}
    </section>
  );
}
