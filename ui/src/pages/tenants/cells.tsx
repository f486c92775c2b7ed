import { ActionIcon, Badge, CopyButton, Group, Text, Tooltip, VisuallyHidden } from "@mantine/core";
import { IconCheck, IconCopy, IconFlask } from "@tabler/icons-react";
import { createContext, useContext } from "react";
import type { LastSync, Tenant } from "../../bindings/types";
import { RelativeTime } from "../../components/RelativeTime";
import { iconFor, present, StatusBadge, toneColor } from "../../vocabulary";
import { SIMULATED_EXPLANATION } from "./labels";

export function SimulatedBadge({ size = "xs" }: { size?: "xs" | "sm" | "md" }) {
  return (
    <Tooltip label={SIMULATED_EXPLANATION} withinPortal>
      <Badge
        size={size}
        variant="light"
        color="violet"
        radius="sm"
        leftSection={<IconFlask size={10} aria-hidden />}
        // Beside a name or domain that truncates, the badge keeps its width.
        style={{ flexShrink: 0 }}
        data-testid="simulated-badge"
      >
        Simulated
      </Badge>
    </Tooltip>
  );
}

/**
 * Whether the buttons in a table row are in the tab order. A table that is one tab stop puts only
 * its highlighted row's there; anywhere else they always are.
 */
export const RowControlsTabbable = createContext(true);

/**
 * Whether a tenant is simulated, where a table row has no room for the word: a flask in the
 * badge's colour, the word for assistive technology and the explanation on hover.
 */
export function SimulatedMark() {
  return (
    <Tooltip label={`Simulated: ${SIMULATED_EXPLANATION}`} withinPortal multiline maw={320}>
      <span
        style={{ display: "inline-flex", flexShrink: 0, color: "var(--mantine-color-violet-6)" }}
        data-testid="simulated-badge"
      >
        <IconFlask size={14} aria-hidden />
        <VisuallyHidden>Simulated</VisuallyHidden>
      </span>
    </Tooltip>
  );
}

/** "contoso.onmicrosoft.com", or that none is recorded. */
export function domainLabel(tenant: Tenant): string {
  return tenant.primary_domain ?? "No domain recorded";
}

/**
 * The name on one line, with the simulated mark; the primary domain is in its title (and the
 * search matches it), so the row stays one line high.
 */
export function TenantName({ tenant }: { tenant: Tenant }) {
  return (
    <Group gap={6} wrap="nowrap" miw={0}>
      <Text
        size="sm"
        fw={500}
        truncate="end"
        miw={0}
        title={`${tenant.display_name} · ${domainLabel(tenant)}`}
        data-testid="tenant-row-name"
      >
        {tenant.display_name}
      </Text>
      {tenant.simulated && <SimulatedMark />}
    </Group>
  );
}

type CopyableIdProps = {
  value: string;
  label: string;
  size?: "xs" | "sm";
  /** Show only the first characters (the whole id is in the tooltip and the clipboard). */
  short?: boolean;
};

/** An id in monospace with a copy button that never triggers the row it sits in. */
export function CopyableId({ value, label, size = "xs", short = false }: CopyableIdProps) {
  const tabbable = useContext(RowControlsTabbable);
  return (
    <Group gap={4} wrap="nowrap">
      {short ? (
        <Tooltip label={value} withinPortal>
          <Text size={size} ff="monospace" c="dimmed" style={{ whiteSpace: "nowrap" }} aria-label={value}>
            {value.slice(0, 8)}…
          </Text>
        </Tooltip>
      ) : (
        <Text size={size} ff="monospace" style={{ wordBreak: "break-all" }}>
          {value}
        </Text>
      )}
      <CopyButton value={value}>
        {({ copied, copy }) => (
          <Tooltip label={copied ? "Copied" : label} withinPortal>
            <ActionIcon
              size="sm"
              variant="subtle"
              color={copied ? "teal" : "gray"}
              aria-label={label}
              tabIndex={tabbable ? undefined : -1}
              onClick={(event) => {
                event.stopPropagation();
                copy();
              }}
              onKeyDown={(event) => event.stopPropagation()}
            >
              {copied ? <IconCheck size={14} aria-hidden /> : <IconCopy size={14} aria-hidden />}
            </ActionIcon>
          </Tooltip>
        )}
      </CopyButton>
    </Group>
  );
}

export function DirectoryId({ value, short = false }: { value: string; short?: boolean }) {
  return <CopyableId value={value} label="Copy directory tenant ID" short={short} />;
}

/** The connection check's state, with when it was checked and why it failed on hover. */
export function ConnectionBadge({ tenant }: { tenant: Tenant }) {
  const check = tenant.connection_check;
  const hint =
    check.checked_at === null
      ? "Never checked: use Verify connection on the tenant."
      : `Checked ${new Date(check.checked_at).toLocaleString()}${check.reason_code === null ? "" : ` · ${present("reason_code", check.reason_code).label}`}`;
  return (
    <Tooltip label={hint} withinPortal multiline maw={320}>
      <span data-testid="connection-badge">
        <StatusBadge domain="connection_state" code={check.state} />
      </span>
    </Tooltip>
  );
}

/** Connection state; a tenant without an app registration says so instead. */
export function ConnectionCell({ tenant }: { tenant: Tenant }) {
  if (!tenant.simulated && tenant.connection === null) {
    return (
      <Text size="xs" c="dimmed" style={{ whiteSpace: "nowrap" }}>
        Not connected
      </Text>
    );
  }
  return <ConnectionBadge tenant={tenant} />;
}

/** When a sync of one kind last completed, with its outcome as a coloured icon. */
export function LastSyncCell({ sync }: { sync: LastSync | undefined }) {
  if (sync === undefined) {
    return (
      <Text size="xs" c="dimmed" data-testid="last-sync" data-outcome="never">
        Never
      </Text>
    );
  }
  const { label, tone, icon } = present("run_outcome", sync.outcome);
  const IconComponent = iconFor(icon);
  return (
    <Group gap={4} wrap="nowrap" data-testid="last-sync" data-outcome={sync.outcome}>
      <Tooltip label={label} withinPortal>
        <IconComponent
          size={14}
          stroke={2}
          color={`var(--mantine-color-${toneColor(tone)}-6)`}
          aria-label={label}
          role="img"
        />
      </Tooltip>
      <RelativeTime value={sync.completed_at} size="xs" />
    </Group>
  );
}

export function PrimaryDomain({ value }: { value: string | null }) {
  return value === null ? (
    <Text size="sm" c="dimmed">
      No domain recorded
    </Text>
  ) : (
    <Text size="sm">{value}</Text>
  );
}
