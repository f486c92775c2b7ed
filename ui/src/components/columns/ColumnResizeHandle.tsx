import { Table, type TableThProps } from "@mantine/core";
import { type KeyboardEvent, type PointerEvent, useLayoutEffect, useRef, useState } from "react";
import classes from "./ColumnResizeHandle.module.css";
import { RESIZE_STEP } from "./columnWidths";
import type { ColumnResizer } from "./useColumnVisibility";

/** The width the header is rendered at, else the width the table was told (jsdom lays nothing out). */
function currentWidth(handle: HTMLElement, resizer: ColumnResizer): number {
  const rendered = handle.parentElement?.getBoundingClientRect().width ?? 0;
  return rendered > 0 ? rendered : (resizer.width ?? resizer.bounds.min);
}

/**
 * The edge of a column's header the operator drags to resize it (double-click: back to its own
 * width), or focuses and moves with Left and Right (Shift: further), Home and End (narrowest,
 * widest). The arrows move the edge as it is drawn, so on a column resized by its left edge
 * Left widens it. Keys and clicks stay with the handle, never reaching the table's grid.
 */
export function ColumnResizeHandle({ resizer }: { resizer: ColumnResizer }) {
  const [dragging, setDragging] = useState(false);
  // A drag outlives the render that started it: it always resizes through the newest bounds.
  const latest = useRef(resizer);
  useLayoutEffect(() => {
    latest.current = resizer;
  });
  const stopDrag = useRef<(() => void) | null>(null);
  useLayoutEffect(() => () => stopDrag.current?.(), []);

  const onPointerDown = (event: PointerEvent<HTMLDivElement>) => {
    if (event.button !== 0) return;
    event.preventDefault();
    event.stopPropagation();
    const startX = event.clientX;
    const startWidth = currentWidth(event.currentTarget, resizer);
    // Captured, the pointer keeps the handle's shape wherever it is dragged to.
    if (typeof event.currentTarget.setPointerCapture === "function")
      event.currentTarget.setPointerCapture(event.pointerId);
    const move = (moved: globalThis.PointerEvent) => {
      const dx = moved.clientX - startX;
      latest.current.setWidth(startWidth + (latest.current.edge === "end" ? dx : -dx));
    };
    const stop = () => {
      window.removeEventListener("pointermove", move);
      window.removeEventListener("pointerup", stop);
      window.removeEventListener("pointercancel", stop);
      document.body.classList.remove(classes.dragging ?? "");
      stopDrag.current = null;
      setDragging(false);
    };
    window.addEventListener("pointermove", move);
    window.addEventListener("pointerup", stop);
    window.addEventListener("pointercancel", stop);
    document.body.classList.add(classes.dragging ?? "");
    stopDrag.current = stop;
    setDragging(true);
  };

  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>) => {
    event.stopPropagation();
    const step = event.shiftKey ? RESIZE_STEP * 4 : RESIZE_STEP;
    const width = currentWidth(event.currentTarget, resizer);
    const wider = resizer.edge === "end" ? "ArrowRight" : "ArrowLeft";
    const narrower = resizer.edge === "end" ? "ArrowLeft" : "ArrowRight";
    const next: Record<string, number> = {
      [wider]: width + step,
      [narrower]: width - step,
      Home: resizer.bounds.min,
      End: resizer.bounds.max,
    };
    const target = next[event.key];
    if (target === undefined) return;
    event.preventDefault();
    resizer.setWidth(target);
  };

  const now = Math.round(resizer.width ?? resizer.bounds.min);
  return (
    // biome-ignore lint/a11y/useSemanticElements: a focusable splitter that is dragged; an <hr> cannot hold focus or take keys.
    <div
      role="separator"
      aria-orientation="vertical"
      aria-label={`Resize ${resizer.title}`}
      aria-valuenow={now}
      aria-valuemin={resizer.bounds.min}
      aria-valuemax={resizer.bounds.max}
      aria-valuetext={`${now} px wide`}
      tabIndex={0}
      title="Drag to resize · double-click for its own width"
      className={classes.handle}
      data-edge={resizer.edge}
      data-dragging={dragging || undefined}
      data-testid={`resize-${resizer.key}`}
      onPointerDown={onPointerDown}
      onKeyDown={onKeyDown}
      onDoubleClick={(event) => {
        event.stopPropagation();
        resizer.reset();
      }}
      onClick={(event) => event.stopPropagation()}
    />
  );
}

/**
 * A table header that the operator can resize, when its column has a resizer. The handle comes
 * first in a header resized by its left edge and last in one resized by its right, so Tab meets
 * it where it is drawn. Its own label would otherwise join the header's name ("Status Resize
 * Status"), so the header is named explicitly: `label`, else the column's title.
 */
export function ResizableTh({
  resizer,
  label,
  className,
  children,
  ...props
}: TableThProps & { resizer: ColumnResizer | null; label?: string }) {
  if (resizer === null) {
    return (
      <Table.Th {...props} className={className}>
        {children}
      </Table.Th>
    );
  }
  const handle = <ColumnResizeHandle resizer={resizer} />;
  return (
    <Table.Th {...props} aria-label={label ?? resizer.title} className={`${classes.header} ${className ?? ""}`.trim()}>
      {resizer.edge === "start" && handle}
      {children}
      {resizer.edge === "end" && handle}
    </Table.Th>
  );
}
