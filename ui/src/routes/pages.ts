import { type ComponentType, lazy } from "react";

/**
 * Every page inside the frame, each in its own chunk: the window opens with the frame and the
 * page it shows, and a page's code (with what only it uses, such as the date pickers and their
 * styles) loads when the page is first visited.
 */
export const pages = {
  Overview: lazy(() => import("../pages/overview/OverviewPage").then((m) => ({ default: m.OverviewPage }))),
  Tenants: lazy(() => import("../pages/TenantsPage").then((m) => ({ default: m.TenantsPage }))),
  Tenant: lazy(() => import("../pages/tenant/TenantPage").then((m) => ({ default: m.TenantPage }))),
  Object: lazy(() => import("../pages/object/ObjectPage").then((m) => ({ default: m.ObjectPage }))),
  Operations: lazy(() => import("../pages/operations/OperationsPage").then((m) => ({ default: m.OperationsPage }))),
  Run: lazy(() => import("../pages/run/RunPage").then((m) => ({ default: m.RunPage }))),
  Audit: lazy(() => import("../pages/audit/AuditPage").then((m) => ({ default: m.AuditPage }))),
  Baselines: lazy(() => import("../pages/baselines/BaselinesPage").then((m) => ({ default: m.BaselinesPage }))),
  Profile: lazy(() => import("../pages/baselines/ProfilePage").then((m) => ({ default: m.ProfilePage }))),
  Findings: lazy(() => import("../pages/findings/FindingsPage").then((m) => ({ default: m.FindingsPage }))),
} satisfies Record<string, ComponentType>;
