/**
 * Appends `items` to `target` one by one. `target.push(...items)` passes every item as an argument,
 * and a list the size of a workspace (sites, drafts, findings or edits of one port at 200,000 places)
 * overflows the stack that way.
 */
export function appendAll<T>(target: T[], items: Iterable<T>): void {
  for (const item of items) target.push(item);
}
