/**
 * A curve that redraws several times a second while a model trains: plain SVG paths, ticks and axis
 * titles, measured once per resize. A general charting library rebuilds its whole scene graph on every
 * update, which on a busy page cost most of the main thread; this costs a path string.
 */
import { useLayoutEffect, useRef, useState } from 'react';

export interface Series {
  name: string;
  colour: string;
  /** y of each point (null leaves a gap); x comes from `xs`. */
  ys: (number | null)[];
  faint?: boolean;
}

interface Props {
  xs: number[];
  series: Series[];
  xTitle: string;
  yTitle: string;
  height?: number;
  /** How x ticks read (epochs with a decimal, say). */
  formatX?: (v: number) => string;
  /** Draw each point as a dot (few points: one per epoch). */
  dots?: boolean;
  /** A dashed horizontal line with a label: a baseline's figure. */
  reference?: { y: number; label: string };
  /** Fixed y range (round ends chosen by the caller); else the data's, padded. */
  domain?: [number, number];
  /** Integer x ticks only (epochs). */
  integerX?: boolean;
}

const PAD = { left: 58, right: 12, top: 10, bottom: 34 };

/** About `count` round ticks covering [lo, hi]. */
export function niceTicks(lo: number, hi: number, count = 5): number[] {
  if (!Number.isFinite(lo) || !Number.isFinite(hi)) return [];
  if (hi === lo) return [lo];
  const raw = (hi - lo) / count;
  const mag = 10 ** Math.floor(Math.log10(raw));
  const step = [1, 2, 2.5, 5, 10].map((m) => m * mag).find((s) => s >= raw) ?? 10 * mag;
  const out: number[] = [];
  for (let v = Math.ceil(lo / step) * step; v <= hi + step * 1e-9; v += step)
    out.push(Number(v.toPrecision(12)));
  return out;
}

const fmt = (v: number) => String(Number(v.toPrecision(3)));

/**
 * Labels for evenly spaced ticks with as many decimals as their step needs, so that a curve moving within
 * 0.003 reads 7.432, 7.434 rather than 7.43 twice (which looks like a flat line, or a collapse).
 */
export function tickLabels(ticks: number[]): string[] {
  if (ticks.length < 2) return ticks.map(fmt);
  const step = Math.abs(ticks[1] - ticks[0]);
  // The fewest decimals that write the step exactly (0.25 needs two, 5 none).
  let decimals = 0;
  while (decimals < 8 && Math.abs(Math.round(step * 10 ** decimals) - step * 10 ** decimals) > 1e-6)
    decimals++;
  return ticks.map((t) => (Math.abs(t) >= 1e5 ? fmt(t) : t.toFixed(decimals)));
}

