import { vi } from "vitest";
import type { Commands } from "../bindings/commands";
import { appInfo, demoTenants, workspaceSummary } from "./fixtures";

/**
 * A `Commands` whose every function is a vi.fn() answering with the fixtures: one workspace
 * holding the demo tenants. Override any command per test.
 */
export function fakeCommands(overrides: Partial<Commands> = {}): Commands {
  const tenants = new Map(demoTenants.map((t) => [t.id, t]));
  return {
    appInfo: vi.fn(async () => appInfo()),
    listWorkspaces: vi.fn(async () => [workspaceSummary()]),
    listTenants: vi.fn(async () => demoTenants),
    getTenant: vi.fn(async ({ tenant_id }) => {
      const found = tenants.get(tenant_id);
      if (found === undefined) throw { code: "not_found", message: `Tenant ${tenant_id} was not found.` };
      return found;
    }),
    createDemoWorkspace: vi.fn(async () => ({ workspace: workspaceSummary(), created: true, tenants: demoTenants })),
    ...overrides,
  };
}

/** A promise the test settles by hand, to observe in-between states. */
export function deferred<T>() {
  let resolve!: (value: T) => void;
  let reject!: (reason: unknown) => void;
  const promise = new Promise<T>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  return { promise, resolve, reject };
}
