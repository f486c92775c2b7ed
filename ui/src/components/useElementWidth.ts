import { useCallback, useRef, useState } from "react";

/**
 * The width, in whole pixels (rounded down: what is laid out in it must fit, so never half a
 * pixel more than there is), of the element `ref` is put on: read as the element attaches (the
 * render after that already knows it) and again whenever the width changes. Only the width is
 * state, so a table growing taller as its rows arrive is not rendered again for it.
 */
export function useElementWidth<T extends HTMLElement>(): { ref: (element: T | null) => void; width: number } {
  const [width, setWidth] = useState(0);
  const observer = useRef<ResizeObserver | null>(null);
  // Compared here, not left to React: a same-value update can still render the component once.
  const last = useRef(0);
  const update = useCallback((next: number) => {
    if (next === last.current) return;
    last.current = next;
    setWidth(next);
  }, []);
  const ref = useCallback(
    (element: T | null) => {
      observer.current?.disconnect();
      observer.current = null;
      if (element === null) return;
      update(Math.floor(element.getBoundingClientRect().width));
      observer.current = new ResizeObserver(([entry]) => {
        const box = entry?.borderBoxSize?.[0];
        if (entry !== undefined) update(Math.floor(box?.inlineSize ?? entry.contentRect.width));
      });
      observer.current.observe(element);
    },
    [update],
  );
  return { ref, width };
}
