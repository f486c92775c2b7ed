import { Badge, Indicator, NavLink, Stack, Tooltip } from "@mantine/core";
import { matchPath, NavLink as RouterNavLink, useLocation } from "react-router";
import { useActiveRunsData } from "../../api";
import type { WorkspaceId } from "../../bindings/types";
import { isLikelyStale } from "../../runs";
import { present, toneColor } from "../../vocabulary";
import { useCan } from "../../workspace";
import { useNow } from "../useNow";
import classes from "./MainNav.module.css";
import { type NavEntry, SIDEBAR_ENTRIES } from "./navEntries";

/**
 * The pages a member may open. Collapsed, each is its icon, named by a tooltip and to assistive
 * technology; the active-run count rides on the Operations icon.
 */
export function MainNav({ workspaceId, collapsed }: { workspaceId: WorkspaceId; collapsed: boolean }) {
  const can = useCan(workspaceId);
  const { pathname } = useLocation();
  return (
    <Stack gap={2}>
      {SIDEBAR_ENTRIES.filter((entry) => entry.capability === undefined || can(entry.capability)).map((entry) => {
        const active = entry.current.some((pattern) => matchPath(pattern, pathname) !== null);
        return entry.to === "/operations" ? (
          <OperationsItem
            key={entry.to}
            entry={entry}
            active={active}
            collapsed={collapsed}
            workspaceId={workspaceId}
          />
        ) : (
          <NavItem key={entry.to} entry={entry} active={active} collapsed={collapsed} activity={null} />
        );
      })}
    </Stack>
  );
}

type ItemProps = { entry: NavEntry; active: boolean; collapsed: boolean };

/** Operations carries the count of active runs (its members may see runs). */
function OperationsItem({ workspaceId, ...props }: ItemProps & { workspaceId: WorkspaceId }) {
  const active = useActiveRunsData(workspaceId);
  const now = useNow(5_000).getTime();
  const total = active.data?.total ?? 0;
  const stale = (active.data?.items ?? []).some((row) => isLikelyStale(row.run, now));
  return <NavItem {...props} activity={total > 0 ? { total, stale } : null} />;
}

function NavItem({ entry, active, collapsed, activity }: ItemProps & { activity: Activity | null }) {
  const Icon = entry.icon;
  if (!collapsed) {
    return (
      <NavLink
        component={RouterNavLink}
        to={entry.to}
        label={entry.label}
        active={active}
        leftSection={<Icon size={16} aria-hidden />}
        rightSection={activity === null ? undefined : <ActiveBadge activity={activity} />}
      />
    );
  }
  const name = activity === null ? entry.label : `${entry.label} (${activityLabel(activity)})`;
  return (
    <Tooltip label={name} position="right" withinPortal>
      <NavLink
        component={RouterNavLink}
        to={entry.to}
        aria-label={name}
        active={active}
        classNames={{ root: classes.iconOnly, section: classes.iconSection, body: classes.hiddenBody }}
        leftSection={
          <Indicator
            label={activity?.total.toLocaleString()}
            size={14}
            offset={-2}
            color={activity?.stale ? staleColor() : "blue"}
            disabled={activity === null}
            data-testid={activity === null ? undefined : "nav-active-count"}
          >
            <Icon size={20} aria-hidden />
          </Indicator>
        }
      />
    </Tooltip>
  );
}

type Activity = { total: number; stale: boolean };

function activityLabel({ total, stale }: Activity): string {
  return `${total.toLocaleString()} active${stale ? ", some likely stale" : ""}`;
}

function staleColor(): string {
  return toneColor(present("freshness", "likely_stale").tone);
}

/** The count beside Operations, in the warning tone when a run is likely stale. */
function ActiveBadge({ activity }: { activity: Activity }) {
  return (
    <Tooltip label={activity.stale ? "Active runs, some likely stale" : "Active runs"} withinPortal>
      <Badge
        size="sm"
        variant="light"
        color={activity.stale ? staleColor() : toneColor(present("freshness", "fresh_active").tone)}
        radius="sm"
        data-testid="nav-active-count"
      >
        {activity.total.toLocaleString()}
      </Badge>
    </Tooltip>
  );
}
