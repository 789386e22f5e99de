// A page's loading pattern: one load function that fetches and sets the page's state, with the
// loading flag and the last error (null once a load succeeds). Loads once on mount and again
// whenever `deps` change; the returned `load` reloads (with the fetcher's arguments, if any).
import { useCallback, useEffect, useState, type DependencyList } from 'react';
import type { ApiError } from '../api';

export function usePageLoad<A extends unknown[]>(fetcher: (...args: A) => Promise<void>, deps: DependencyList) {
  const [loading, setLoading] = useState(true);
  const [error, setError] = useState<ApiError | null>(null);
  const load = useCallback(async (...args: A) => {
    setLoading(true);
    try {
      await fetcher(...args);
      setError(null);
    } catch (e) {
      setError(e as ApiError);
    } finally {
      setLoading(false);
    }
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, deps);
  useEffect(() => {
    (load as () => Promise<void>)();
  }, [load]);
  return { loading, error, load };
}
