/**
 * The height of the rows a virtualised table leaves out above or below the rendered ones, as one
 * empty row (none when there is nothing to stand for), so the scrollbar matches the whole list.
 */
export function VirtualSpacer({ height, colSpan }: { height: number; colSpan: number }) {
  if (height <= 0) return null;
  return (
    <tr aria-hidden style={{ height }}>
      <td colSpan={colSpan} style={{ padding: 0, border: 0 }} />
    </tr>
  );
}
