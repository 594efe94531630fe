/**
 * A strict JSON syntax check (RFC 8259) that says where the text first goes wrong, for
 * `.json` files: JSON.parse says what, but not always where. Linear in the text; nesting
 * is bounded by `maxDepth`, so no input can exhaust the stack.
 */
export interface JsonSyntaxError {
  /** Offset in the text of the first character that is not JSON. */
  readonly offset: number;
  readonly message: string;
}

export function jsonSyntaxError(text: string, maxDepth: number): JsonSyntaxError | undefined {
  let i = 0;
  const fail = (message: string): JsonSyntaxError => ({ offset: i, message });
  const ws = (): void => {
    while (i < text.length && ' \t\n\r'.includes(text[i] as string)) i += 1;
  };
  const found = (): string => (i >= text.length ? 'the end of the file' : `${JSON.stringify(text[i])}`);

  function string(): JsonSyntaxError | undefined {
    if (text[i] !== '"') return fail(text[i] === "'" ? 'strings and names take double quotes, not single quotes' : `expected a double-quoted string, found ${found()}`);
    i += 1;
    while (i < text.length) {
      const c = text.charCodeAt(i);
      if (c === 0x22) {
        i += 1;
        return undefined;
      }
      if (c < 0x20) return fail('a control character in a string must be escaped');
      if (c === 0x5c) {
        i += 1;
        const e = text[i];
        if (e === 'u') {
          if (!/^[0-9a-fA-F]{4}$/.test(text.slice(i + 1, i + 5))) return fail('expected four hex digits after \\u');
          i += 5;
          continue;
        }
        if (e === undefined || !'"\\/bfnrt'.includes(e)) return fail(`not a JSON escape: \\${e ?? ''}`);
      }
      i += 1;
    }
    return fail('a string is not closed');
  }

  function value(depth: number): JsonSyntaxError | undefined {
    if (depth > maxDepth) return fail(`nested more than ${maxDepth} levels deep`);
    ws();
    const c = text[i];
    if (c === '{' || c === '[') {
      const close = c === '{' ? '}' : ']';
      i += 1;
      ws();
      if (text[i] === close) {
        i += 1;
        return undefined;
      }
      for (;;) {
        ws();
        if (c === '{') {
          const key = string();
          if (key !== undefined) return key;
          ws();
          if (text[i] !== ':') return fail(`expected ":" after a name, found ${found()}`);
          i += 1;
        }
        const inner = value(depth + 1);
        if (inner !== undefined) return inner;
        ws();
        if (text[i] === close) {
          i += 1;
          return undefined;
        }
        if (text[i] !== ',') return fail(`expected "," or "${close}", found ${found()}`);
        i += 1;
        ws();
        if (text[i] === close) return fail(`a trailing comma before "${close}" is not allowed in JSON`);
      }
    }
    if (c === '"' || c === "'") return string();
    const literal = /^(?:true|false|null|-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?)/.exec(text.slice(i, i + 400));
    if (literal === null || literal[0] === '') return fail(`expected a value, found ${found()}`);
    i += literal[0].length;
    return undefined;
  }

  const problem = value(0);
  if (problem !== undefined) return problem;
  ws();
  return i < text.length ? fail(`expected the end of the file, found ${found()}`) : undefined;
}
