import { ActionIcon, Button, Group, Menu, Modal, Stack, Text } from "@mantine/core";
import { notifications } from "@mantine/notifications";
import { IconArchive, IconDots, IconPencil, IconPlayerPause, IconPlayerPlay } from "@tabler/icons-react";
import { useState } from "react";
import { useSetTenantStatus } from "../../api";
import type { Tenant, TenantStatus } from "../../bindings/types";
import { EditTenantModal } from "./EditTenantModal";

/** Edit, pause or reactivate, archive: for operators who may manage tenants. */
export function TenantManageActions({ tenant }: { tenant: Tenant }) {
  const [editing, setEditing] = useState(false);
  const [archiving, setArchiving] = useState(false);
  const setStatus = useSetTenantStatus();

  const change = (status: TenantStatus, done: string, onDone?: () => void) =>
    setStatus.mutate(
      { tenant_id: tenant.id, status },
      {
        onSuccess: (updated) => {
          notifications.show({ color: "green", title: done, message: updated.display_name });
          onDone?.();
        },
        onError: (error) =>
          notifications.show({ color: "red", title: `${tenant.display_name} was not changed`, message: error.message }),
      },
    );

  return (
    <Group gap="xs" wrap="nowrap">
      <Button
        variant="default"
        leftSection={<IconPencil size={16} aria-hidden />}
        onClick={() => setEditing(true)}
        data-testid="edit-tenant"
      >
        Edit
      </Button>
      <Menu position="bottom-end" withinPortal>
        <Menu.Target>
          <ActionIcon
            variant="default"
            size={36}
            aria-label="More tenant actions"
            loading={setStatus.isPending}
            data-testid="tenant-more"
          >
            <IconDots size={16} aria-hidden />
          </ActionIcon>
        </Menu.Target>
        <Menu.Dropdown>
          {tenant.status === "active" ? (
            <Menu.Item
              leftSection={<IconPlayerPause size={14} aria-hidden />}
              onClick={() => change("paused", "Tenant paused")}
            >
              Pause syncing
            </Menu.Item>
          ) : (
            <Menu.Item
              leftSection={<IconPlayerPlay size={14} aria-hidden />}
              onClick={() => change("active", "Tenant reactivated")}
            >
              Reactivate
            </Menu.Item>
          )}
          {tenant.status !== "archived" && (
            <Menu.Item
              color="red"
              leftSection={<IconArchive size={14} aria-hidden />}
              onClick={() => setArchiving(true)}
            >
              Archive…
            </Menu.Item>
          )}
        </Menu.Dropdown>
      </Menu>
      <EditTenantModal tenant={tenant} opened={editing} onClose={() => setEditing(false)} />
      <Modal
        opened={archiving}
        onClose={() => setArchiving(false)}
        title={`Archive ${tenant.display_name}?`}
        data-testid="archive-modal"
      >
        <Stack gap="md">
          <Text size="sm">
            <strong>{tenant.display_name}</strong> will no longer be synced and leaves daily work. Its inventory,
            versions and history are kept, and you can reactivate it at any time.
          </Text>
          <Group justify="flex-end" gap="sm">
            <Button variant="default" onClick={() => setArchiving(false)}>
              Cancel
            </Button>
            <Button
              color="red"
              leftSection={<IconArchive size={16} aria-hidden />}
              loading={setStatus.isPending}
              onClick={() => change("archived", "Tenant archived", () => setArchiving(false))}
              data-testid="confirm-archive"
            >
              Archive {tenant.display_name}
            </Button>
          </Group>
        </Stack>
      </Modal>
    </Group>
  );
}
