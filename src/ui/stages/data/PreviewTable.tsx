import { useState } from 'react';
import { fmtInt } from '../../format';
import { useLab } from '../../hooks/useLab';
import type { DatasetSummary, PreviewRow } from '../../../worker/protocol';

const PAGE = 12;

/** "1997-12-04 15:55": minutes are enough to read an order, and the cell stays narrow. */
const compactTime = (iso: string): string => iso.replace('T', ' ').replace(/:\d\d(\.\d+)?Z$/, '');

/** An id cell that never widens the table: long ids end in an ellipsis, with the whole id as a tooltip. */
const Id = ({ id }: { id: string }) => (
  <td className="num id">
    <span title={id}>{id}</span>
  </td>
);

/** The first rows of the dataset as the loader read them, with titles and genres where metadata exists. */
export function PreviewTable({ ds }: { ds: DatasetSummary }) {
  const { lab } = useLab();
  const [page, setPage] = useState<{ offset: number; rows: PreviewRow[] }>({ offset: 0, rows: ds.preview });
  const total = ds.stats.ratings;
  const rows = page.rows;
  const hasTitles = rows.some((r) => r.title !== undefined);
  const hasGenres = rows.some((r) => r.genres !== undefined && r.genres.length > 0);
  const go = (offset: number) => {
    void lab.previewRows(ds.handle, offset, PAGE).then((next) => setPage({ offset, rows: next }));
  };
  return (
    <div className="preview" data-testid="preview">
      <div className="preview-head">
        <h4 className="section-title">Rows</h4>
        <span className="muted">
          {fmtInt(page.offset + 1)}–{fmtInt(page.offset + rows.length)} of {fmtInt(total)}
        </span>
        <span className="pager">
          <button
            type="button"
            className="btn btn-ghost btn-small"
            disabled={page.offset === 0}
            onClick={() => go(Math.max(0, page.offset - PAGE))}
          >
            ← Previous
          </button>
          <button
            type="button"
            className="btn btn-ghost btn-small"
            disabled={page.offset + PAGE >= total}
            onClick={() => go(page.offset + PAGE)}
          >
            Next →
          </button>
        </span>
      </div>
      <div className="table-wrap">
        <table className="data" data-testid="preview-table">
          <thead>
            <tr>
              <th>Row</th>
              <th>User</th>
              <th>Item</th>
              {hasTitles && <th>Title</th>}
              {hasGenres && <th>Genres</th>}
              {ds.hasRatings && <th>Rating</th>}
              {ds.hasTimestamps && <th>Time (UTC)</th>}
            </tr>
          </thead>
          <tbody>
            {rows.map((r) => (
              <tr key={r.index}>
                <td className="num">{fmtInt(r.index + 1)}</td>
                <Id id={r.user} />
                <Id id={r.item} />
                {hasTitles && <td className="title">{r.title ?? ''}</td>}
                {hasGenres && (
                  <td className="genre-cell">
                    {(r.genres ?? []).map((g) => (
                      <span className="genre" key={g}>
                        {g}
                      </span>
                    ))}
                  </td>
                )}
                {ds.hasRatings && <td className="num">{r.rating ?? ''}</td>}
                {ds.hasTimestamps && (
                  <td className="num" title={r.time}>
                    {r.time ? compactTime(r.time) : ''}
                  </td>
                )}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </div>
  );
}
