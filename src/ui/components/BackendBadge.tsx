import './BackendBadge.css';
import { useEffect, useId, useRef, useState } from 'react';
import { useLab } from '../hooks/useLab';
import { BACKEND_CHOICES, type BackendChoice } from '../../worker/protocol';
import { fmtMillis } from '../format';

const CHOICE_LABEL: Record<BackendChoice, string> = {
  auto: 'Automatic (best available)',
  webgpu: 'WebGPU',
  wasm: 'WASM',
  webgl: 'WebGL',
  cpu: 'CPU (plain JavaScript)',
};

/** The TensorFlow.js backend in use, why, the self-check, and the setting that forces another one. */
export function BackendBadge() {
  const { state, lab } = useLab();
  const [open, setOpen] = useState(false);
  const box = useRef<HTMLDivElement>(null);
  const menuId = useId();
  const { info, phase } = state;
  const name = info?.backend.name ?? (phase === 'failed' ? 'error' : 'starting');
  const reason = info?.backend.reason ?? state.fatal ?? 'Starting TensorFlow.js in a worker…';

  useEffect(() => {
    if (!open) return;
    const close = (e: MouseEvent | KeyboardEvent) => {
      const outside = e.target instanceof Node && !box.current?.contains(e.target);
      if (e instanceof KeyboardEvent ? e.key === 'Escape' : outside) setOpen(false);
    };
    document.addEventListener('mousedown', close);
    document.addEventListener('keydown', close);
    return () => {
      document.removeEventListener('mousedown', close);
      document.removeEventListener('keydown', close);
    };
  }, [open]);

  const check = info?.backend.selfCheck;
  return (
    <div className="badge-box" ref={box}>
      <button
        type="button"
        className={`badge badge-${name}`}
        data-testid="backend-badge"
        data-backend={info?.backend.name ?? ''}
        aria-expanded={open}
        aria-controls={menuId}
        title={reason}
        onClick={() => setOpen((o) => !o)}
      >
        <span className="badge-dot" aria-hidden="true" />
        <span className="badge-name">{name}</span>
        <span className="badge-reason">{reason}</span>
      </button>
      {open && (
        <div className="badge-pop" id={menuId} role="dialog" aria-label="TensorFlow.js backend">
          <h3>TensorFlow.js backend</h3>
          <p className="badge-why" data-testid="backend-reason">
            {reason}
          </p>
          {info && (
            <>
              <ul className="attempts">
                {info.backend.attempts.map((a) => (
                  <li key={a.name} className={a.ok ? 'ok' : 'no'}>
                    <span aria-hidden="true">{a.ok ? '✓' : '✕'}</span> <b>{a.name}</b> {a.reason}
                  </li>
                ))}
              </ul>
              <dl className="facts">
                <dt>Self-check</dt>
                <dd data-testid="self-check">
                  {check
                    ? `${check.ok ? 'passed' : 'FAILED'}: ${check.detail} (${fmtMillis(check.millis)})`
                    : 'not run'}
                </dd>
                <dt>Started in</dt>
                <dd>{fmtMillis(info.startMillis)}</dd>
                <dt>WASM</dt>
                <dd>served by the app, single-threaded ({info.cores} cores here)</dd>
                <dt>TensorFlow.js</dt>
                <dd>{info.tfjsVersion}</dd>
              </dl>
            </>
          )}
          <label className="field">
            <span>Use backend</span>
            <select
              value={state.backendChoice}
              data-testid="backend-choice"
              onChange={(e) => {
                const choice = BACKEND_CHOICES.find((c) => c === e.target.value) ?? 'auto';
                void lab.setBackendChoice(choice);
              }}
            >
              {BACKEND_CHOICES.map((c) => (
                <option key={c} value={c}>
                  {CHOICE_LABEL[c]}
                </option>
              ))}
            </select>
          </label>
          <p className="hint">
            Changing it restarts the worker and reloads the current dataset. The choice is kept in the URL.
          </p>
        </div>
      )}
    </div>
  );
}
