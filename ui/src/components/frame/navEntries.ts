import {
  IconActivityHeartbeat,
  IconArrowsDiff,
  IconBuildingSkyscraper,
  IconCalendarTime,
  IconFileZip,
  IconInfoCircle,
  IconLayoutDashboard,
  IconListDetails,
  IconScale,
  IconSearch,
  IconUsers,
  type TablerIcon,
} from "@tabler/icons-react";
import type { Capability } from "../../bindings/types";

/** A page of the main navigation (and of the command palette's "Pages"). */
export type NavEntry = {
  label: string;
  to: string;
  icon: TablerIcon;
  /** The addresses the entry is current for. */
  current: string[];
  /** Shown only to members who may see the page. */
  capability?: Capability;
  /** Other words an operator may type for the page in the command palette. */
  keywords: string[];
};

/** The pages inside the frame that have a navigation entry, in the sidebar's order. */
export const NAV_ENTRIES: readonly NavEntry[] = [
  { label: "Overview", to: "/", icon: IconLayoutDashboard, current: ["/"], keywords: ["home", "dashboard"] },
  {
    label: "Tenants",
    to: "/tenants",
    icon: IconBuildingSkyscraper,
    current: ["/tenants/*"],
    keywords: ["customers", "add tenant"],
  },
  {
    label: "Baselines",
    to: "/baselines",
    icon: IconScale,
    current: ["/baselines/*"],
    capability: "workspace.baselines.view",
    keywords: ["profiles", "snapshots"],
  },
  {
    label: "Findings",
    to: "/findings",
    icon: IconArrowsDiff,
    current: ["/findings/*"],
    capability: "tenant.view",
    keywords: ["drift"],
  },
  {
    label: "Review packs",
    to: "/review-packs",
    icon: IconFileZip,
    current: ["/review-packs/*"],
    capability: "review_pack.view",
    keywords: ["customer meeting", "zip", "export", "verify", "signature"],
  },
  {
    label: "Operations",
    to: "/operations",
    icon: IconActivityHeartbeat,
    current: ["/operations/*", "/runs/*"],
    capability: "operations.view",
    keywords: ["runs", "syncs", "jobs"],
  },
  {
    label: "Schedules",
    to: "/schedules",
    icon: IconCalendarTime,
    current: ["/schedules/*"],
    capability: "tenant.view",
    keywords: ["scheduled syncs", "cron", "automatic", "nightly"],
  },
  {
    label: "Members",
    to: "/members",
    icon: IconUsers,
    current: ["/members/*"],
    capability: "tenant.view",
    keywords: ["team", "people", "users", "roles", "access", "rename workspace"],
  },
  {
    label: "Audit log",
    to: "/audit",
    icon: IconListDetails,
    current: ["/audit/*"],
    capability: "audit.view",
    keywords: ["history"],
  },
];

/**
 * Search across every tenant: first in the sidebar, last among the command palette's pages (see
 * `PALETTE_PAGES`), where the palette's own search comes first.
 */
export const SEARCH_ENTRY: NavEntry = {
  label: "Search",
  to: "/search",
  icon: IconSearch,
  current: ["/search"],
  capability: "tenant.view",
  keywords: ["find", "settings", "groups", "all tenants"],
};

/**
 * What this copy of TenantAtlas is, its diagnostics and its updates: opened from the operator's
 * menu in the header and from the command palette, not from the sidebar.
 */
export const ABOUT_ENTRY: NavEntry = {
  label: "About TenantAtlas",
  to: "/about",
  icon: IconInfoCircle,
  current: ["/about"],
  keywords: ["version", "updates", "diagnostics", "support", "logs", "commit", "data folder"],
};

/** The sidebar's entries, in order: search first, then the pages. */
export const SIDEBAR_ENTRIES: readonly NavEntry[] = [SEARCH_ENTRY, ...NAV_ENTRIES];

/** The command palette's pages, in order: the pages, then search across every tenant, then About. */
export const PALETTE_PAGES: readonly NavEntry[] = [...NAV_ENTRIES, SEARCH_ENTRY, ABOUT_ENTRY];
