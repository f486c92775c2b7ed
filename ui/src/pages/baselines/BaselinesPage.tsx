import { Badge, Button, Group, Skeleton, Stack, Text, Title } from "@mantine/core";
import { IconPlus, IconScale } from "@tabler/icons-react";
import { useMemo, useState } from "react";
import { useBaselineProfiles, useTenants } from "../../api";
import type { WorkspaceSummary } from "../../bindings/types";
import { EmptyState } from "../../components/EmptyState";
import { ErrorState } from "../../components/ErrorState";
import { PageHeader } from "../../components/PageHeader";
import { slots } from "../../components/slots";
import { useCurrentWorkspace } from "../../workspace";
import { ProfileFormModal } from "./ProfileFormModal";
import { ProfilesTable } from "./ProfilesTable";
import { usePolicyTypes } from "./policyTypes";

/** Baseline profiles (SPEC §6.1): what good looks like, and which tenants are held to it. */
export function BaselinesPage() {
  const { current } = useCurrentWorkspace();
  // Keyed by workspace so an open form does not carry over to another workspace.
  return <WorkspaceBaselines key={current.workspace.id} workspace={current} />;
}

function WorkspaceBaselines({ workspace }: { workspace: WorkspaceSummary }) {
  const workspaceId = workspace.workspace.id;
  const profiles = useBaselineProfiles(workspaceId);
  const tenants = useTenants(workspaceId);
  const types = usePolicyTypes();
  const [creating, setCreating] = useState(false);
  const canManage = workspace.capabilities.includes("workspace.baselines.manage");
  const tenantNames = useMemo(
    () => new Map((tenants.data ?? []).map((tenant) => [tenant.id, tenant.display_name])),
    [tenants.data],
  );
  const newButton = canManage && (
    <Button
      leftSection={<IconPlus size={16} aria-hidden />}
      onClick={() => setCreating(true)}
      style={{ flexShrink: 0 }}
      data-testid="new-profile"
    >
      New baseline profile
    </Button>
  );
  const list = profiles.data;

  const body = profiles.isPending ? (
    <Stack gap="xs" aria-busy="true" data-testid="profiles-loading">
      {slots(4).map((row) => (
        <Skeleton key={row} height={44} radius="sm" />
      ))}
    </Stack>
  ) : profiles.isError ? (
    <ErrorState
      title="Baseline profiles could not be loaded"
      message={profiles.error.message}
      onRetry={() => void profiles.refetch()}
      retrying={profiles.isFetching}
    />
  ) : profiles.data.length === 0 ? (
    <EmptyState
      icon={IconScale}
      title="No baseline profiles yet"
      description={
        <>
          A baseline is what good looks like: the policies of a source tenant you trust, captured as a snapshot. Assign
          customer tenants to it and compare them to see their drift — policies missing, unexpected or configured
          differently.
          {!canManage && " A workspace manager can create the first profile."}
        </>
      }
      action={newButton || undefined}
      data-testid="profiles-empty"
    />
  ) : (
    <ProfilesTable profiles={profiles.data} tenantNames={tenantNames} types={types} />
  );

  return (
    <Stack gap="md" data-testid="baselines-page">
      <PageHeader
        heading={
          <Stack gap={2}>
            <Group gap="xs">
              <Title order={2} size="h3">
                Baselines
              </Title>
              {list !== undefined && list.length > 0 && (
                <Badge variant="default" radius="sm" aria-label={`${list.length} profiles`} data-testid="profile-count">
                  {list.length}
                </Badge>
              )}
            </Group>
            <Text size="sm" c="dimmed">
              Profiles of what good looks like, captured from a source tenant and compared against the tenants assigned
              to them.
            </Text>
          </Stack>
        }
        actions={list !== undefined && list.length > 0 && newButton}
      />
      {body}
      {canManage && <ProfileFormModal opened={creating} onClose={() => setCreating(false)} workspaceId={workspaceId} />}
    </Stack>
  );
}
