export { SavedFiltersMenu } from "./SavedFiltersMenu";
export { type SavedFilter, savedFiltersStorageKey } from "./savedFilters";
