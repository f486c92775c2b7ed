import {
  IconActivityHeartbeat,
  IconArrowsDiff,
  IconBuildingSkyscraper,
  IconLayoutDashboard,
  IconListDetails,
  IconScale,
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
    label: "Operations",
    to: "/operations",
    icon: IconActivityHeartbeat,
    current: ["/operations/*", "/runs/*"],
    capability: "operations.view",
    keywords: ["runs", "syncs", "jobs"],
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
