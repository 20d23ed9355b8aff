import { memo } from 'react';
import { GenreChart, PopularityChart, RatingHistogram, RatingsPerUserChart } from './DataCharts';
import { fmtDate, fmtDuration, fmtInt, fmtMillis, fmtPercent, formatBytes } from '../../format';
import type { DatasetSummary } from '../../../worker/protocol';
import { PreviewTable } from './PreviewTable';

interface Tile {
  label: string;
  value: string;
  note?: string;
  testId: string;
}

function tiles(ds: DatasetSummary): Tile[] {
  const s = ds.stats;
  const span = s.timeSpan;
  return [
    { label: 'Users', value: fmtInt(s.users), testId: 'stat-users' },
    {
      label: 'Items',
      value: fmtInt(s.items),
      note: ds.hasRatings ? 'with at least one rating' : 'with at least one interaction',
      testId: 'stat-items',
    },
    { label: ds.hasRatings ? 'Ratings' : 'Interactions', value: fmtInt(s.ratings), testId: 'stat-ratings' },
    {
      label: 'Density',
      value: fmtPercent(s.density, 2),
      note: `of the ${fmtInt(s.users)} × ${fmtInt(s.items)} grid is filled`,
      testId: 'stat-density',
    },
    {
      label: 'Time span',
      value: span ? fmtDuration(span.last - span.first) : 'none',
      note: span ? `${fmtDate(span.first)} – ${fmtDate(span.last)}` : 'no timestamps in this data',
      testId: 'stat-timespan',
    },
    {
      label: 'Rating scale',
      value: ds.ratingScale ? `${ds.ratingScale.min} – ${ds.ratingScale.max}` : 'implicit',
      note:
        ds.ratingScale && s.ratingMean !== null
          ? `mean ${s.ratingMean.toFixed(2)}`
          : 'every row is a positive',
      testId: 'stat-scale',
    },
  ];
}

/** Memoised: progress messages re-render the panel several times a second, and the charts are the costly part. */
export const DatasetOverview = memo(function DatasetOverview({
  ds,
  itemCounts,
}: {
  ds: DatasetSummary;
  itemCounts: Int32Array | null;
}) {
  const files =
    ds.sources.length > 4
      ? `${ds.sources.slice(0, 3).join(', ')} and ${ds.sources.length - 3} more files`
      : ds.sources.join(', ');
  const source = ds.bytes > 0 ? `${files} · ${formatBytes(ds.bytes)}` : files;
  return (
    <div className="overview" data-testid="dataset-overview">
      <div className="overview-head">
        <h3 data-testid="dataset-name">{ds.name}</h3>
        <span className="muted" title={ds.sources.join(', ')}>
          {source} · loaded in <span data-testid="load-millis">{fmtMillis(ds.loadMillis)}</span>
        </span>
      </div>
      <div className="tiles">
        {tiles(ds).map((t) => (
          <div className="tile" key={t.label}>
            <span className="tile-label">{t.label}</span>
            <span className="tile-value" data-testid={t.testId}>
              {t.value}
            </span>
            {t.note && <span className="tile-note">{t.note}</span>}
          </div>
        ))}
      </div>
      {ds.notices.length > 0 && (
        <div className="alert alert-info" data-testid="load-notices">
          <ul className="notice-list">
            {ds.notices.map((n) => (
              <li key={n}>{n}</li>
            ))}
          </ul>
        </div>
      )}
      {ds.skippedText && (
        <div className="alert alert-warn" data-testid="skipped-notice">
          <div>
            <strong>{ds.skippedText}</strong>
            {ds.skipped.examples.length > 1 && (
              <ul className="skip-list">
                {ds.skipped.examples.slice(1).map((e) => (
                  <li key={e}>{e}</li>
                ))}
              </ul>
            )}
          </div>
        </div>
      )}
      {/* Keyed on the dataset: a chart kept across datasets kept its tooltip open on a bucket of the old one. */}
      <div className="charts" key={`charts:${ds.handle}`}>
        <RatingHistogram stats={ds.stats} counts={itemCounts} />
        <PopularityChart stats={ds.stats} counts={itemCounts} />
        <RatingsPerUserChart stats={ds.stats} />
        {ds.stats.genres && ds.stats.genres.length > 0 && <GenreChart genres={ds.stats.genres} />}
      </div>
      <PreviewTable key={ds.handle} ds={ds} />
    </div>
  );
});
