/**
 * A small reader of PHP's `serialize()` format, for post, comment and term meta in WXR files.
 * It only reads data: strings, numbers, booleans, null and arrays become JavaScript values;
 * objects (`O:`/`C:`) are read as plain records of their properties and never instantiated, and
 * references (`r:`/`R:`) become null. Nothing is ever executed (unlike PHP's own `unserialize`, or
 * npm packages that re-create classes). String lengths are PHP's: bytes of UTF-8.
 *
 * @example readPhpSerialized('a:1:{s:5:"title";s:4:"عن";}') // { title: 'عن' }
 */
export function readPhpSerialized(input: string): unknown {
  const bytes = Buffer.from(input, 'utf8');
  let at = 0;
  const fail = (what: string): never => {
    throw new Error(`not PHP-serialized data (${what} at byte ${at})`);
  };
  const until = (ch: string): string => {
    const end = bytes.indexOf(ch, at);
    if (end === -1) fail(`missing "${ch}"`);
    const s = bytes.toString('latin1', at, end);
    at = end + 1;
    return s;
  };
  const expect = (ch: string) => {
    if (bytes[at] !== ch.charCodeAt(0)) fail(`expected "${ch}"`);
    at++;
  };
  const readString = (): string => {
    const length = Number(until(':'));
    if (!Number.isInteger(length) || length < 0 || at + length + 2 > bytes.length) fail('bad string length');
    expect('"');
    const s = bytes.toString('utf8', at, at + length);
    at += length;
    expect('"');
    return s;
  };
  const readEntries = (count: number, depth: number): Record<string, unknown> | unknown[] => {
    expect('{');
    const entries: Array<[string | number, unknown]> = [];
    for (let i = 0; i < count; i++) {
      const key = value(depth + 1);
      if (typeof key !== 'string' && typeof key !== 'number') fail('bad array key');
      entries.push([key as string | number, value(depth + 1)]);
    }
    expect('}');
    const isList = entries.every(([k], i) => k === i);
    return isList ? entries.map(([, v]) => v) : Object.fromEntries(entries);
  };
  const value = (depth: number): unknown => {
    if (depth > 64) fail('nesting deeper than 64');
    const type = String.fromCharCode(bytes[at] ?? 0);
    at++;
    if (type === 'N') {
      expect(';');
      return null;
    }
    expect(':');
    switch (type) {
      case 'b':
        return until(';') === '1';
      case 'i': {
        const n = Number(until(';'));
        if (!Number.isFinite(n)) fail('bad integer');
        return n;
      }
      case 'd': {
        const raw = until(';');
        return raw === 'INF' ? Infinity : raw === '-INF' ? -Infinity : Number(raw);
      }
      case 's': {
        const s = readString();
        expect(';');
        return s;
      }
      case 'a':
        return readEntries(Number(until(':')), depth);
      case 'O': {
        readString(); // the class name: recorded nowhere, never instantiated
        expect(':');
        const props = readEntries(Number(until(':')), depth);
        return Array.isArray(props) ? Object.fromEntries(props.map((v, i) => [String(i), v])) : props;
      }
      case 'r':
      case 'R':
        until(';');
        return null;
      default:
        return fail(`unknown type "${type}"`);
    }
  };
  const result = value(0);
  if (at !== bytes.length) fail('trailing data');
  return result;
}

/** True when the text looks like PHP-serialized data (WordPress's own `is_serialized` test, simplified). */
export function looksPhpSerialized(text: string): boolean {
  const t = text.trim();
  return /^(?:N;|b:[01];|i:-?\d+;|d:[^;]+;|s:\d+:".*";|a:\d+:\{.*\}|O:\d+:".+":\d+:\{.*\})$/s.test(t);
}
