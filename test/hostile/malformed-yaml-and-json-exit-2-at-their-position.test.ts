import { describe, expect, it } from 'vitest';
import { cli } from '../support.js';
import { refused, SMALL, write } from './support.js';

/** Issue 19: YAML and JSON an adversary would write exit 2 with file:line:col, never "internal error". */
describe('malformed YAML and JSON', () => {
  it('refuses a billion-laughs alias bomb in bounded time', async () => {
    const levels = ['a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]'];
    for (let i = 1; i < 9; i += 1) {
      const prev = String.fromCharCode(96 + i);
      levels.push(`${String.fromCharCode(97 + i)}: &${String.fromCharCode(97 + i)} [${Array(9).fill(`*${prev}`).join(',')}]`);
    }
    const started = Date.now();
    await refused(write('bomb.yaml', `${SMALL}${levels.join('\n')}\n`), /not valid YAML: aliases expand to more than 1000 nodes/, '6:');
    expect(Date.now() - started).toBeLessThan(5_000);
  });

  it('refuses an alias inside its own anchor (a self-merge)', async () => {
    await refused(write('self.yaml', `${SMALL}x: &a\n  <<: *a\n`), /alias \*a is inside its own anchor &a/, '6:7');
  });

  it('refuses an alias to an anchor never defined', async () => {
    await refused(write('undefined.yaml', `${SMALL}x: *nope\n`), /alias \*nope names no anchor defined before it/, '5:4');
  });

  it('refuses unknown tags such as !!python/object', async () => {
    await refused(write('tag.yaml', `${SMALL}x: !!python/object:os.system {}\n`), /not valid YAML: Unresolved tag: tag:yaml.org,2002:python\/object:os.system/, '5:4');
  });

  it('refuses duplicate keys, found in linear time', async () => {
    await refused(write('dup.yaml', `${SMALL}until: 2m\n`), /Map keys must be unique: "until" appears twice/, '5:1');
    const many = Array.from({ length: 60_000 }, (_, i) => `  k${i}: v`).join('\n');
    const started = Date.now();
    await refused(write('wide.yaml', `${SMALL}x:\n${many}\n  k7: again\n`), /"k7" appears twice/);
    expect(Date.now() - started).toBeLessThan(20_000);
  });

  it('refuses a list or a mapping used as a key, at the key, without a Node warning (found by the fuzzer)', async () => {
    const warnings: string[] = [];
    const listen = (w: Error): void => void warnings.push(w.message);
    process.on('warning', listen);
    try {
      await refused(write('key.yaml', `${SMALL}? [a, b]\n: 3\n`), /not valid YAML: a key must be a name or a number, not a list/, '5:3');
      await refused(write('key2.yaml', `${SMALL}{x: 1}: 3\n`), /a key must be a name or a number, not a mapping/, '5:1');
      await refused(write('key3.yaml', `!!binary name: x\nuntil: 1m\n`), /a key must be a name or a number, not binary data/, '1:1');
      await new Promise((resolve) => setImmediate(resolve));
    } finally {
      process.off('warning', listen);
    }
    expect(warnings).toEqual([]);
  });

  it('refuses nesting deeper than 64 levels', async () => {
    await refused(write('deep.yaml', `${SMALL}x: ${'['.repeat(5_000)}${']'.repeat(5_000)}\n`), /nested more than 64 levels deep/, '5:');
    await refused(write('deep.json', `{"name":"x","until":"1m","x":${'['.repeat(100_000)}${']'.repeat(100_000)}}`), /not valid JSON: nested more than 64 levels deep/, '1:');
  });

  it('parses .json as JSON: a trailing comma and single quotes are errors with line:col', async () => {
    await refused(write('trailing.json', '{\n  "name": "x",\n  "until": "1m",\n}\n'), /not valid JSON: a trailing comma before "}" is not allowed in JSON/, '4:1');
    await refused(write('single.json', "{\n  'name': 'x'\n}\n"), /not valid JSON: strings and names take double quotes, not single quotes/, '2:3');
    await refused(write('comment.json', '{\n  "name": "x", # a comment\n  "until": "1m"\n}\n'), /not valid JSON: expected a double-quoted string, found "#"/, "2:16");
  });

  it('still runs a valid .json scenario and locates its schema errors', async () => {
    const ok = write('ok.json', JSON.stringify({ name: 'j', until: '1m', queueing: [{ name: 'q', servers: 1, interarrival: { constant: '1s' }, service: { constant: '500ms' } }] }, null, 2));
    expect((await cli('validate', ok)).code).toBe(0);
    const bad = write('bad.json', '{\n  "name": "j",\n  "until": "1m",\n  "queueing": [{ "name": "q", "servers": -1, "interarrival": { "constant": "1s" }, "service": { "constant": "1s" } }]\n}\n');
    await refused(bad, /queueing\[0\]\.servers: expected an integer from 1 to 100000, got -1/, '4:');
  });

  it('refuses NUL characters in text, at their field', async () => {
    await refused(write('nul.yaml', 'name: "x\\0y"\nuntil: 1m\n'), /name: a NUL character \(\\0\) is not allowed in text/, '1:7');
    await refused(write('nul.json', '{"name": "x\\u0000", "until": "1m"}'), /name: a NUL character/, '1:10');
  });
});
