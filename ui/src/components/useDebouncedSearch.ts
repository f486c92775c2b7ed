import { useDebouncedValue } from "@mantine/hooks";
import { useEffect, useLayoutEffect, useRef, useState } from "react";

/** How long typing must pause before a search box's text filters the list. */
const SEARCH_DEBOUNCE_MS = 300;

/**
 * A search box bound to a view with a `search` field: the box's text is written into the view
 * once typing pauses (into the latest view, since other controls may change it meanwhile), and
 * the box empties when the view's search is cleared ("Clear filters").
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
  useEffect(() => {
    const { view: current, onChange: change } = latest.current;
    const search = debounced.trim() === "" ? null : debounced;
    if (search !== current.search) change({ ...current, search });
  }, [debounced]);
  const searchCleared = view.search === null;
  useEffect(() => {
    if (searchCleared) setText((current) => (current.trim() === "" ? current : ""));
  }, [searchCleared]);
  return [text, setText];
}
