/**
 * A value per (owner object, key), computed once and kept for as long as the owner lives. Owners
 * are view or data objects that the read memo keeps while the content version holds, so what hangs
 * off them is dropped with them. `maxPerObject` bounds the keys of one owner (cleared when full).
 *
 * @example const html = memoPerObject<object, string, string>(); html(view, 'compact', () => render())
 */
export function memoPerObject<O extends object, K, V>(options: { maxPerObject?: number } = {}): (owner: O, key: K, make: () => V) => V {
  const cache = new WeakMap<O, Map<K, V>>();
  return (owner, key, make) => {
    let byKey = cache.get(owner);
    if (!byKey) {
      byKey = new Map();
      cache.set(owner, byKey);
    }
    if (byKey.has(key)) return byKey.get(key) as V;
    const value = make();
    if (options.maxPerObject !== undefined && byKey.size >= options.maxPerObject) byKey.clear();
    byKey.set(key, value);
    return value;
  };
}
