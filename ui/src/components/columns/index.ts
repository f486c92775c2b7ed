export { ColumnChooser } from "./ColumnChooser";
export { type ColumnSpec, fitColumns } from "./fitColumns";
export {
  type ColumnChoice,
  type ColumnVisibility,
  columnsStorageKey,
  useColumnVisibility,
} from "./useColumnVisibility";
export { useFittedColumns } from "./useFittedColumns";
