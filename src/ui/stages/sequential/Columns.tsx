/**
 * What comes next, side by side: the sequence the models read (a user's latest items or a hand-built
 * one), then one column per kept run with its top items, the held-out item marked where a model found it.
 */
import { useState } from 'react';
import type { NextItems } from '../../../worker/protocol';
import { itemTitle } from '../../components/ItemLabel';
import { fmtNum, kindShort } from '../../training/format';
import type { TrainingStore } from '../../training/store';
import type { Column } from './store';

/** Items of the sequence shown before "show all". */
const SHOWN = 5;

/** The sequence as the longest-reading model saw it, oldest first, ending with the latest. */
export function Sequence({ got, label }: { got: NextItems | null; label: string }) {
  const [all, setAll] = useState(false);
  if (!got) return null;
  const items = all ? got.window : got.window.slice(-SHOWN);
  const hidden = got.window.length - items.length;
  return (
    <div className="seq-history" data-testid="seq-history">
      <h4>{label}</h4>
      {got.window.length === 0 ? (
        <p className="hint">Nothing before the held-out item: every model falls back on what is popular.</p>
      ) : (
        <ol className="seq-list" start={hidden + 1}>
          {items.map((it, j) => (
            <li key={`${it.item}-${j}`} data-testid="seq-history-item">
              {itemTitle(it)}
            </li>
          ))}
        </ol>
      )}
      {got.window.length > SHOWN && (
        <button type="button" className="btn btn-ghost btn-small" onClick={() => setAll(!all)}>
          {all ? `Only the last ${SHOWN}` : `All ${got.window.length} the models read`}
        </button>
      )}
      {got.heldOut.length > 0 && (
        <p className="seq-held-out" data-testid="seq-held-out">
          <b>What came next</b> (held out): {got.heldOut.map(itemTitle).join(', ')}
        </p>
      )}
    </div>
  );
}

function scoreText(got: NextItems, it: NextItems['items'][number]): string {
  if (it.probability !== null) return `${fmtNum(it.probability * 100, 1)}%`;
  return got.scoreKind === 'count' ? fmtNum(it.score, 0) : fmtNum(it.score, 2);
}

function Next({ got, held }: { got: NextItems; held: Set<number> }) {
  return (
    <ol className="seq-list seq-next">
      {got.items.map((it) => (
        <li
          key={it.item}
          data-testid="seq-next-item"
          data-item-id={it.id}
          className={held.has(it.item) ? 'hit' : undefined}
        >
          <span className="seq-next-row">
            <span className="seq-next-title">
              {itemTitle(it)}
              {held.has(it.item) && <span className="pill pill-ok">a hit</span>}
              {it.seen && <span className="pill">watched</span>}
            </span>
            <span className="seq-next-score" title={got.scoreKind}>
              {scoreText(got, it)}
            </span>
          </span>
        </li>
      ))}
    </ol>
  );
}

function RunColumn({ col, store }: { col: Column; store: TrainingStore }) {
  const r = col.run.result;
  const { answer } = col;
  return (
    <div className="seq-col" data-testid="seq-col" data-run={col.run.no}>
      <h4>
        #{col.run.no} {kindShort(store.spec, r.config.model.kind)}
        <small className="cell-sub">HR@10 {fmtNum(r.metrics['hr@10_full'], 3)}</small>
      </h4>
      {answer.ok ? (
        <Next got={answer.value} held={new Set(answer.value.heldOut.map((h) => h.item))} />
      ) : (
        <p className="hint" data-testid="seq-col-error">
          {answer.reason}
        </p>
      )}
    </div>
  );
}

export function Columns({ cols, store }: { cols: Column[]; store: TrainingStore }) {
  return (
    <>
      {cols.map((c) => (
        <RunColumn key={c.run.no} col={c} store={store} />
      ))}
    </>
  );
}
