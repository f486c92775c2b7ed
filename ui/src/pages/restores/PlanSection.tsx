import { Button, Group, Select, Stack, Switch, Text, Title } from "@mantine/core";
import { useMemo, useState } from "react";
import { useSearchParams } from "react-router";
import type { ApiError, Restore, RestorePlan } from "../../bindings/types";
import { ColumnChooser, useFittedColumns } from "../../components/columns";
import { GROUP_MAPPING_ID, GroupMapping, groupRowId } from "./GroupMapping";
import { PlanCounts } from "./PlanCounts";
import { PlanItemDrawer } from "./PlanItemDrawer";
import { PLAN_COLUMNS, PlanTable } from "./PlanTable";
import { type PendingChoice, type PlanView, planTypes, readPlanView, shownItems, writePlanView } from "./planView";
import { ACTIONS, actionLook, countOf, type PlanNames, planActions } from "./restoreWords";

type PlanSectionProps = {
  restore: Restore;
  plan: RestorePlan;
  names: PlanNames;
  canPreview: boolean;
  onPreviewWithGroups: (pending: Record<string, PendingChoice>) => void;
  previewing: boolean;
  previewError: ApiError | null;
};

const EVERY = "all";

/**
 * A previewed plan: its counts, the group mapping, and the table of its objects (identical ones
 * hidden until asked for), filtered by action and type, one opening in a drawer. The filters and
 * the open item live in the address.
 */
