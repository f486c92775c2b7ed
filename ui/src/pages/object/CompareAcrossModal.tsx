import { Modal, Stack, Text } from "@mantine/core";
import { useState } from "react";
import type { InventoryItem, InventoryObjectDetail, Tenant } from "../../bindings/types";
import { CompareObjectPicker } from "./CompareObjectPicker";
import { CrossTenantDiff } from "./CrossTenantDiff";

type CompareAcrossModalProps = {
  opened: boolean;
  onClose: () => void;
  tenant: Tenant;
  /** The object on the page; it has at least one version. */
  detail: InventoryObjectDetail;
};

type Target = { tenant: Tenant; item: InventoryItem };

/**
 * "Compare with another tenant…": pick a tenant of the workspace and an object of the same type
 * there, then see the two configurations side by side.
 */
export function CompareAcrossModal({ opened, onClose, tenant, detail }: CompareAcrossModalProps) {
  const [chosenTenantId, setChosenTenantId] = useState<string | null>(null);
  const [target, setTarget] = useState<Target | null>(null);
  const close = () => {
    setTarget(null);
    setChosenTenantId(null);
    onClose();
  };
  const newest = detail.versions[0];
  return (
    <Modal
      opened={opened}
      onClose={close}
      title="Compare with another tenant"
      size={target === null ? "lg" : "90%"}
      data-testid="compare-across-modal"
    >
      {target === null ? (
        <Stack gap="md">
          <Text size="sm">
            Compare <b>{detail.item.display_name}</b>
            {newest !== undefined && ` (v${newest.version_number} in ${tenant.display_name})`} with another tenant's{" "}
            {detail.type_label.toLowerCase()}. Only the configuration is compared: assignments, scope tags and names
            belong to one tenant and are left out.
          </Text>
          <CompareObjectPicker
            tenant={tenant}
            detail={detail}
            chosenTenantId={chosenTenantId}
            onChooseTenant={setChosenTenantId}
            onPick={(otherTenant, item) => {
              setChosenTenantId(otherTenant.id);
              setTarget({ tenant: otherTenant, item });
            }}
          />
        </Stack>
      ) : (
        <CrossTenantDiff
          tenant={tenant}
          detail={detail}
          otherTenant={target.tenant}
          otherItem={target.item}
          onBack={() => setTarget(null)}
          onLeave={close}
        />
      )}
    </Modal>
  );
}
