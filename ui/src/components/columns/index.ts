export { ColumnChooser } from "./ColumnChooser";
export { ColumnResizeHandle, ResizableTh } from "./ColumnResizeHandle";
export { columnWidthsStorageKey, MAX_COLUMN_WIDTH, RESIZE_STEP, SELECT_COLUMN_WIDTH } from "./columnWidths";
export { type ColumnSpec, type ColumnWidths, countedWidth, fitColumns } from "./fitColumns";
export {
  type ColumnChoice,
  type ColumnLayout,
  type ColumnResizer,
  type ColumnVisibility,
  columnsStorageKey,
  useColumnVisibility,
} from "./useColumnVisibility";
export { useFittedColumns } from "./useFittedColumns";
