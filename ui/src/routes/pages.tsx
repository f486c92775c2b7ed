import { type ComponentType, lazy, useMemo } from "react";

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
  CustomerReview: () => import("../pages/review/CustomerReviewPage").then((m) => ({ default: m.CustomerReviewPage })),
  NewRestore: () => import("../pages/restores/NewRestorePage").then((m) => ({ default: m.NewRestorePage })),
  Restore: () => import("../pages/restores/RestorePage").then((m) => ({ default: m.RestorePage })),
  Operations: () => import("../pages/operations/OperationsPage").then((m) => ({ default: m.OperationsPage })),
  Run: () => import("../pages/run/RunPage").then((m) => ({ default: m.RunPage })),
  Audit: () => import("../pages/audit/AuditPage").then((m) => ({ default: m.AuditPage })),
  Baselines: () => import("../pages/baselines/BaselinesPage").then((m) => ({ default: m.BaselinesPage })),
  Profile: () => import("../pages/baselines/ProfilePage").then((m) => ({ default: m.ProfilePage })),
  Findings: () => import("../pages/findings/FindingsPage").then((m) => ({ default: m.FindingsPage })),
  Search: () => import("../pages/search/SearchPage").then((m) => ({ default: m.SearchPage })),
  Schedules: () => import("../pages/schedules/SchedulesPage").then((m) => ({ default: m.SchedulesPage })),
  ReviewPacks: () => import("../pages/packs/ReviewPacksPage").then((m) => ({ default: m.ReviewPacksPage })),
  Members: () => import("../pages/members/MembersPage").then((m) => ({ default: m.MembersPage })),
  About: () => import("../pages/about/AboutPage").then((m) => ({ default: m.AboutPage })),
} satisfies Record<string, Loader>;

export type PageName = keyof typeof loaders;

/** Page components whose code has arrived, by name. */
const loaded = new Map<PageName, ComponentType>();

function load(name: PageName): Promise<{ default: ComponentType }> {
  return loaders[name]().then((module) => {
    loaded.set(name, module.default);
    return module;
  });
}

const lazyPages = Object.fromEntries(
  (Object.keys(loaders) as PageName[]).map((name) => [name, lazy(() => load(name))]),
) as unknown as Record<PageName, ComponentType>;

/** The page's own component once its code has arrived, else one that loads it (and suspends). */
export function pageComponent(name: PageName): ComponentType {
  return loaded.get(name) ?? lazyPages[name];
}

/**
 * A page that renders its code directly once it has arrived and suspends only before that.
 * `lazy` alone would suspend on the first visit even after a preload (its promise settles a
 * tick later), and React then holds the revealed page back for its fallback's minimum time.
 */
export function Page({ name }: { name: PageName }) {
  // Chosen once per page: switching from the lazy to the loaded component later would remount it.
  const Component = useMemo(() => pageComponent(name), [name]);
  return <Component />;
}

/** How long after the first page shows the other pages' code starts loading. */
export const PRELOAD_AFTER_MS = 2_000;

/** Loads every page's code in the background, one chunk after another, so a first visit does not wait for it. */
export async function preloadPages(): Promise<void> {
  for (const name of Object.keys(loaders) as PageName[]) {
    await load(name).catch(() => undefined);
  }
}
