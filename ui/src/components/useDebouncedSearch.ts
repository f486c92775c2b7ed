import { useDebouncedValue } from "@mantine/hooks";
import { useEffect, useLayoutEffect, useRef, useState } from "react";

/** How long typing must pause before a search box's text filters the list. */
const SEARCH_DEBOUNCE_MS = 300;

/**
 * A search box bound to a view with a `search` field: the box's text is written into the view
 * once typing pauses (into the latest view, since other controls may change it meanwhile), and
 * the box follows a search the view gets from elsewhere ("Clear filters" empties it, a saved
 * filter fills it in).
 */
export function useDebouncedSearch<V extends { search: string | null }>(
  view: V,
  onChange: (view: V) => void,
): [string, (text: string) => void] {
  const [text, setText] = useState(view.search ?? "");
  const [debounced] = useDebouncedValue(text, SEARCH_DEBOUNCE_MS);
  const latest = useRef({ view, onChange });
  useLayoutEffect(() => {
    latest.current = { view, onChange };
  });
  // The search this box last wrote (or was given): a view's search that differs came from elsewhere.
  const known = useRef(view.search);
  useEffect(() => {
    const { view: current, onChange: change } = latest.current;
    const search = debounced.trim() === "" ? null : debounced;
    if (search === current.search) return;
    known.current = search;
    change({ ...current, search });
  }, [debounced]);
  const external = view.search;
  useEffect(() => {
    if (external === known.current) return;
    known.current = external;
    // Text that already means this search (only spaces for none) is left as typed.
    setText((current) => ((current.trim() === "" ? null : current) === external ? current : (external ?? "")));
  }, [external]);
  return [text, setText];
}
