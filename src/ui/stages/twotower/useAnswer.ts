import { useEffect, useEffectEvent, useState } from 'react';
import type { Result } from '../../../data/types';

export interface Answer<T> {
  /** The latest answer, possibly to an earlier key while the current one is asked. */
  answer: Result<T> | null;
  /** Whether the answer shown is for an earlier key (or there is none yet). */
  loading: boolean;
}

/**
 * A worker answer that follows `key`: asked again whenever the key changes (null asks nothing), and an
 * answer that arrives after the key moved on is kept only until the newer one lands.
 */
export function useAnswer<T>(key: string | null, ask: () => Promise<Result<T>>): Answer<T> {
  const [got, setGot] = useState<{ key: string; answer: Result<T> } | null>(null);
  const fetch = useEffectEvent(ask);
  useEffect(() => {
    if (key === null) return;
    let current = true;
    void fetch().then((answer) => {
      if (current) setGot({ key, answer });
    });
    return () => {
      current = false;
    };
  }, [key]);
  return { answer: key === null ? null : (got?.answer ?? null), loading: key !== null && got?.key !== key };
}
