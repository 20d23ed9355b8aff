import { useMemo } from 'react';
import { Area, AreaChart, Bar, BarChart, CartesianGrid, Tooltip, XAxis, YAxis } from 'recharts';
import type { DatasetStats } from '../../../worker/protocol';
import { fmtCompact, fmtInt, fmtPercent } from '../../format';
import { AXIS, ChartCard, GRID, TOOLTIP_STYLE } from '../../charts/ChartCard';

const fmtCount = (v: number) => fmtCompact(v);

/** Share of all ratings that the most popular `headFraction` of items receive. */
export function headShare(counts: Int32Array, headFraction: number): number | null {
  let total = 0;
  let rated = 0;
  for (const c of counts) {
    total += c;
    if (c > 0) rated++;
  }
  if (total === 0 || rated === 0) return null;
  const sorted = Int32Array.from(counts).sort().reverse();
  const head = Math.max(1, Math.round(rated * headFraction));
  let inHead = 0;
  for (let i = 0; i < head; i++) inHead += sorted[i];
  return inHead / total;
}

/** Items binned by how many interactions they got: the implicit-data stand-in for the rating histogram. */
export function countBins(counts: Int32Array, nBins = 12): { label: string; items: number }[] {
  let lo = Infinity;
  let hi = -Infinity;
  for (const c of counts) {
    if (c === 0) continue;
    lo = Math.min(lo, c);
    hi = Math.max(hi, c);
  }
  if (!Number.isFinite(lo)) return [];
  const width = Math.max(1, Math.ceil((hi - lo + 1) / nBins));
  const bins = Array.from({ length: Math.ceil((hi - lo + 1) / width) }, (_, b) => ({
    label: width === 1 ? String(lo + b * width) : `${lo + b * width}–${lo + (b + 1) * width - 1}`,
    items: 0,
  }));
  for (const c of counts) if (c > 0) bins[Math.floor((c - lo) / width)].items++;
  return bins;
}

function InteractionsPerItem({ counts }: { counts: Int32Array | null }) {
  const data = useMemo(() => (counts ? countBins(counts) : []), [counts]);
  return (
    <ChartCard
      title="Interactions per item"
      testId="chart-ratings"
      caption="No rating column, so every row is a positive. Instead: how many interactions each item got. Real data is skewed; uniform noise gives a bump."
    >
      <BarChart data={data} margin={{ top: 8, right: 8, bottom: 0, left: 0 }}>
        <CartesianGrid vertical={false} stroke={GRID} />
        <XAxis
          dataKey="label"
          tick={AXIS}
          tickLine={false}
          axisLine={{ stroke: GRID }}
          interval="preserveStartEnd"
        />
        <YAxis tick={AXIS} tickFormatter={fmtCount} width={44} tickLine={false} axisLine={false} />
        <Tooltip
          {...TOOLTIP_STYLE}
          formatter={(v) => [fmtInt(Number(v)), 'items']}
          labelFormatter={(l) => `${l} interactions`}
        />
        <Bar dataKey="items" fill="#6366f1" radius={[4, 4, 0, 0]} isAnimationActive={false} />
      </BarChart>
    </ChartCard>
  );
}

export function RatingHistogram({ stats, counts }: { stats: DatasetStats; counts: Int32Array | null }) {
  if (stats.ratingHistogram.length === 0) return <InteractionsPerItem counts={counts} />;
  const data = stats.ratingHistogram.map((h) => ({ label: String(h.value), count: h.count }));
  const mean = stats.ratingMean === null ? '' : ` The mean is ${stats.ratingMean.toFixed(2)}.`;
  return (
    <ChartCard
      title="Rating histogram"
      testId="chart-ratings"
      caption={`How often each rating value occurs. People rate what they chose to consume, so real ratings lean high.${mean}`}
    >
      <BarChart data={data} margin={{ top: 8, right: 8, bottom: 0, left: 0 }}>
        <CartesianGrid vertical={false} stroke={GRID} />
        <XAxis dataKey="label" tick={AXIS} tickLine={false} axisLine={{ stroke: GRID }} />
        <YAxis tick={AXIS} tickFormatter={fmtCount} width={44} tickLine={false} axisLine={false} />
        <Tooltip
          {...TOOLTIP_STYLE}
          formatter={(v) => [fmtInt(Number(v)), 'ratings']}
          labelFormatter={(l) => `Rating ${l}`}
        />
        <Bar dataKey="count" fill="#6366f1" radius={[4, 4, 0, 0]} isAnimationActive={false} />
      </BarChart>
    </ChartCard>
  );
}

/** Round tick values (0, 500, 1000...) for an axis that runs from 0 to max. */
export function niceTicks(max: number, target = 4): number[] {
  if (!(max > 0)) return [0];
  const raw = max / target;
  const mag = 10 ** Math.floor(Math.log10(raw));
  const step = [1, 2, 2.5, 5, 10].map((m) => m * mag).find((s) => s >= raw) ?? 10 * mag;
  const ticks: number[] = [];
  for (let t = 0; t <= max + 1e-9; t += step) ticks.push(t);
  return ticks;
}

