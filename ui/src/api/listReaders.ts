import { useMemo } from "react";
import type {
  AuditRow,
  DirectoryGroup,
  FindingSummary,
  InventoryItem,
  RunListRow,
  TenantId,
  WorkspaceId,
} from "../bindings/types";
import { useCommands } from "../platform";
import type { AuditQuery, FindingQuery, InventoryQuery, RunQuery } from "./queryKeys";

/** One page of a list as an export reads it; `total` is null when the backend stopped counting. */
export type ListPage<T> = { items: T[]; total: number | null };

/** Reads `limit` rows from `offset` of one list's filter. */
export type PageReader<T> = (offset: number, limit: number) => Promise<ListPage<T>>;

/**
 * Readers of every page of the long lists, for exports: each read goes to the backend as is
 * (not through the query cache — thousands of rows read once should not be kept there).
 */
export function useListReaders() {
  const commands = useCommands();
  return useMemo(
    () => ({
      runs:
        (workspaceId: WorkspaceId, query: RunQuery): PageReader<RunListRow> =>
        async (offset, limit) => {
          const page = await commands.listRuns({ workspace_id: workspaceId, filter: { ...query, offset, limit } });
          return { items: page.items, total: page.total_capped ? null : page.total };
        },
      audit:
        (workspaceId: WorkspaceId, query: AuditQuery): PageReader<AuditRow> =>
        async (offset, limit) => {
          const page = await commands.listAudit({ workspace_id: workspaceId, filter: { ...query, offset, limit } });
          return { items: page.items, total: page.total };
        },
      findings:
        (workspaceId: WorkspaceId, query: FindingQuery): PageReader<FindingSummary> =>
        async (offset, limit) => {
          const answer = await commands.listFindings({
            workspace_id: workspaceId,
            filter: { ...query, offset, limit },
          });
          const { items, total } = answer.page;
          return { items, total: total >= answer.total_cap ? null : total };
        },
      inventory:
        (tenantId: TenantId, query: InventoryQuery): PageReader<InventoryItem> =>
        async (offset, limit) => {
          const page = await commands.listInventory({ tenant_id: tenantId, filter: { ...query, offset, limit } });
          return { items: page.items, total: page.total };
        },
      groups:
        (tenantId: TenantId, search: string): PageReader<DirectoryGroup> =>
        async (offset, limit) => {
          const term = search.trim();
          const page = await commands.listGroups({
            tenant_id: tenantId,
            offset,
            limit,
            ...(term === "" ? {} : { search: term }),
          });
          return { items: page.items, total: page.total };
        },
    }),
    [commands],
  );
}
