/** Rows grouped by their `group`, groups in order of first appearance, rows as given. */
export function groupRows<Row extends { group: string }>(rows: readonly Row[]): { group: string; rows: Row[] }[] {
  const groups = new Map<string, Row[]>();
  for (const row of rows) {
    const list = groups.get(row.group);
    if (list === undefined) groups.set(row.group, [row]);
    else list.push(row);
  }
  return [...groups].map(([group, list]) => ({ group, rows: list }));
}
