/**
 * A quick look at a big dataset: the same data restricted to the users with the lowest ids. Items keep
 * their indices (so titles and genres still line up) and official splits keep their rows that survive.
 * Ids sort numerically where they are numbers, so MovieLens's users 1 to N are the ones kept: its ids
 * were handed out without regard to activity, which makes them a fair sample, and user 1 is always in it.
 */
import type { Dataset, UserMeta } from '../data/types';

const byId = new Intl.Collator('en', { numeric: true });

export function lowestUsers(ds: Dataset, n: number): Dataset {
  if (!(n > 0) || n >= ds.nUsers) return ds;
  const order = Array.from({ length: ds.nUsers }, (_, u) => u)
    .sort((a, b) => byId.compare(ds.userIds[a], ds.userIds[b]))
    .slice(0, n);
  const newUser = new Int32Array(ds.nUsers).fill(-1);
  order.forEach((u, j) => (newUser[u] = j));

  const x = ds.interactions;
  const newRow = new Int32Array(x.user.length).fill(-1);
  let rows = 0;
  for (let r = 0; r < x.user.length; r++) if (newUser[x.user[r]] >= 0) newRow[r] = rows++;
  const user = new Int32Array(rows);
  const item = new Int32Array(rows);
  const rating = x.rating ? new Float32Array(rows) : null;
  const timestamp = x.timestamp ? new Float64Array(rows) : null;
  for (let r = 0; r < x.user.length; r++) {
    const w = newRow[r];
    if (w < 0) continue;
    user[w] = newUser[x.user[r]];
    item[w] = x.item[r];
    if (rating && x.rating) rating[w] = x.rating[r];
    if (timestamp && x.timestamp) timestamp[w] = x.timestamp[r];
  }

  const users: UserMeta | null = ds.users && {
    age: Int16Array.from(order, (u) => ds.users?.age[u] ?? 0),
    gender: order.map((u) => ds.users?.gender[u] ?? ''),
    occupation: order.map((u) => ds.users?.occupation[u] ?? ''),
    zip: order.map((u) => ds.users?.zip[u] ?? ''),
  };
  return {
    ...ds,
    // The id stays, so a preset made for this dataset still recognises it.
    name: `${ds.name}, users with the ${n} lowest ids`,
    nUsers: n,
    userIds: order.map((u) => ds.userIds[u]),
    interactions: { user, item, rating, timestamp },
    users,
    officialSplits: ds.officialSplits.map((s) => ({
      name: s.name,
      testRows: Int32Array.from(Array.from(s.testRows, (r) => newRow[r]).filter((r) => r >= 0)),
    })),
  };
}
