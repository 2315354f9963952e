// The view's exports: its rows as CSV and the graph as PNG, saved under a name that says the view and the lens.
import { chainRows, CHAIN_HEADER, exposureRows, EXPOSURE_HEADER, toCsv } from './csv.js';
import type { ChainView, ExposureView, Params } from './model.js';

function download(name: string, blob: Blob): void {
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}

function slug(id: string): string {
  return id.replace(/^[a-z]+:/, '').replace(/[^\w-]+/g, '-');
}

export function downloadCsv(view: ChainView | ExposureView, params: Params): void {
  const lensSuffix = `${params.asOf ? `-asof${params.asOf}` : ''}${params.minEvidence ? `-${params.minEvidence.toLowerCase()}` : ''}`;
  const text =
    view.kind === 'chain' ? toCsv(CHAIN_HEADER, chainRows(view)) : toCsv(EXPOSURE_HEADER, exposureRows(view));
  const name =
    view.kind === 'chain'
      ? `value-chain-${slug(view.sector.id)}-${params.homeCountry}-t${params.threshold}${lensSuffix}.csv`
      : `exposure-${slug(view.organization.id)}-${params.homeCountry}-t${params.threshold}.csv`;
  download(name, new Blob([text], { type: 'text/csv;charset=utf-8' }));
}

export function downloadPng(view: ChainView | ExposureView, params: Params): void {
  if (!window.explorer) return;
  const name =
    view.kind === 'chain'
      ? `value-chain-${slug(view.sector.id)}-${params.homeCountry}-t${params.threshold}.png`
      : `exposure-${slug(view.organization.id)}.png`;
  download(name, window.explorer.png());
}
