import { type QueryParams, requestFile } from './api';

/** Hands a file to the browser's « save » as if a link had been followed. */
export function saveFile(blob: Blob, fileName: string): void {
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  link.style.display = 'none';
  document.body.append(link);
  link.click();
  link.remove();
  // The browser has taken the file once the click is handled; the next tick can release it.
  setTimeout(() => URL.revokeObjectURL(url), 0);
}

/**
 * Downloads a file of the API (export, template, contract document) through the API client, so an
 * expired session or a refused export shows its French message instead of a broken download.
 */
export async function downloadFile(path: string, options: { query?: QueryParams; fallbackName: string }) {
  const file = await requestFile(path, { query: options.query });
  saveFile(file.blob, file.fileName ?? options.fallbackName);
}
