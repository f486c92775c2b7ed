import { ActionIcon, Button, Group, Menu, Modal, Stack, Text, Tooltip } from "@mantine/core";
import { notifications } from "@mantine/notifications";
import { IconArchive, IconCamera, IconCircleCheck, IconDots, IconGitCompare, IconPencil } from "@tabler/icons-react";
import { useState } from "react";
import { useSetBaselineProfileStatus } from "../../api";
import type { BaselineProfileDetail, BaselineStatus } from "../../bindings/types";
import { useBaselineCapture, useCompareAll } from "../../runs";
import { useCan } from "../../workspace";
import { ProfileFormModal } from "./ProfileFormModal";

type ProfileActionsProps = { detail: BaselineProfileDetail; sourceName: string | null };

/** Why a profile may not capture now, in words; null when it may. */
function captureRefusal({ profile }: BaselineProfileDetail): string | null {
  if (profile.status === "draft") return "Activate the profile to capture.";
  if (profile.status === "archived") return "Archived profiles no longer capture.";
  if (profile.source_tenant_id === null) return "Choose the source tenant in Edit first.";
  return null;
}

/** Why "Compare all assigned" would do nothing now; null when it may start. */
function compareRefusal({ profile, assigned_tenants }: BaselineProfileDetail): string | null {
  if (profile.status === "draft") return "Activate the profile to compare.";
  if (profile.status === "archived") return "Archived profiles no longer compare.";
  if (assigned_tenants.length === 0) return "Assign tenants to compare them.";
  return null;
}

/** Capture, compare, edit, activate and archive — each only for operators who may. */
export function ProfileActions({ detail, sourceName }: ProfileActionsProps) {
  const { profile } = detail;
  const can = useCan(profile.workspace_id);
  const [editing, setEditing] = useState(false);
  const [archiving, setArchiving] = useState(false);
  const setStatus = useSetBaselineProfileStatus();
  const capture = useBaselineCapture();
  const compareAll = useCompareAll();
  const canManage = can("workspace.baselines.manage");
  const canCompare = can("tenant.sync");
  const captureBlocked = captureRefusal(detail);
  const compareBlocked = compareRefusal(detail);
  // The backend refuses it too; saying so here spares a round trip and an error toast.
  const activateBlocked = profile.source_tenant_id === null ? "Choose the source tenant in Edit first." : null;

  const change = (status: BaselineStatus, done: string, onDone?: () => void) =>
    setStatus.mutate(
      { profile_id: profile.id, status },
      {
        onSuccess: (updated) => {
          notifications.show({ color: "green", title: done, message: updated.name });
          onDone?.();
        },
        onError: (error) =>
          notifications.show({ color: "red", title: `${profile.name} was not changed`, message: error.message }),
      },
    );

  return (
    <Group gap="xs" wrap="wrap" justify="flex-end" data-testid="profile-actions">
      {canManage && (
        <Tooltip label={captureBlocked} disabled={captureBlocked === null} withinPortal>
          <Button
            leftSection={<IconCamera size={16} aria-hidden />}
            // data-disabled rather than disabled: a disabled button gets no hover, so its
            // tooltip (which says why) would never show.
            onClick={() => captureBlocked === null && void capture.start(profile, sourceName)}
            loading={capture.isPending}
            data-disabled={captureBlocked !== null || undefined}
            aria-disabled={captureBlocked !== null || undefined}
            aria-description={captureBlocked ?? undefined}
            data-testid="capture-now"
          >
            Capture now
          </Button>
        </Tooltip>
      )}
      {canCompare && (
        <Tooltip label={compareBlocked} disabled={compareBlocked === null} withinPortal>
          <Button
            variant="light"
            leftSection={<IconGitCompare size={16} aria-hidden />}
            onClick={() => compareBlocked === null && void compareAll.start(profile)}
            loading={compareAll.isPending}
            data-disabled={compareBlocked !== null || undefined}
            aria-disabled={compareBlocked !== null || undefined}
            aria-description={compareBlocked ?? undefined}
            data-testid="compare-all"
          >
            Compare all assigned
          </Button>
        </Tooltip>
      )}
      {canManage && profile.status === "draft" && (
        <Tooltip label={activateBlocked} disabled={activateBlocked === null} withinPortal>
          <Button
            variant="default"
            leftSection={<IconCircleCheck size={16} aria-hidden />}
            onClick={() => activateBlocked === null && change("active", "Profile activated")}
            loading={setStatus.isPending && setStatus.variables?.status === "active"}
            data-disabled={activateBlocked !== null || undefined}
            aria-disabled={activateBlocked !== null || undefined}
            aria-description={activateBlocked ?? undefined}
            data-testid="activate-profile"
          >
            Activate
          </Button>
        </Tooltip>
      )}
      {canManage && profile.status !== "archived" && (
        <>
          <Button
            variant="default"
            leftSection={<IconPencil size={16} aria-hidden />}
            onClick={() => setEditing(true)}
            data-testid="edit-profile"
          >
            Edit
          </Button>
          <Menu position="bottom-end" withinPortal>
            <Menu.Target>
              <ActionIcon variant="default" size={36} aria-label="More profile actions" data-testid="profile-more">
                <IconDots size={16} aria-hidden />
              </ActionIcon>
            </Menu.Target>
            <Menu.Dropdown>
              <Menu.Item
                color="red"
                leftSection={<IconArchive size={14} aria-hidden />}
                onClick={() => setArchiving(true)}
                data-testid="archive-profile"
              >
                Archive…
              </Menu.Item>
            </Menu.Dropdown>
          </Menu>
          <ProfileFormModal
            opened={editing}
            onClose={() => setEditing(false)}
            workspaceId={profile.workspace_id}
            profile={profile}
          />
          <Modal
            opened={archiving}
            onClose={() => setArchiving(false)}
            title={`Archive ${profile.name}?`}
            data-testid="archive-profile-modal"
          >
            <Stack gap="md">
              <Text size="sm">
                <strong>{profile.name}</strong> will no longer capture or compare, and can no longer be edited. Its
                snapshots, findings and history are kept for reference.
              </Text>
              {detail.assigned_tenants.length > 0 && (
                <Text size="sm">
                  The {detail.assigned_tenants.length === 1 ? "tenant" : `${detail.assigned_tenants.length} tenants`}{" "}
                  assigned to it can no longer be compared until assigned to an active profile.
                </Text>
              )}
              <Text size="sm" c="dimmed">
                Archiving cannot be undone.
              </Text>
              <Group justify="flex-end" gap="sm">
                <Button variant="default" onClick={() => setArchiving(false)}>
                  Cancel
                </Button>
                <Button
                  color="red"
                  leftSection={<IconArchive size={16} aria-hidden />}
                  loading={setStatus.isPending}
                  onClick={() => change("archived", "Profile archived", () => setArchiving(false))}
                  data-testid="confirm-archive-profile"
                >
                  Archive {profile.name}
                </Button>
              </Group>
            </Stack>
          </Modal>
        </>
      )}
    </Group>
  );
}
