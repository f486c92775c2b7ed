import { useLocalStorage } from "@mantine/hooks";
import { useCallback, useMemo } from "react";
import {
  type DeletedFilter,
  deleteFilter,
  restoreFilter,
  type SavedFilter,
  savedFiltersStorageKey,
  saveFilter,
  storedFilters,
} from "./savedFilters";

/** A table's saved filters, remembered in this window's storage (per table, across workspaces). */
export function useSavedFilters(tableId: string) {
  const [stored, setStored] = useLocalStorage<SavedFilter[]>({
    key: savedFiltersStorageKey(tableId),
    defaultValue: [],
    getInitialValueInEffect: false,
  });
  const filters = useMemo(() => storedFilters(stored), [stored]);
  const save = useCallback(
    (name: string, query: string) => setStored((current) => saveFilter(storedFilters(current), name, query)),
    [setStored],
  );
  const remove = useCallback(
    (name: string): DeletedFilter | null => {
      const { filters: rest, deleted } = deleteFilter(filters, name);
      if (deleted !== null) setStored(rest);
      return deleted;
    },
    [filters, setStored],
  );
  const restore = useCallback(
    (deleted: DeletedFilter) => setStored((current) => restoreFilter(storedFilters(current), deleted)),
    [setStored],
  );
  return { filters, save, remove, restore };
}
