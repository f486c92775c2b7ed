import { Alert, Badge, Button, Code, Group, Skeleton, Stack, Text, Title } from "@mantine/core";
import { IconInfoCircle, IconPencil, IconUserPlus, IconUsers } from "@tabler/icons-react";
import { useState } from "react";
import { useNavigate } from "react-router";
import { useMemberDirectory, useTenants } from "../../api";
import type { MemberView, WorkspaceSummary } from "../../bindings/types";
import { EmptyState } from "../../components/EmptyState";
import { ErrorState } from "../../components/ErrorState";
import { PageHeader } from "../../components/PageHeader";
import { slots } from "../../components/slots";
import { useCan, useCurrentWorkspace } from "../../workspace";
import { AddMemberModal } from "./AddMemberModal";
import { MEMBER_ROW_HEIGHT, type MemberRowActions, MembersTable } from "./MembersTable";
import { MemberTenantsModal } from "./MemberTenantsModal";
import { tenantSummary } from "./memberWords";
import { RemoveMemberModal } from "./RemoveMemberModal";
import { RenameWorkspaceModal } from "./RenameWorkspaceModal";

/**
 * Who belongs to the workspace: each member's role, the tenants they see and their last
 * activity. Owners change roles, choose tenants, remove members, add them (team mode) and rename
 * the workspace; everyone else sees the table read-only.
 */
export function MembersPage() {
  const { current } = useCurrentWorkspace();
  // Keyed by workspace: an open dialog or the table's position must not carry over.
  return <WorkspaceMembers key={current.workspace.id} workspace={current} />;
}

function WorkspaceMembers({ workspace }: { workspace: WorkspaceSummary }) {
  const workspaceId = workspace.workspace.id;
  const can = useCan(workspaceId);
  const navigate = useNavigate();
  const directory = useMemberDirectory(workspaceId);
  const tenants = useTenants(workspaceId);
  const [adding, setAdding] = useState(false);
  const [renaming, setRenaming] = useState(false);
  // The member last chosen for or removed stays set while their dialog closes, so the dialog
  // does not change under its closing animation; `open` says whether it shows.
  const [choosing, setChoosing] = useState<{ member: MemberView; open: boolean } | null>(null);
  const [removing, setRemoving] = useState<{ member: MemberView; open: boolean } | null>(null);

  const mayManage = directory.data?.may_manage ?? false;
  const teamMode = directory.data?.team_mode ?? false;
  const members = directory.data?.members ?? [];
  const actions: MemberRowActions | null = mayManage
    ? {
        onChooseTenants: (member) => setChoosing({ member, open: true }),
        onRemove: (member) => setRemoving({ member, open: true }),
      }
    : null;

  const addButton = mayManage && teamMode && (
    <Button
      leftSection={<IconUserPlus size={16} aria-hidden />}
      onClick={() => setAdding(true)}
      style={{ flexShrink: 0 }}
      data-testid="add-member"
    >
      Add member
    </Button>
  );
  const renameButton = can("workspace.manage") && (
    <Button
      variant="default"
      leftSection={<IconPencil size={16} aria-hidden />}
      onClick={() => setRenaming(true)}
      style={{ flexShrink: 0 }}
      data-testid="rename-workspace"
    >
      Rename workspace
    </Button>
  );

  const body = directory.isPending ? (
    <Stack gap={4} aria-busy="true" data-testid="members-loading">
      {slots(3).map((slot) => (
        <Skeleton key={slot} height={MEMBER_ROW_HEIGHT - 4} radius="sm" />
      ))}
    </Stack>
  ) : directory.isError ? (
    <ErrorState
      title="The members could not be loaded"
      message={directory.error.message}
      onRetry={() => void directory.refetch()}
      retrying={directory.isFetching}
    />
  ) : members.length === 0 ? (
    <EmptyState
      icon={IconUsers}
      title="No members to show"
      description="Nobody you may see belongs to this workspace."
      action={addButton || undefined}
      data-testid="members-empty"
    />
  ) : (
    <Stack gap="sm">
      {!teamMode && (
        <Alert color="blue" variant="light" icon={<IconInfoCircle aria-hidden />} data-testid="members-solo">
          Solo mode has one operator, you, so nobody can be added; team mode — a shared PostgreSQL database, set up with{" "}
          <Code>atlas team init</Code> — adds members who each sign in as themselves.
        </Alert>
      )}
      <MembersTable
        workspaceId={workspaceId}
        members={members}
        tenantsOf={(member) => tenantSummary(member, tenants.data, workspace.all_tenants)}
        actions={actions}
        onOpen={can("audit.view") ? (member) => navigate(`/audit?actor=${encodeURIComponent(member.user.id)}`) : null}
      />
      {!mayManage && (
        <Text size="xs" c="dimmed" data-testid="members-read-only">
          Only the workspace&apos;s owners change roles, tenants and members.
        </Text>
      )}
    </Stack>
  );

  return (
    <Stack gap="md" data-testid="members-page">
      <PageHeader
        heading={
          <Stack gap={2}>
            <Group gap="xs">
              <Title order={2} size="h3">
                Members
              </Title>
              {members.length > 0 && (
                <Badge
                  variant="default"
                  radius="sm"
                  aria-label={`${members.length} ${members.length === 1 ? "member" : "members"}`}
                  data-testid="member-count"
                >
                  {members.length}
                </Badge>
              )}
            </Group>
            <Text size="sm" c="dimmed">
              Who works in {workspace.workspace.name}: their role, the tenants they see and when they last changed
              something.
            </Text>
          </Stack>
        }
        actions={
          (renameButton || addButton) && (
            <>
              {renameButton}
              {members.length > 0 && addButton}
            </>
          )
        }
      />
      {body}
      {mayManage && (
        <>
          <AddMemberModal workspace={workspace} opened={adding} onClose={() => setAdding(false)} />
          {choosing !== null && (
            <MemberTenantsModal
              workspaceId={workspaceId}
              member={choosing.member}
              opened={choosing.open}
              onClose={() => setChoosing({ ...choosing, open: false })}
            />
          )}
          {removing !== null && (
            <RemoveMemberModal
              workspace={workspace}
              member={removing.member}
              opened={removing.open}
              onClose={() => setRemoving({ ...removing, open: false })}
            />
          )}
        </>
      )}
      {can("workspace.manage") && (
        <RenameWorkspaceModal workspace={workspace} opened={renaming} onClose={() => setRenaming(false)} />
      )}
    </Stack>
  );
}
