import './ProgressBar.css';
import type { JobView } from '../hooks/labStore';
import { fmtInt } from '../format';
import { formatBytes } from '../hooks/files';

interface Props {
  job: JobView;
  onCancel: () => void;
  testId?: string;
}

function amount(done: number, unit: string): string {
  return unit === 'bytes' ? formatBytes(done) : `${fmtInt(done)} ${unit}`;
}

const PHASES: Record<string, string> = { parse: 'Parsing', unzip: 'Unzipping', download: 'Downloading' };
const phaseLabel = (phase: string): string => PHASES[phase] ?? phase.charAt(0).toUpperCase() + phase.slice(1);

/** A job's progress in its own units (bytes and rows while parsing), with a cancel button. */
export function ProgressBar({ job, onCancel, testId }: Props) {
  const p = job.progress;
  const fraction = p && p.total ? Math.min(1, p.done / p.total) : null;
  const text = p
    ? `${phaseLabel(p.phase)}: ${amount(p.done, p.unit)}${p.total ? ` of ${amount(p.total, p.unit)}` : ''}${
        p.rows !== undefined ? ` · ${fmtInt(p.rows)} rows` : ''
      }`
    : 'Starting…';
  return (
    <div className="progress" data-testid={testId} role="status">
      <div className="progress-top">
        <span className="progress-label">{job.label}</span>
        <button type="button" className="btn btn-ghost btn-small" onClick={onCancel} data-testid="cancel-job">
          Cancel
        </button>
      </div>
      <div
        className={`progress-track ${fraction === null ? 'indeterminate' : ''}`}
        role="progressbar"
        aria-valuemin={0}
        aria-valuemax={100}
        aria-valuenow={fraction === null ? undefined : Math.round(fraction * 100)}
      >
        <div
          className="progress-fill"
          style={{ width: fraction === null ? undefined : `${fraction * 100}%` }}
        />
      </div>
      <span className="progress-text">{text}</span>
    </div>
  );
}
