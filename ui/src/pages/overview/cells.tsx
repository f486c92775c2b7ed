import { Anchor, Badge, Group, Text, Tooltip } from "@mantine/core";
import { IconKey, IconKeyOff } from "@tabler/icons-react";
import type { MouseEvent } from "react";
import { Link } from "react-router";
import type { Severity, TenantOverview } from "../../bindings/types";
import { present, StatusBadge, toneColor } from "../../vocabulary";
import { SEVERITIES } from "../findings/codes";
import { ConnectionCell, domainLabel, SimulatedMark } from "../tenants/cells";
import { expiryDate, warningHeadline } from "../tenants/credentialExpiry";
import { failedRunsHref, openFindingsHref, staleRunsHref, tenantHref } from "./links";
import { openFindings } from "./overviewView";

/** What a cell needs besides its row. */
export type CellContext = {
  now: Date;
  /** The operator may open the operations index: run counts link there. */
  canViewRuns: boolean;
  /**
   * Links of the highlighted row are in the tab order, the others are not: Tab from the table
   * reaches the highlighted tenant's links, not those of every row on screen.
   */
  tabbable: boolean;
};

/** A link inside a clickable row: it goes where it says, not where the row would. */
const keepToLink = (event: MouseEvent) => event.stopPropagation();

/**
 * The tenant's name (to its page) on one line, with whether it is paused or archived and the
 * simulated mark; the primary domain is in the name's title.
 */
export function TenantNameCell({ row, tabbable }: { row: TenantOverview; tabbable: boolean }) {
  const { tenant } = row;
  return (
    <Group gap={6} wrap="nowrap" miw={0}>
      <Anchor
        component={Link}
        to={tenantHref(tenant.id)}
        size="sm"
        fw={600}
        truncate="end"
        miw={0}
        title={`${tenant.display_name} · ${domainLabel(tenant)}`}
        tabIndex={tabbable ? 0 : -1}
        onClick={keepToLink}
        data-testid="overview-tenant-link"
      >
        {tenant.display_name}
      </Anchor>
      {tenant.simulated && <SimulatedMark />}
      {tenant.status !== "active" && <StatusBadge domain="tenant_status" code={tenant.status} size="xs" />}
    </Group>
  );
}

/**
 * The connection as the last check found it, led by a key when the tenant's secret or certificate
 * ends within 30 days (yellow) or has ended (red): the backend's warning, worded with its date
 * and the next step on hover and for assistive technology.
 */
export function ConnectionWithExpiryCell({ row }: { row: TenantOverview }) {
  const warning = row.credential_warning;
  if (warning === undefined) return <ConnectionCell tenant={row.tenant} />;
  const connection = row.tenant.connection;
  const kind = connection?.credential_kind ?? "client_secret";
  const ends = connection?.credential_expiry;
  const headline = `${warningHeadline(kind, warning)}${ends === undefined ? "" : ` (${expiryDate(ends.expires_at)})`}`;
  const ended = warning.state === "expired";
  const Icon = ended ? IconKeyOff : IconKey;
  return (
    <Group gap={4} wrap="nowrap">
      <Tooltip
        label={`${headline}: create a new ${kind === "client_secret" ? "secret" : "certificate"} and update the tenant's connection.`}
        multiline
        maw={300}
        withinPortal
      >
        <Icon
          size={16}
          stroke={2}
          color={`var(--mantine-color-${ended ? "red-6" : "yellow-7"})`}
          role="img"
          aria-label={headline}
          style={{ flexShrink: 0 }}
          data-testid="credential-warning"
          data-state={warning.state}
        />
      </Tooltip>
      <ConnectionCell tenant={row.tenant} />
    </Group>
  );
}

type CountLinkProps = {
  count: number;
  to: string | undefined;
  /** What a linked count is, for assistive technology: "3 failed runs of Contoso in the last 7 days". */
  label: string;
  color: string;
  tabbable: boolean;
  testId: string;
};

