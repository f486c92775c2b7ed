/**
 * The slots of a loading placeholder, numbered 0 to `count - 1`. Slots never move, so a
 * slot's number is its identity and its React key.
 */
export function slots(count: number): number[] {
  return Array.from({ length: count }, (_, slot) => slot);
}