export function PopularityChart({ stats, counts }: { stats: DatasetStats; counts: Int32Array | null }) {
  const share = useMemo(() => (counts ? headShare(counts, 0.2) : null), [counts]);
  const maxRank = stats.itemPopularity.at(-1)?.rank ?? 1;
  const caption =
    share === null
      ? 'Items sorted from most to least popular. A few hits collect most ratings; most items sit in the long tail.'
      : `Items sorted from most to least popular: the top 20% of items collect ${fmtPercent(share, 0)} of all interactions, and the long tail shares the rest.`;
  return (
    <ChartCard title="Item popularity (the long tail)" testId="chart-popularity" caption={caption}>
      <AreaChart data={stats.itemPopularity} margin={{ top: 8, right: 12, bottom: 0, left: 0 }}>
        <defs>
          <linearGradient id="tail" x1="0" y1="0" x2="0" y2="1">
            <stop offset="0%" stopColor="#14b8a6" stopOpacity={0.5} />
            <stop offset="100%" stopColor="#14b8a6" stopOpacity={0.05} />
          </linearGradient>
        </defs>
        <CartesianGrid vertical={false} stroke={GRID} />
        <XAxis
          dataKey="rank"
          type="number"
          domain={[0, maxRank]}
          ticks={niceTicks(maxRank)}
          tick={AXIS}
          tickFormatter={fmtCount}
          tickLine={false}
          axisLine={{ stroke: GRID }}
        />
        <YAxis tick={AXIS} tickFormatter={fmtCount} width={44} tickLine={false} axisLine={false} />
        <Tooltip
          {...TOOLTIP_STYLE}
          formatter={(v) => [fmtInt(Number(v)), 'ratings']}
          labelFormatter={(l) => `Item rank ${l}`}
        />
        <Area
          dataKey="count"
          type="linear"
          stroke="#0d9488"
          strokeWidth={2}
          fill="url(#tail)"
          isAnimationActive={false}
        />
      </AreaChart>
    </ChartCard>
  );
}

export function RatingsPerUserChart({ stats }: { stats: DatasetStats }) {
  const implicit = stats.ratingHistogram.length === 0;
  const data = stats.ratingsPerUser.map((b) => ({
    label: b.from === b.to ? String(b.from) : `${fmtCompact(b.from)}–${fmtCompact(b.to)}`,
    users: b.users,
  }));
  return (
    <ChartCard
      title={implicit ? 'Interactions per user' : 'Ratings per user'}
      testId="chart-per-user"
      caption={`How many users ${implicit ? 'touched' : 'rated'} how many items (bins grow geometrically). Users with little history are the hard cases for every model.`}
    >
      <BarChart data={data} margin={{ top: 8, right: 8, bottom: 0, left: 0 }}>
        <CartesianGrid vertical={false} stroke={GRID} />
        <XAxis
          dataKey="label"
          tick={AXIS}
          tickLine={false}
          axisLine={{ stroke: GRID }}
          interval="preserveStartEnd"
        />
        <YAxis tick={AXIS} tickFormatter={fmtCount} width={44} tickLine={false} axisLine={false} />
        <Tooltip
          {...TOOLTIP_STYLE}
          formatter={(v) => [fmtInt(Number(v)), 'users']}
          labelFormatter={(l) => `${l} ratings`}
        />
        <Bar dataKey="users" fill="#f59e0b" radius={[4, 4, 0, 0]} isAnimationActive={false} />
      </BarChart>
    </ChartCard>
  );
}

export function GenreChart({ genres }: { genres: { name: string; items: number }[] }) {
  const data = [...genres].sort((a, b) => b.items - a.items).slice(0, 12);
  return (
    <ChartCard
      title="Items per genre"
      testId="chart-genres"
      caption="An item can belong to several genres. Genres are side information that content-aware models (two-tower) can use."
    >
      <BarChart data={data} layout="vertical" margin={{ top: 4, right: 12, bottom: 0, left: 8 }}>
        <CartesianGrid horizontal={false} stroke={GRID} />
        <XAxis
          type="number"
          tick={AXIS}
          tickFormatter={fmtCount}
          tickLine={false}
          axisLine={{ stroke: GRID }}
        />
        <YAxis
          type="category"
          dataKey="name"
          tick={AXIS}
          width={92}
          tickLine={false}
          axisLine={false}
          interval={0}
        />
        <Tooltip {...TOOLTIP_STYLE} formatter={(v) => [fmtInt(Number(v)), 'items']} />
        <Bar dataKey="items" fill="#ec4899" radius={[0, 4, 4, 0]} isAnimationActive={false} barSize={10} />
      </BarChart>
    </ChartCard>
  );
}
