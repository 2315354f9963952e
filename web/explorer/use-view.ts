// The page's data: the sectors for the picker (the first view is semiconductors when present), and the view,
// fetched again whenever its key, the lens or the reload counter changes. One error for both, cleared when a view
// starts loading.
import { useEffect, useState, type Dispatch, type SetStateAction } from 'react';
import { ApiError, type Operation } from './api.js';
import { loadChain, loadExposure, loadSectors, NotFound, OperationLog, type OrganizationRecord } from './load.js';
import type { ChainView, ExposureView, Named, Params } from './model.js';
import type { ViewKey } from './url.js';

/** A view as loaded, with the lens it was asked under and the operations behind it. */
export interface Loaded {
  key: ViewKey;
  params: Params;
  view: ChainView | ExposureView;
  org?: OrganizationRecord;
  ops: Operation[];
}

export interface ViewError {
  message: string;
  needsKey: boolean;
}

export function useView(
  key: ViewKey | null,
  setKey: Dispatch<SetStateAction<ViewKey | null>>,
  params: Params,
  reloadTick: number,
) {
  const [sectors, setSectors] = useState<Named[]>([]);
  const [loaded, setLoaded] = useState<Loaded | null>(null);
  const [loading, setLoading] = useState(false);
  const [error, setError] = useState<ViewError | null>(null);

  useEffect(() => {
    const ac = new AbortController();
    loadSectors(ac.signal).then(
      (list) => {
        setSectors(list);
        setKey(
          (k) =>
            k ??
            (list.length
              ? { kind: 'chain', id: (list.find((s) => s.id === 'sector:semiconductors') ?? list[0]).id }
              : null),
        );
      },
      (e: unknown) => {
        if ((e as Error).name !== 'AbortError')
          setError({ message: (e as Error).message, needsKey: e instanceof ApiError && e.needsKey });
      },
    );
    return () => ac.abort();
  }, [reloadTick]);

  useEffect(() => {
    if (!key) return;
    const ac = new AbortController();
    const log = new OperationLog();
    setLoading(true);
    setError(null);
    const p = params;
    const done = (l: Loaded) => {
      setLoaded(l);
      setLoading(false);
    };
    const fail = (e: unknown) => {
      if ((e as Error).name === 'AbortError') return;
      setLoading(false);
      setError({
        message: e instanceof NotFound ? e.message : `Could not load the view: ${(e as Error).message}`,
        needsKey: e instanceof ApiError && e.needsKey,
      });
    };
    if (key.kind === 'chain') {
      // The chain is drawn as soon as it is read; the statuses follow when the analysis answers.
      const partial = (view: ChainView) => {
        if (!ac.signal.aborted) setLoaded({ key, params: p, view, ops: [...log.ops] });
      };
      loadChain(key.id, p, log, ac.signal, partial).then((view) => done({ key, params: p, view, ops: log.ops }), fail);
    } else {
      loadExposure(key.id, p, log, ac.signal).then(
        ({ view, org }) => done({ key, params: p, view, org, ops: log.ops }),
        fail,
      );
    }
    return () => ac.abort();
  }, [
    key?.kind,
    key?.id,
    params.homeCountry,
    params.threshold,
    params.minProvenance,
    params.asOf,
    params.minEvidence,
    reloadTick,
  ]);

  return { sectors, loaded, loading, error };
}
