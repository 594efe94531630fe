export type ResultPathCheck = { readonly ok: true } | { readonly error: string; readonly didYouMean?: string };
export function checkResultPath(_path: string): ResultPathCheck {
  return { ok: true };
}
