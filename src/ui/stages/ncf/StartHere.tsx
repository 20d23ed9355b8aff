/**
 * One click from a fresh page to a trained model: load MovieLens-100k (or the built-in structured set
 * offline), keep the default split, and train matrix factorisation, which beats popularity clearly in a
 * few seconds on WASM. Then the reader scrolls to the NCF stage, where the run is.
 */
import { useState } from 'react';
import { DEFAULT_PREP } from '../../../data/builtins';
import { useLab } from '../../hooks/useLab';
import { useStageStore } from '../useStage';
import { NCF_STAGE } from '.';
import './start-here.css';

export function StartHere() {
  const { state, lab } = useLab();
  const ncf = useStageStore(NCF_STAGE);
  const [busy, setBusy] = useState(false);
  const ml = state.movieLens?.available === true;
  const start = async () => {
    setBusy(true);
    try {
      const wanted = ml ? 'ml-100k' : 'synthetic-structured';
      if (state.dataset?.id !== wanted) await lab.loadBuiltin(wanted);
      lab.setPrep(DEFAULT_PREP);
      ncf.setPreset(null);
      ncf.setKind('mf');
      ncf.setConfig(ncf.spec.base('mf', null));
      document.getElementById('ncf')?.scrollIntoView({ behavior: 'smooth' });
      await ncf.train();
    } finally {
      setBusy(false);
    }
  };
  return (
    <section className="start-here" aria-label="Start here">
      <div>
        <h2>New here? Start with one click.</h2>
        <p>
          Loads {ml ? 'MovieLens-100k' : 'the built-in structured set (MovieLens is not available offline)'},
          holds out each user’s latest rating, and trains matrix factorisation for a few seconds. You will see
          its loss fall, its hit rate climb past popularity’s, and the movies it recommends. Then change one
          setting at a time.
        </p>
      </div>
      <button
        type="button"
        className="btn btn-train"
        data-testid="start-here"
        disabled={busy || state.phase !== 'ready'}
        onClick={() => void start()}
      >
        {busy ? 'Training…' : 'Start here'}
      </button>
    </section>
  );
}
