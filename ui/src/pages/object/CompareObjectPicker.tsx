import { Badge, Loader, NavLink, Select, Skeleton, Stack, Text, TextInput } from "@mantine/core";
import { useDebouncedValue } from "@mantine/hooks";
import { IconSearch } from "@tabler/icons-react";
import { useRef, useState } from "react";
import { useObjectsOfType, useTenants } from "../../api";
import type { InventoryItem, InventoryObjectDetail, Tenant } from "../../bindings/types";
import { ARROW_ITEM, focusFirstItem, onArrowKeys } from "../../components/arrowFocus";
import { ErrorState } from "../../components/ErrorState";
import classes from "../../components/plainList.module.css";
import { slots } from "../../components/slots";
import { otherTenants, PICKER_LIMIT, sameName, sameNameFirst } from "./compareAcross";

type CompareObjectPickerProps = {
  tenant: Tenant;
  detail: InventoryObjectDetail;
  /** The tenant chosen so far (kept when the operator comes back to choose again). */
  chosenTenantId: string | null;
  onChooseTenant: (tenantId: string | null) => void;
  onPick: (tenant: Tenant, item: InventoryItem) => void;
};

/** Step one of a comparison across tenants: another tenant of the workspace, then an object of the same type in it. */
export function CompareObjectPicker({
  tenant,
  detail,
  chosenTenantId,
  onChooseTenant,
  onPick,
}: CompareObjectPickerProps) {
  const tenants = useTenants(tenant.workspace_id);
  if (tenants.isPending) return <Skeleton height={60} radius="sm" data-testid="compare-tenants-loading" />;
  if (tenants.isError) {
    return (
      <ErrorState
        title="The workspace's tenants could not be loaded"
        message={tenants.error.message}
        onRetry={() => void tenants.refetch()}
        retrying={tenants.isFetching}
      />
    );
  }
  const others = otherTenants(tenants.data, tenant);
  if (others.length === 0) {
    return (
      <Text size="sm" c="dimmed" data-testid="compare-no-tenants">
        {tenant.display_name} is the only tenant of this workspace you may see: there is no other tenant to compare
        with.
      </Text>
    );
  }
  // With one other tenant there is nothing to choose.
  const chosen = others.find((other) => other.id === chosenTenantId) ?? (others.length === 1 ? others[0] : undefined);
  return (
    <Stack gap="md">
      <Select
        label="Tenant"
        placeholder="Choose a tenant"
        data={others.map((other) => ({ value: other.id, label: other.display_name }))}
        value={chosen?.id ?? null}
        onChange={onChooseTenant}
        allowDeselect={false}
        searchable
        data-autofocus
        data-testid="compare-tenant"
      />
      {chosen !== undefined && (
        <ObjectList key={chosen.id} tenant={chosen} detail={detail} onPick={(item) => onPick(chosen, item)} />
      )}
    </Stack>
  );
}

function ObjectList({
  tenant,
  detail,
  onPick,
}: {
  tenant: Tenant;
  detail: InventoryObjectDetail;
  onPick: (item: InventoryItem) => void;
}) {
  const [text, setText] = useState("");
  const [search] = useDebouncedValue(text.trim(), 300);
  const objects = useObjectsOfType(tenant.id, detail.item.object_type, search === "" ? null : search, PICKER_LIMIT);
  const input = useRef<HTMLInputElement>(null);
  const list = useRef<HTMLUListElement>(null);
  const typeLabel = detail.type_label.toLowerCase();

  return (
    <Stack gap="xs">
      <TextInput
        ref={input}
        label={`${detail.type_label} in ${tenant.display_name}`}
        description="Only objects of the same type can be compared. Use ↓ to move into the list."
        placeholder="Filter by name"
        leftSection={<IconSearch size={14} aria-hidden />}
        rightSection={objects.isFetching && !objects.isPending ? <Loader size={14} /> : undefined}
        value={text}
        onChange={(event) => setText(event.currentTarget.value)}
        onKeyDown={(event) => {
          if (event.key === "ArrowDown" && focusFirstItem(list.current)) event.preventDefault();
        }}
        data-testid="compare-object-search"
      />
      {objects.isPending ? (
        <Stack gap={4} data-testid="compare-objects-loading" aria-busy="true">
          {slots(4).map((slot) => (
            <Skeleton key={slot} height={32} radius="sm" />
          ))}
        </Stack>
      ) : objects.isError ? (
        <ErrorState
          title={`${tenant.display_name}'s objects could not be loaded`}
          message={objects.error.message}
          onRetry={() => void objects.refetch()}
          retrying={objects.isFetching}
        />
      ) : objects.data.items.length === 0 ? (
        <Text size="sm" c="dimmed" data-testid="compare-no-objects">
          {search === ""
            ? `${tenant.display_name} has no ${typeLabel} in its inventory. Run Sync inventory in ${tenant.display_name} if it should have one.`
            : `No ${typeLabel} in ${tenant.display_name} has a name containing “${search}”.`}
        </Text>
      ) : (
        <Stack gap={2}>
          <ul
            ref={list}
            className={classes.plainList}
            aria-label={`${detail.type_label} in ${tenant.display_name}`}
            onKeyDown={(event) => onArrowKeys(event, list.current, input.current)}
            data-testid="compare-objects"
          >
            {sameNameFirst(objects.data.items, detail.item.display_name).map((item) => (
              <li key={item.id}>
                <NavLink
                  component="button"
                  type="button"
                  label={item.display_name}
                  rightSection={
                    sameName(item.display_name, detail.item.display_name) ? (
                      <Badge size="sm" variant="light" radius="sm">
                        Same name
                      </Badge>
                    ) : undefined
                  }
                  onClick={() => onPick(item)}
                  {...ARROW_ITEM}
                  data-testid="compare-object"
                />
              </li>
            ))}
          </ul>
          {objects.data.total > objects.data.items.length && (
            <Text size="xs" c="dimmed" data-testid="compare-objects-more">
              The first {objects.data.items.length.toLocaleString()} of {objects.data.total.toLocaleString()} by name:
              filter by name to find another.
            </Text>
          )}
        </Stack>
      )}
    </Stack>
  );
}
