import { useWindowVirtualizer } from "@tanstack/react-virtual";
import { type CSSProperties, type KeyboardEvent, useLayoutEffect, useRef, useState } from "react";
import { HEADER_HEIGHT } from "./layout";

/** Height of a sticky table head under the app header. */
export const TABLE_HEAD_HEIGHT = 38;

/**
 * Height of one row of the app's long tables, px: compact, one line per cell (about twenty rows
 * at 1280×800). Loading skeletons of these tables use it too, so nothing jumps when rows arrive.
 */
export const TABLE_ROW_HEIGHT = 34;

/**
 * The CSS variable a virtualised table's rows take their height from. `useVirtualGrid` returns it
 * (`tableStyle`) for the table element from the same number it lays the rows out with, so the
 * rows' CSS (`height: var(--table-row-height)`, cells without vertical padding) and the
 * virtualiser cannot disagree.
 */
export const ROW_HEIGHT_VAR = "--table-row-height";

/** The style that gives a table's rows `rowHeight` px (see ROW_HEIGHT_VAR). */
export function rowHeightStyle(rowHeight: number): CSSProperties {
  return { [ROW_HEIGHT_VAR]: `${rowHeight}px` } as CSSProperties;
}

type VirtualGridOptions = {
  /** Rows in the whole list (not only those loaded). */
  total: number;
  /** Every row's height, px (TABLE_ROW_HEIGHT unless given). */
  rowHeight?: number;
  overscan: number;
  /** A new value is a new list: the highlight goes back to its first row. */
  resetKey: string;
  /** Height of the table's sticky head, when it is not one row of TABLE_HEAD_HEIGHT. */
  headHeight?: number;
};

/**
 * A long table that renders only the rows on screen while the page scrolls (the header stays),
 * with one highlighted row the keyboard moves: arrows, Page Up/Down, Home and End; Enter opens
 * it. The table supplies the rows; this owns the window virtualiser and the highlight.
 */
export function useVirtualGrid({
  total,
  rowHeight = TABLE_ROW_HEIGHT,
  overscan,
  resetKey,
  headHeight = TABLE_HEAD_HEIGHT,
}: VirtualGridOptions) {
  const bodyRef = useRef<HTMLTableSectionElement>(null);
  const [scrollMargin, setScrollMargin] = useState(0);
  const [active, setActive] = useState(0);
  // A new list starts highlighted on its first row. Reset while rendering (React's pattern for
  // state that follows a prop), so the old highlight is never painted over the new rows.
  const [listKey, setListKey] = useState(resetKey);
  if (listKey !== resetKey) {
    setListKey(resetKey);
    setActive(0);
  }

  // The list starts where the table body does; whatever sits above it shifts that.
  useLayoutEffect(() => {
    const top = (bodyRef.current?.getBoundingClientRect().top ?? 0) + window.scrollY;
    if (Math.abs(top - scrollMargin) > 1) setScrollMargin(top);
  });

  const virtualizer = useWindowVirtualizer({
    count: total,
    estimateSize: () => rowHeight,
    overscan,
    scrollMargin,
    // The window's size is known now: the first render with data already has its rows (measured
    // only after mounting, the virtualiser would render none and then re-render twice).
    initialRect: { width: window.innerWidth, height: window.innerHeight },
    // Rows scrolled to with the keyboard stay clear of the app header and the sticky table head.
    scrollPaddingStart: HEADER_HEIGHT + headHeight,
  });
  const virtualRows = virtualizer.getVirtualItems();

  const activeIndex = Math.min(active, Math.max(total - 1, 0));

  const move = (index: number) => {
    const next = Math.max(0, Math.min(total - 1, index));
    setActive(next);
    virtualizer.scrollToIndex(next, { align: "auto" });
  };

  /** `open(index)` opens that row if it is loaded and says whether it did. */
  const onKeyDown = (event: KeyboardEvent<HTMLTableElement>, open: (index: number) => boolean) => {
    const visibleRows = Math.max(1, Math.floor((window.innerHeight - HEADER_HEIGHT - headHeight) / rowHeight) - 1);
    const step: Record<string, number> = {
      ArrowDown: 1,
      ArrowUp: -1,
      PageDown: visibleRows,
      PageUp: -visibleRows,
      Home: -Infinity,
      End: Infinity,
    };
    const delta = step[event.key];
    if (delta !== undefined) {
      event.preventDefault();
      move(delta === -Infinity ? 0 : delta === Infinity ? total - 1 : activeIndex + delta);
    } else if (event.key === "Enter" && open(activeIndex)) {
      event.preventDefault();
    }
  };

  const [firstRow] = virtualRows;
  const lastRow = virtualRows[virtualRows.length - 1];
  return {
    /** Rows in the whole list, as given. */
    total,
    bodyRef,
    virtualRows,
    activeIndex,
    setActive,
    onKeyDown,
    activeRendered: virtualRows.some((row) => row.index === activeIndex),
    /** For the table element: its rows' CSS height is the row height laid out here. */
    tableStyle: rowHeightStyle(rowHeight),
    paddingTop: firstRow === undefined ? 0 : firstRow.start - scrollMargin,
    paddingBottom: lastRow === undefined ? 0 : virtualizer.getTotalSize() - (lastRow.end - scrollMargin),
  };
}
