export { ExportMenu } from "./ExportMenu";
export { chosenColumns, type ExportColumn, type ExportTable, exportDate, toExportTable } from "./exportTable";
export { EXPORT_PAGE_SIZE, EXPORT_ROW_CAP, type GatheredPage, gatherPages } from "./gatherPages";
export {
  countOf,
  type GatheredTable,
  type GatherProgress,
  type GatherTable,
  type RowNoun,
  useTableExport,
} from "./useTableExport";
