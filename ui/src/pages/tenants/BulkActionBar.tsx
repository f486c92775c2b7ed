import { Button, Group, List, Menu, Modal, Paper, Stack, Text } from "@mantine/core";
import { IconChevronDown, IconPlayerPause, IconPlayerPlay, IconRefresh, IconX } from "@tabler/icons-react";
import { useState } from "react";
import type { SyncKind, Tenant } from "../../bindings/types";
import { SYNC_KINDS, syncKindLabel } from "../../runs";
import { changeVerb, planStatus, planSync, type StatusChange, tenantCount } from "./bulkPlan";
import { useBulkTenantActions } from "./useBulkTenantActions";

type BulkActionBarProps = {
  /** The selected tenants, in the table's order. */
  tenants: readonly Tenant[];
  canSync: boolean;
  canManage: boolean;
  onClear: () => void;
};

/**
 * What can be done with the selected tenants, by the operator's capabilities: sync them (one
 * kind), pause or resume them (after a confirmation naming how many), or clear the selection.
 * Tenants an action cannot apply to are said so before it starts, and left out.
 */
export function BulkActionBar({ tenants, canSync, canManage, onClear }: BulkActionBarProps) {
  const { sync, changeStatus, pending } = useBulkTenantActions();
  const [confirming, setConfirming] = useState<StatusChange | null>(null);
  const syncPlan = planSync(tenants);
  const archived = tenants.filter((tenant) => tenant.status === "archived").length;
  const count = tenantCount(tenants.length);
  // One bulk action at a time: the others wait until it has answered.
  const busy = (action: "sync" | StatusChange) => pending !== null && pending !== action;

  return (
    <Paper withBorder radius="md" px="sm" py={6} data-testid="tenants-bulk">
      <Group gap="sm" wrap="wrap" role="toolbar" aria-label={`Actions for ${count} selected`}>
        <Text size="sm" fw={600} data-testid="bulk-count">
          {count} selected
        </Text>
        {canSync && (
          <Menu position="bottom-start" withinPortal>
            <Menu.Target>
              <Button
                size="xs"
                leftSection={<IconRefresh size={14} aria-hidden />}
                rightSection={<IconChevronDown size={12} aria-hidden />}
                loading={pending === "sync"}
                disabled={syncPlan.eligible.length === 0 || busy("sync")}
                data-testid="bulk-sync"
              >
                Sync
              </Button>
            </Menu.Target>
            <Menu.Dropdown>
              <Menu.Label>Sync {tenantCount(syncPlan.eligible.length)}</Menu.Label>
              {SYNC_KINDS.map((kind: SyncKind) => (
                <Menu.Item key={kind} onClick={() => void sync(tenants, kind)} data-testid={`bulk-sync-${kind}`}>
                  {syncKindLabel(kind)}
                </Menu.Item>
              ))}
            </Menu.Dropdown>
          </Menu>
        )}
        {canManage &&
          (["pause", "resume"] as const).map((change) => (
            <Button
              key={change}
              size="xs"
              variant="default"
              leftSection={
                change === "pause" ? (
                  <IconPlayerPause size={14} aria-hidden />
                ) : (
                  <IconPlayerPlay size={14} aria-hidden />
                )
              }
              loading={pending === change}
              disabled={planStatus(tenants, change).eligible.length === 0 || busy(change)}
              onClick={() => setConfirming(change)}
              data-testid={`bulk-${change}`}
            >
              {changeVerb(change)}
            </Button>
          ))}
        <Button
          size="xs"
          variant="subtle"
          color="gray"
          leftSection={<IconX size={14} aria-hidden />}
          onClick={onClear}
          data-testid="bulk-clear"
        >
          Clear selection
        </Button>
        {canSync && archived > 0 && (
          <Text size="xs" c="dimmed" data-testid="bulk-archived-note">
            {archived === 1 ? "1 selected tenant is archived" : `${archived} selected tenants are archived`}: archived
            tenants cannot be synced.
          </Text>
        )}
      </Group>
      <StatusModal
        change={confirming}
        tenants={tenants}
        pending={pending !== null}
        onCancel={() => setConfirming(null)}
        onConfirm={(change) =>
          void changeStatus(tenants, change).finally(() =>
            setConfirming((current) => (current === change ? null : current)),
          )
        }
      />
    </Paper>
  );
}

type StatusModalProps = {
  change: StatusChange | null;
  tenants: readonly Tenant[];
  pending: boolean;
  onCancel: () => void;
  onConfirm: (change: StatusChange) => void;
};

/** Pause or resume: how many tenants it changes, which are left out and why. */
function StatusModal({ change, tenants, pending, onCancel, onConfirm }: StatusModalProps) {
  const plan = change === null ? null : planStatus(tenants, change);
  const verb = change === null ? "" : changeVerb(change);
  const eligible = plan?.eligible.length ?? 0;
  const count = tenantCount(eligible);
  const them = eligible === 1 ? "this tenant" : `these ${count}`;
  return (
    <Modal opened={change !== null} onClose={onCancel} title={`${verb} ${count}?`} data-testid="bulk-status-modal">
      {change !== null && plan !== null && (
        <Stack gap="md">
          <Text size="sm">
            {change === "pause"
              ? `No new sync starts for ${them} until ${eligible === 1 ? "it is" : "they are"} resumed. Inventory and history are kept.`
              : `Syncs can start for ${them} again, by hand or with Sync all.`}
          </Text>
          <Text size="sm" fw={500} lineClamp={3} data-testid="bulk-status-names">
            {plan.eligible.map((tenant) => tenant.display_name).join(", ")}
          </Text>
          {plan.leftOut.length > 0 && (
            <Stack gap={4}>
              <Text size="sm">{tenantCount(plan.leftOut.length)} left out:</Text>
              <List size="sm" spacing={2} data-testid="bulk-status-left-out">
                {plan.leftOut.map((left) => (
                  <List.Item key={left.tenant.id}>{left.reason}</List.Item>
                ))}
              </List>
            </Stack>
          )}
          <Group justify="flex-end" gap="sm">
            <Button variant="default" onClick={onCancel}>
              Cancel
            </Button>
            <Button loading={pending} onClick={() => onConfirm(change)} data-testid="bulk-status-confirm">
              {verb} {count}
            </Button>
          </Group>
        </Stack>
      )}
    </Modal>
  );
}