/** A count that opens the list behind it; a zero is quiet and goes nowhere. */
function CountLink({ count, to, label, color, tabbable, testId }: CountLinkProps) {
  if (count === 0) {
    return (
      <Text size="sm" c="dimmed" data-testid={testId}>
        0
      </Text>
    );
  }
  if (to === undefined) {
    return (
      <Text size="sm" fw={600} c={color} data-testid={testId}>
        {count.toLocaleString()}
      </Text>
    );
  }
  return (
    <Anchor
      component={Link}
      to={to}
      size="sm"
      fw={600}
      c={color}
      aria-label={label}
      tabIndex={tabbable ? 0 : -1}
      onClick={keepToLink}
      data-testid={testId}
    >
      {count.toLocaleString()}
    </Anchor>
  );
}

function plural(count: number, one: string, many: string): string {
  return `${count.toLocaleString()} ${count === 1 ? one : many}`;
}

export function FailedRunsCell({ row, now, canViewRuns, tabbable }: { row: TenantOverview } & CellContext) {
  const count = row.failed_runs_7d;
  return (
    <CountLink
      count={count}
      to={canViewRuns ? failedRunsHref(now, row.tenant.id) : undefined}
      label={`${plural(count, "failed run", "failed runs")} of ${row.tenant.display_name} in the last 7 days`}
      color={`${toneColor(present("run_outcome", "failed").tone)}.7`}
      tabbable={tabbable}
      testId="tenant-failed-runs"
    />
  );
}

export function StaleRunsCell({ row, canViewRuns, tabbable }: { row: TenantOverview } & CellContext) {
  const count = row.likely_stale_runs;
  return (
    <CountLink
      count={count}
      to={canViewRuns ? staleRunsHref(row.tenant.id) : undefined}
      label={`${plural(count, "likely stale run", "likely stale runs")} of ${row.tenant.display_name}`}
      color={`${toneColor(present("freshness", "likely_stale").tone)}.8`}
      tabbable={tabbable}
      testId="tenant-stale-runs"
    />
  );
}

/** Shades within a tone, as the Findings chart uses them, so severities sharing a colour read apart. */
const SHADE: Record<Severity, number> = { critical: 8, high: 6, medium: 6, low: 5, info: 4 };

/**
 * Open findings by severity, most severe first: one chip per severity that has any, each opening
 * the tenant's open findings of that severity. The chip shows the severity's initial; its full
 * name is in the tooltip and the accessible name.
 */
export function FindingsCell({ row, tabbable }: { row: TenantOverview; tabbable: boolean }) {
  const shown = SEVERITIES.filter((severity) => openFindings(row, severity) > 0);
  if (shown.length === 0) {
    return (
      <Text size="xs" c="dimmed" data-testid="tenant-findings-none">
        None open
      </Text>
    );
  }
  return (
    <Group gap={4} wrap="nowrap" data-testid="tenant-findings">
      {shown.map((severity) => {
        const count = openFindings(row, severity);
        const { label, tone } = present("severity", severity);
        const name = `${plural(count, `open ${label.toLowerCase()} finding`, `open ${label.toLowerCase()} findings`)} of ${row.tenant.display_name}`;
        return (
          <Tooltip key={severity} label={`${label}: ${count.toLocaleString()} open`} withinPortal>
            <Badge
              component={Link}
              to={openFindingsHref({ tenantId: row.tenant.id, severity })}
              size="sm"
              radius="sm"
              variant="light"
              color={`${toneColor(tone)}.${SHADE[severity]}`}
              aria-label={name}
              tabIndex={tabbable ? 0 : -1}
              onClick={keepToLink}
              style={{ cursor: "pointer" }}
              data-severity={severity}
            >
              {label.charAt(0)} {count.toLocaleString()}
            </Badge>
          </Tooltip>
        );
      })}
    </Group>
  );
}