export function PlanSection({ restore, plan, names, canPreview, ...preview }: PlanSectionProps) {
  const [params, setParams] = useSearchParams();
  const view = readPlanView(params);
  const update = (change: Partial<PlanView>) =>
    setParams((current) => writePlanView(current, { ...readPlanView(current), ...change }), { replace: true });
  const [pending, setPending] = useState<Record<string, PendingChoice>>({});
  const [highlighted, setHighlighted] = useState<string[]>([]);
  const columns = useFittedColumns("restore-plan", PLAN_COLUMNS);
  const shown = useMemo(() => shownItems(plan.items, view, names.typeLabel), [plan.items, view, names.typeLabel]);
  const types = useMemo(() => planTypes(plan.items, names.typeLabel), [plan.items, names.typeLabel]);
  const open = view.item === null ? null : (plan.items.find((item) => item.source_version_id === view.item) ?? null);

  const goToMapping = (groupIds: string[]) => {
    update({ item: null });
    setHighlighted(groupIds);
    // Once the drawer has let go of the page, bring the first of the groups into view and focus its choice.
    window.setTimeout(() => {
      const row = document.getElementById(groupRowId(groupIds[0] ?? "")) ?? document.getElementById(GROUP_MAPPING_ID);
      row?.scrollIntoView({ block: "center" });
      row?.querySelector<HTMLElement>("button")?.focus();
    }, 0);
  };

  return (
    <Stack gap="xl" data-testid="restore-plan">
      <PlanCounts counts={plan.counts} selected={view.action} onSelect={(action) => update({ action })} />
      {plan.groups.length === 0 ? (
        <Text size="sm" c="dimmed" data-testid="group-mapping-none">
          None of these versions is assigned to a group, so there are no groups to map.
        </Text>
      ) : (
        <GroupMapping
          groups={plan.groups}
          names={names}
          targetId={restore.tenant_id}
          overrides={restore.group_overrides}
          canChange={canPreview}
          pending={pending}
          onPending={(id, choice) =>
            setPending((current) => {
              const next = { ...current };
              if (choice === undefined) delete next[id];
              else next[id] = choice;
              return next;
            })
          }
          onDiscard={() => setPending({})}
          onPreviewAgain={() => preview.onPreviewWithGroups(pending)}
          previewing={preview.previewing}
          error={preview.previewError}
          highlighted={highlighted}
        />
      )}
      <Stack gap="sm">
        <Group justify="space-between" align="flex-end" gap="sm">
          <Stack gap={2}>
            <Group gap="xs" align="baseline">
              <Title order={3} size="h4">
                Objects
              </Title>
              <Text size="sm" c="dimmed" data-testid="plan-shown">
                {shown.length === plan.items.length
                  ? plan.items.length.toLocaleString()
                  : `${shown.length.toLocaleString()} of ${plan.items.length.toLocaleString()}`}{" "}
                · ↑ ↓ move, Enter opens one
              </Text>
            </Group>
          </Stack>
          <Group gap="sm" align="flex-end">
            <Select
              label="Action"
              data={[
                { value: EVERY, label: "Every action" },
                ...planActions(plan.counts).map((action) => ({
                  value: action,
                  label: `${actionLook(action).label} (${countOf(plan.counts, action).toLocaleString()})`,
                })),
              ]}
              value={view.action ?? EVERY}
              onChange={(value) => update({ action: ACTIONS.find((action) => action === value) ?? null })}
              allowDeselect={false}
              comboboxProps={{ withinPortal: true }}
              w={190}
              data-testid="plan-action-filter"
            />
            <Select
              label="Type"
              data={[
                { value: EVERY, label: `All types (${types.length.toLocaleString()})` },
                ...types.map((type) => ({ value: type.key, label: `${type.label} (${type.count.toLocaleString()})` })),
              ]}
              value={view.type ?? EVERY}
              onChange={(value) => update({ type: value === null || value === EVERY ? null : value })}
              allowDeselect={false}
              comboboxProps={{ withinPortal: true }}
              w={260}
              data-testid="plan-type-filter"
            />
            <Switch
              label={`Show identical (${plan.counts.skip.toLocaleString()})`}
              checked={view.action === "skip" || (view.action === null && view.identical)}
              disabled={view.action !== null}
              onChange={(event) => update({ identical: event.currentTarget.checked })}
              pb={8}
              data-testid="plan-show-identical"
            />
            <ColumnChooser table="Restore plan" visibility={columns} />
          </Group>
        </Group>
        {shown.length === 0 ? (
          <NothingShown plan={plan} view={view} names={names} onReset={(change) => update(change)} />
        ) : (
          <div ref={columns.ref}>
            <PlanTable
              items={shown}
              names={names}
              openId={view.item}
              onOpen={(item) => update({ item })}
              layout={columns}
              resetKey={`${view.action ?? EVERY}|${view.type ?? EVERY}|${view.identical}`}
            />
          </div>
        )}
      </Stack>
      <PlanItemDrawer
        restore={restore}
        item={open}
        names={names}
        onClose={() => update({ item: null })}
        onGoToMapping={goToMapping}
      />
    </Stack>
  );
}

/** Why the table is empty: everything is identical, or the filters match nothing — and the way back. */
function NothingShown({
  plan,
  view,
  names,
  onReset,
}: {
  plan: RestorePlan;
  view: PlanView;
  names: PlanNames;
  onReset: (change: Partial<PlanView>) => void;
}) {
  if (plan.items.length === 0) {
    return (
      <Text size="sm" c="dimmed" data-testid="plan-empty">
        The plan holds no objects.
      </Text>
    );
  }
  const allIdentical = plan.counts.skip === plan.items.length;
  if (view.action === null && view.type === null && !view.identical && allIdentical) {
    return (
      <Stack gap="xs" align="flex-start" data-testid="plan-all-identical">
        <Text size="sm">Every object is already identical in {names.target}: restoring would change nothing.</Text>
        <Button variant="default" size="xs" onClick={() => onReset({ identical: true })}>
          Show the identical objects
        </Button>
      </Stack>
    );
  }
  return (
    <Stack gap="xs" align="flex-start" data-testid="plan-none-shown">
      <Text size="sm" c="dimmed">
        No object of the plan matches these filters.
      </Text>
      <Button variant="default" size="xs" onClick={() => onReset({ action: null, type: null })}>
        Clear the filters
      </Button>
    </Stack>
  );
}
