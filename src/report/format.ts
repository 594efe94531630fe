/**
 * Number formatting for reports. Hand-written rather than `toLocaleString`/`Intl`, whose
 * output depends on the host's locale and ICU data: reports must be byte-identical.
 */

/** 1234567 → "1,234,567"; keeps `digits` decimals. */
export function grouped(n: number, digits = 0): string {
  if (!Number.isFinite(n)) return String(n);
  const fixed = Math.abs(n).toFixed(digits);
  const [whole = '0', frac] = fixed.split('.');
  const withCommas = whole.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  return `${n < 0 && Number(fixed) !== 0 ? '-' : ''}${withCommas}${frac === undefined ? '' : `.${frac}`}`;
}

/** 2_950_000 → "2.95M"; 12_300 → "12.3k". */
export function compact(n: number): string {
  const abs = Math.abs(n);
  if (abs >= 1e9) return `${(n / 1e9).toFixed(2)}G`;
  if (abs >= 1e6) return `${(n / 1e6).toFixed(2)}M`;
  if (abs >= 1e4) return `${(n / 1e3).toFixed(1)}k`;
  return grouped(n, Number.isInteger(n) ? 0 : 1);
}

/** 0.8012 → "80.1%". */
export function percent(x: number, digits = 1): string {
  return `${(x * 100).toFixed(digits)}%`;
}

/** A signed relative difference: 0.016 → "+1.6%". */
export function signedPercent(x: number, digits = 1): string {
  const s = (x * 100).toFixed(digits);
  return x >= 0 ? `+${s}%` : `${s}%`;
}

/**
 * Text from a scenario made safe for a terminal: escape sequences (CSI, OSC, ...) and
 * other control characters removed, newlines and tabs kept, so a scenario's name or
 * description cannot move the cursor, retitle the window or hide lines.
 */
export function terminalSafe(text: string): string {
  return text
    .replace(/\x1b(?:\[[0-?]*[ -/]*[@-~]|\][^\x07\x1b]*(?:\x07|\x1b\\)?|[PX^_][^\x1b]*(?:\x1b\\)?|[@-Z\\-_])?/g, '')
    .replace(/[\x00-\x08\x0b-\x1f\x7f-\x9f]/g, '');
}
