/**
 * Appends `items` to `target` one by one. `target.push(...items)` passes every item as an argument,
 * and a list the size of a workspace (sites, drafts, findings or edits of one port at 200,000 places)
 * overflows the stack that way.
 */
export function appendAll<T>(target: T[], items: Iterable<T>): void {
  for (const item of items) target.push(item);
}

/** `items` in lists by `key`, each list in the items' order, the keys in the order first met. */
export function groupBy<T, K>(items: Iterable<T>, key: (item: T) => K): Map<K, T[]> {
  const out = new Map<K, T[]>();
  for (const item of items) {
    const k = key(item);
    const list = out.get(k);
    if (list) list.push(item);
    else out.set(k, [item]);
  }
  return out;
}