export function LiveCurve({
  xs,
  series,
  xTitle,
  yTitle,
  height = 210,
  formatX = fmt,
  dots = false,
  reference,
  domain,
  integerX = false,
}: Props) {
  const box = useRef<HTMLDivElement>(null);
  const [width, setWidth] = useState(480);
  useLayoutEffect(() => {
    const el = box.current;
    if (!el) return;
    const measure = () => setWidth(Math.max(200, Math.round(el.getBoundingClientRect().width)));
    measure();
    const ro = new ResizeObserver(measure);
    ro.observe(el);
    return () => ro.disconnect();
  }, []);
  const values = series.flatMap((s) => s.ys.filter((y): y is number => y !== null && Number.isFinite(y)));
  if (reference) values.push(reference.y);
  let [lo, hi] = domain ?? [Math.min(...values), Math.max(...values)];
  if (!domain) {
    if (!(hi > lo)) [lo, hi] = [lo - 0.5, hi + 0.5];
    const span = hi - lo;
    [lo, hi] = [lo - span * 0.05, hi + span * 0.05];
  }
  const x0 = integerX ? Math.min(...xs) : Math.min(0, ...xs);
  const x1 = Math.max(x0 + (integerX ? 1 : 1e-9), ...xs);
  const xTicks = niceTicks(x0, x1, 6).filter((t) => !integerX || Number.isInteger(t));
  const yTicks = niceTicks(lo, hi, 4);
  const yLabels = tickLabels(yTicks);
  const w = width - PAD.left - PAD.right;
  const h = height - PAD.top - PAD.bottom;
  const px = (x: number) => PAD.left + ((x - x0) / (x1 - x0)) * w;
  const py = (y: number) => PAD.top + (1 - (y - lo) / (hi - lo)) * h;
  const path = (ys: (number | null)[]) => {
    let d = '';
    let pen = false;
    ys.forEach((y, k) => {
      if (y === null || !Number.isFinite(y)) {
        pen = false;
        return;
      }
      d += `${pen ? 'L' : 'M'}${px(xs[k]).toFixed(1)},${py(y).toFixed(1)}`;
      pen = true;
    });
    return d;
  };
  const last = series.find((s) => !s.faint)?.ys.at(-1);
  const legend = series.filter((s) => !s.faint).length > 1;
  return (
    <div ref={box} className="live-curve" style={{ height }}>
      <svg width={width} height={height} role="img" aria-label={`${yTitle} by ${xTitle}`}>
        <title>{`${yTitle}: latest ${typeof last === 'number' ? fmt(last) : '—'}`}</title>
        {yTicks.map((t, k) => (
          <g key={`y${t}`}>
            <line x1={PAD.left} x2={width - PAD.right} y1={py(t)} y2={py(t)} className="grid" />
            <text x={PAD.left - 6} y={py(t)} className="tick" textAnchor="end" dominantBaseline="middle">
              {yLabels[k]}
            </text>
          </g>
        ))}
        {xTicks.map((t) => (
          <text key={`x${t}`} x={px(t)} y={height - PAD.bottom + 14} className="tick" textAnchor="middle">
            {formatX(t)}
          </text>
        ))}
        <line x1={PAD.left} x2={width - PAD.right} y1={PAD.top + h} y2={PAD.top + h} className="axis" />
        {reference && (
          <g className="reference">
            <line x1={PAD.left} x2={width - PAD.right} y1={py(reference.y)} y2={py(reference.y)} />
            <text x={width - PAD.right - 4} y={py(reference.y) - 5} textAnchor="end">
              {reference.label}
            </text>
          </g>
        )}
        {series.map((s) => (
          <g key={s.name}>
            <path
              className="series"
              data-series={s.name}
              d={path(s.ys)}
              fill="none"
              stroke={s.colour}
              strokeWidth={s.faint ? 1 : 2}
              strokeOpacity={s.faint ? 0.5 : 1}
            />
            {dots &&
              s.ys.map((y, k) =>
                y === null || !Number.isFinite(y) ? null : (
                  <circle
                    key={k}
                    cx={px(xs[k])}
                    cy={py(y)}
                    r={3}
                    fill="#fff"
                    stroke={s.colour}
                    strokeWidth={2}
                  >
                    <title>{`${s.name}, ${xTitle} ${formatX(xs[k])}: ${fmt(y)}`}</title>
                  </circle>
                ),
              )}
          </g>
        ))}
        {legend &&
          series.map((s, k) => (
            <g key={`legend-${s.name}`} transform={`translate(${PAD.left + 8 + k * 130}, ${PAD.top + 6})`}>
              <line x1={0} x2={14} y1={0} y2={0} stroke={s.colour} strokeWidth={2} />
              <text x={18} y={0} className="tick" dominantBaseline="middle">
                {s.name}
              </text>
            </g>
          ))}
        <text x={PAD.left + w / 2} y={height - 4} className="title" textAnchor="middle">
          {xTitle}
        </text>
        <text
          x={12}
          y={PAD.top + h / 2}
          className="title"
          textAnchor="middle"
          transform={`rotate(-90 12 ${PAD.top + h / 2})`}
        >
          {yTitle}
        </text>
      </svg>
    </div>
  );
}
