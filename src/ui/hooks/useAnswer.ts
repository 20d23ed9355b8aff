import { useEffect, useEffectEvent, useState } from 'react';

/**
 * A worker answer that follows `key`: asked again whenever the key changes (null asks nothing); an answer
 * to an older key stays on screen, marked as loading, until the newer one lands.
 */
export function useAnswer<T>(
  key: string | null,
  ask: () => Promise<T>,
): { answer: T | null; loading: boolean } {
  const [got, setGot] = useState<{ key: string; answer: T } | null>(null);
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
