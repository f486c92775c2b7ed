import { IconArrowsSort, IconSortAscending, IconSortDescending } from "@tabler/icons-react";

export function SortIcon({ direction }: { direction: false | "asc" | "desc" }) {
  if (direction === "asc") return <IconSortAscending size={14} aria-hidden />;
  if (direction === "desc") return <IconSortDescending size={14} aria-hidden />;
  return <IconArrowsSort size={14} aria-hidden style={{ opacity: 0.4 }} />;
}

export function ariaSort(direction: false | "asc" | "desc"): "ascending" | "descending" | "none" {
  if (direction === "asc") return "ascending";
  if (direction === "desc") return "descending";
  return "none";
}
