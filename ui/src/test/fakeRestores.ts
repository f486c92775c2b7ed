import { vi } from "vitest";
import type { Commands } from "../bindings/commands";
import type { ApiError, Restore, RestoreId } from "../bindings/types";

/** What the fake restore backend holds: restores by id, as the backend lists them. */
export type RestoreState = { restores: Restore[]; tenantNames: Record<string, string> };

export function restoreState(initial: Partial<RestoreState> = {}): RestoreState {
  return { restores: [], tenantNames: {}, ...initial };
}

type RestoreCommands = Pick<Commands, "previewRestore" | "listRestores" | "getRestore">;

function notFound(what: string): ApiError {
  return { code: "not_found", message: `${what} was not found.` };
}

/**
 * Restores as the backend reads them back. Starting a preview is not faked here: a test that
 * starts one passes its own `previewRestore`, so no test sees a preview nobody asked for.
 */
export function fakeRestores(state: RestoreState = restoreState()): RestoreCommands {
  const find = (id: RestoreId) => state.restores.find((r) => r.id === id);
  return {
    previewRestore: vi.fn(async () => {
      throw notFound("Restore previews in this test");
    }),
    listRestores: vi.fn(async ({ tenant_id }) =>
      state.restores.filter((r) => r.tenant_id === tenant_id).sort((a, b) => b.created_at.localeCompare(a.created_at)),
    ),
    getRestore: vi.fn(async ({ restore_id }) => {
      const restore = find(restore_id);
      if (restore === undefined) throw notFound("Restore");
      return {
        restore,
        tenant_name: state.tenantNames[restore.tenant_id] ?? restore.tenant_id,
        source_tenant_name: state.tenantNames[restore.source_tenant_id] ?? restore.source_tenant_id,
      };
    }),
  };
}
