import { type ComponentType, type LazyExoticComponent, lazy } from "react";

type Loader = () => Promise<{ default: ComponentType }>;

/**
 * How each page inside the frame is loaded, each from its own chunk: the window opens with the
 * frame and the page it shows, and a page's code (with what only it uses, such as the date
 * pickers and their styles) loads when the page is first visited, or earlier, once the window is
 * idle (see `preloadPages`).
 */
const loaders = {
  Overview: () => import("../pages/overview/OverviewPage").then((m) => ({ default: m.OverviewPage })),
  Tenants: () => import("../pages/TenantsPage").then((m) => ({ default: m.TenantsPage })),
  Tenant: () => import("../pages/tenant/TenantPage").then((m) => ({ default: m.TenantPage })),
  Object: () => import("../pages/object/ObjectPage").then((m) => ({ default: m.ObjectPage })),
  Operations: () => import("../pages/operations/OperationsPage").then((m) => ({ default: m.OperationsPage })),
  Run: () => import("../pages/run/RunPage").then((m) => ({ default: m.RunPage })),
  Audit: () => import("../pages/audit/AuditPage").then((m) => ({ default: m.AuditPage })),
  Baselines: () => import("../pages/baselines/BaselinesPage").then((m) => ({ default: m.BaselinesPage })),
  Profile: () => import("../pages/baselines/ProfilePage").then((m) => ({ default: m.ProfilePage })),
  Findings: () => import("../pages/findings/FindingsPage").then((m) => ({ default: m.FindingsPage })),
} satisfies Record<string, Loader>;

type Pages = { [Name in keyof typeof loaders]: LazyExoticComponent<ComponentType> };

function lazyPages(): Pages {
  const out: Partial<Pages> = {};
  for (const name of Object.keys(loaders) as (keyof typeof loaders)[]) out[name] = lazy(loaders[name]);
  return out as Pages;
}

export const pages = lazyPages();

/** How long after the first page shows the other pages' code starts loading. */
export const PRELOAD_AFTER_MS = 2_000;

/**
 * Loads every page's code in the background, one chunk after another, so a first visit does not
 * wait for it (the browser keeps each module; a later `lazy` load resolves from it).
 */
export async function preloadPages(): Promise<void> {
  for (const load of Object.values(loaders)) {
    await load().catch(() => undefined);
  }
}
