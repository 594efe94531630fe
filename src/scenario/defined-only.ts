/** Drops keys whose value is undefined (zod's optional output), at every level, for exact optional types. */
export function definedOnly(o: object): object {
  return Object.fromEntries(
    Object.entries(o)
      .filter(([, v]) => v !== undefined)
      .map(([k, v]) => [k, v !== null && typeof v === 'object' && !Array.isArray(v) ? definedOnly(v as object) : v]),
  );
}
