import { Button, Group, Skeleton, Stack, Table, Text, Title, Tooltip } from "@mantine/core";
import { IconCalendarPlus, IconDatabaseExport } from "@tabler/icons-react";
import { type ReactNode, useState } from "react";
import { useSearchParams } from "react-router";
import { useBackupSets } from "../../api";
import type { BackupSetId, Tenant } from "../../bindings/types";
import { ColumnChooser, useFittedColumns } from "../../components/columns";
import { EmptyState } from "../../components/EmptyState";
import { ErrorState } from "../../components/ErrorState";
import { PageHeader } from "../../components/PageHeader";
import { slots } from "../../components/slots";
import { TABLE_ROW_HEIGHT } from "../../components/useVirtualGrid";
import { useTenantBackup } from "../../runs";
import { useCan } from "../../workspace";
import { usePolicyTypes } from "../baselines/policyTypes";
import { RestorePreviews } from "../restores/RestorePreviews";
import { ScheduleFormModal } from "../schedules/ScheduleFormModal";
import { BackupSchedules } from "./BackupSchedules";
import { BackupSetDrawer } from "./BackupSetDrawer";
import { BACKUP_SET_COLUMNS, BackupSetsTable } from "./BackupSetsTable";
import { SET_PARAM } from "./backupLinks";
import { ImportButton, ImportDialog } from "./ImportEntry";
import { LatestExportMenu } from "./LatestExportMenu";
import { useMadeBy } from "./useMadeBy";

/**
 * The tenant's backups: every backup set, newest first (one opens in a drawer, kept in the
 * address as `set`, from which a restore preview starts), the restore previews onto the tenant,
 * the schedules that back the tenant up, and — for members who may sync — Back up now, Schedule
 * backups and Import (another tool's backup folder). Follows a capturing set through its run's
 * events and every 5 s until it finishes.
 */
export function BackupsTab({ tenant }: { tenant: Tenant }) {
  const canSync = useCan(tenant.workspace_id)("tenant.sync");
  const sets = useBackupSets(tenant.id);
  const [params, setParams] = useSearchParams();
  const openId = params.get(SET_PARAM);
  const columns = useFittedColumns("backup-sets", BACKUP_SET_COLUMNS);
  const madeBy = useMadeBy(tenant.workspace_id);
  const types = usePolicyTypes();
  const [scheduling, setScheduling] = useState(false);
  const [importing, setImporting] = useState(false);

  const setOpen = (id: BackupSetId | null) =>
    setParams(
      (current) => {
        const next = new URLSearchParams(current);
        if (id === null) next.delete(SET_PARAM);
        else next.set(SET_PARAM, id);
        return next;
      },
      { replace: true },
    );

  const actions = canSync ? (
    <>
      <ImportButton onClick={() => setImporting(true)} />
      <Button
        variant="default"
        leftSection={<IconCalendarPlus size={16} aria-hidden />}
        onClick={() => setScheduling(true)}
        data-testid="schedule-backups"
      >
        Schedule backups…
      </Button>
      <BackUpNowButton tenant={tenant} />
    </>
  ) : null;
  const list = sets.data ?? [];

  return (
    <Stack gap="lg" data-testid="backups-tab">
      <Stack gap="sm">
        <PageHeader
          heading={
            <Stack gap={2}>
              <Group gap="xs" align="baseline">
                <Title order={3} size="h4">
                  Backup sets
                </Title>
                {list.length > 0 && (
                  <Text size="sm" c="dimmed" data-testid="backup-count">
                    {list.length.toLocaleString()} · ↑ ↓ move, Enter opens one
                  </Text>
                )}
              </Group>
              <Text size="sm" c="dimmed">
                Each backup keeps the version every policy of {tenant.display_name} had at that moment.
              </Text>
            </Stack>
          }
          actions={
            <>
              {list.length > 0 && <ColumnChooser table="Backup sets" visibility={columns} />}
              {/* Any viewer may export or document, and the tenant's synced versions are there even before a backup. */}
              <LatestExportMenu tenant={tenant} />
              {list.length > 0 && actions}
            </>
          }
        />
        {sets.isPending ? (
          <SetsSkeleton />
        ) : sets.isError ? (
          <ErrorState
            title="The backups could not be loaded"
            message={sets.error.message}
            onRetry={() => void sets.refetch()}
            retrying={sets.isFetching}
          />
        ) : list.length === 0 ? (
          <NoBackups tenant={tenant} actions={actions} />
        ) : (
          <div ref={columns.ref}>
            <BackupSetsTable
              sets={list}
              openId={openId}
              onOpen={setOpen}
              layout={columns}
              resetKey={tenant.id}
              madeBy={madeBy}
              typeLabel={types.label}
            />
          </div>
        )}
      </Stack>
      <RestorePreviews tenant={tenant} />
      <BackupSchedules tenant={tenant} canManage={canSync} />
      <BackupSetDrawer
        tenant={tenant}
        setId={openId}
        onClose={() => setOpen(null)}
        madeBy={madeBy}
        typeLabel={types.label}
      />
      {canSync && (
        <ImportDialog tenant={tenant} opened={importing} onClose={() => setImporting(false)} onImported={setOpen} />
      )}
      {canSync && (
        <ScheduleFormModal
          workspaceId={tenant.workspace_id}
          opened={scheduling}
          onClose={() => setScheduling(false)}
          initialTenantId={tenant.id}
          initialKind="backup"
        />
      )}
    </Stack>
  );
}

/** Backs the tenant up now; only an active tenant can be (the tooltip says why not). */
function BackUpNowButton({ tenant }: { tenant: Tenant }) {
  const { start, isPending } = useTenantBackup(tenant);
  const inactive =
    tenant.status === "active" ? null : `${tenant.display_name} is ${tenant.status}: reactivate it to back it up.`;
  return (
    <Tooltip label={inactive} disabled={inactive === null} withinPortal>
      <Button
        leftSection={<IconDatabaseExport size={16} aria-hidden />}
        // data-disabled rather than disabled: a disabled button gets no hover, so its tooltip
        // (which says why) would never show.
        onClick={() => inactive === null && void start()}
        loading={isPending}
        data-disabled={inactive !== null || undefined}
        aria-disabled={inactive !== null || undefined}
        data-testid="back-up-now"
      >
        Back up now
      </Button>
    </Tooltip>
  );
}

/** No backup yet: what a backup set is, and the ways to one. */
function NoBackups({ tenant, actions }: { tenant: Tenant; actions: ReactNode }) {
  return (
    <EmptyState
      icon={IconDatabaseExport}
      title="No backups yet"
      description={
        <>
          A backup set holds the version every policy of {tenant.display_name} had at one moment, and keeps those
          versions unchanged for as long as the set is kept.{" "}
          {actions === null
            ? "A member who may sync tenants can back it up."
            : "Back up now, schedule backups to take one every night, or import a backup IntuneCD or IntuneManagement made."}
        </>
      }
      action={
        actions === null ? undefined : (
          <Group gap="sm" justify="center">
            {actions}
          </Group>
        )
      }
      data-testid="backups-empty"
    />
  );
}

function SetsSkeleton() {
  return (
    <Table aria-busy="true" aria-label="Loading backup sets" data-testid="backups-loading">
      <Table.Tbody>
        {slots(5).map((row) => (
          <Table.Tr key={row} style={{ height: TABLE_ROW_HEIGHT }}>
            {slots(6).map((cell) => (
              <Table.Td key={cell}>
                <Skeleton height={12} radius="sm" />
              </Table.Td>
            ))}
          </Table.Tr>
        ))}
      </Table.Tbody>
    </Table>
  );
}
