import {
  Alert,
  Anchor,
  Badge,
  Button,
  Checkbox,
  Group,
  Paper,
  Radio,
  Select,
  Skeleton,
  Stack,
  Stepper,
  Text,
  TextInput,
  Title,
} from "@mantine/core";
import { upperFirst } from "@mantine/hooks";
import {
  IconArrowLeft,
  IconArrowRight,
  IconDatabaseOff,
  IconEyeSearch,
  IconLock,
  IconSearch,
} from "@tabler/icons-react";
import { useMemo, useState } from "react";
import { Link, useParams, useSearchParams } from "react-router";
import { useBackupSet, useTenant, useTenants } from "../../api";
import type { BackupSetDetail, PolicyVersionId, RestoreSource, Tenant } from "../../bindings/types";
import { DetailSkeleton } from "../../components/DetailSkeleton";
import { EmptyState } from "../../components/EmptyState";
import { ErrorState } from "../../components/ErrorState";
import { FailureAlert } from "../../components/FailureAlert";
import { PageBreadcrumbs } from "../../components/PageBreadcrumbs";
import { RelativeTime } from "../../components/RelativeTime";
import { slots } from "../../components/slots";
import { useCan } from "../../workspace";
import { BackupStatusBadge } from "../backups/BackupStatusBadge";
import { backupsPath } from "../backups/backupLinks";
import { missingShort, versionsWords } from "../backups/backupWords";
import { setNaming } from "../backups/importWords";
import { usePolicyTypes } from "../baselines/policyTypes";
import { SOURCE_SET_PARAM } from "./restoreLinks";
import { useRestorePreviewStart } from "./useRestorePreviewStart";

/**
 * Asking for a restore preview (`/tenants/:tenantId/restore/new?set=…`): step one, what to
 * restore — the whole backup set, or versions chosen from it; step two, onto which tenant — the
 * set's own by default, or another of the workspace (a promote). "Preview" starts the read-only
 * preview and opens its page. Only for members who may restore onto tenants.
 */
export function NewRestorePage() {
  const { tenantId = "" } = useParams();
  const tenant = useTenant(tenantId);
  if (tenant.isPending) return <DetailSkeleton data-testid="new-restore-loading" />;
  if (tenant.isError) {
    return (
      <Stack gap="md">
        <PageBreadcrumbs items={[{ label: "Tenants", to: "/tenants" }, { label: "Restore preview" }]} />
        <ErrorState
          title="This tenant could not be loaded"
          message={tenant.error.message}
          onRetry={() => void tenant.refetch()}
          retrying={tenant.isFetching}
        />
      </Stack>
    );
  }
  return <NewRestore key={tenant.data.id} tenant={tenant.data} />;
}

function NewRestore({ tenant }: { tenant: Tenant }) {
  const [params] = useSearchParams();
  const setId = params.get(SOURCE_SET_PARAM);
  const canRestore = useCan(tenant.workspace_id)("tenant.restore.execute");
  const backups = backupsPath(tenant.id, setId ?? undefined);
  return (
    <Stack gap="md" data-testid="new-restore-page">
      <PageBreadcrumbs
        items={[
          { label: "Tenants", to: "/tenants" },
          { label: tenant.display_name, to: `/tenants/${encodeURIComponent(tenant.id)}` },
          { label: "Backups", to: backups },
          { label: "Preview restore" },
        ]}
      />
      <Stack gap={2}>
        <Title order={2} size="h3">
          Preview restore
        </Title>
        <Text size="sm" c="dimmed">
          See what restoring a backup of {tenant.display_name} would change. The preview reads the tenant you restore
          onto and changes nothing.
        </Text>
      </Stack>
      {!canRestore ? (
        <EmptyState
          icon={IconLock}
          title="Restore previews are not available to you"
          description="Your role in this workspace does not include restoring onto tenants. A workspace owner or manager can preview restores, or change your role."
          data-testid="new-restore-forbidden"
        />
      ) : setId === null ? (
        <EmptyState
          icon={IconDatabaseOff}
          title="No backup set chosen"
          description={
            <>
              Open a backup set on the{" "}
              <Anchor component={Link} to={backups} size="sm">
                Backups of {tenant.display_name}
              </Anchor>{" "}
              and choose Preview restore there.
            </>
          }
          data-testid="new-restore-no-set"
        />
      ) : (
        <SetSource tenant={tenant} setId={setId} />
      )}
    </Stack>
  );
}

function SetSource({ tenant, setId }: { tenant: Tenant; setId: string }) {
  const detail = useBackupSet(tenant.id, setId);
  if (detail.isPending) {
    return (
      <Stack gap="xs" aria-busy="true" data-testid="new-restore-set-loading">
        {slots(5).map((line) => (
          <Skeleton key={line} height={24} radius="sm" />
        ))}
      </Stack>
    );
  }
  if (detail.isError) {
    return (
      <ErrorState
        title="The backup set could not be loaded"
        message={detail.error.message}
        onRetry={() => void detail.refetch()}
        retrying={detail.isFetching}
      />
    );
  }
  const { set } = detail.data;
  if (set.status === "capturing" || set.status === "failed") {
    return (
      <EmptyState
        icon={IconDatabaseOff}
        title={set.status === "capturing" ? "This backup is still being captured" : "This backup failed"}
        description={
          set.status === "capturing"
            ? "A set can be previewed once its backup has finished. Come back when it is complete or partial."
            : "A failed backup holds no versions to restore. Choose another backup set."
        }
        action={
          <Button component={Link} to={backupsPath(tenant.id)} variant="default">
            Back to the backups
          </Button>
        }
        data-testid="new-restore-unusable"
      />
    );
  }
  return <RestoreWizard tenant={tenant} detail={detail.data} />;
}

type Scope = "set" | "versions";

function RestoreWizard({ tenant, detail }: { tenant: Tenant; detail: BackupSetDetail }) {
  const [step, setStep] = useState(0);
  const [scope, setScope] = useState<Scope>("set");
  const [chosen, setChosen] = useState<ReadonlySet<PolicyVersionId>>(new Set());
  // The set's own tenant unless it cannot be read now (paused or archived): then the operator chooses.
  const [targetId, setTargetId] = useState<string | null>(tenant.status === "active" ? tenant.id : null);
  const start = useRestorePreviewStart(tenant.workspace_id);
  const tenants = useTenants(tenant.workspace_id);
  const target = (tenants.data ?? []).find((candidate) => candidate.id === targetId) ?? null;
  const sourceReady = scope === "set" || chosen.size > 0;
  const source: RestoreSource =
    scope === "set"
      ? { kind: "backup_set", backup_set_id: detail.set.id }
      : {
          kind: "versions",
          version_ids: detail.items.flatMap((item) => (chosen.has(item.version_id) ? [item.version_id] : [])),
        };

  const preview = () => {
    if (target === null) return;
    start.reset();
    void start.start({ tenant_id: target.id, source }, target.display_name);
  };

  return (
    <Stepper
      active={step}
      onStepClick={(next) => next < step && setStep(next)}
      allowNextStepsSelect={false}
      size="sm"
      data-testid="restore-wizard"
    >
      <Stepper.Step label="What to restore" description={scope === "set" ? "The whole set" : `${chosen.size} chosen`}>
        <Stack gap="md" pt="md">
          <SetSummary tenant={tenant} detail={detail} />
          <Radio.Group
            value={scope}
            onChange={(value) => setScope(value === "versions" ? "versions" : "set")}
            label="Restore"
            data-testid="restore-scope"
          >
            <Stack gap="xs" mt="xs">
              <Radio value="set" label={`Everything the set holds (${versionsWords(detail.items.length)})`} />
              <Radio value="versions" label="Only the versions I choose" />
            </Stack>
          </Radio.Group>
          {scope === "versions" && <VersionPicker detail={detail} chosen={chosen} onChange={setChosen} />}
          <Group gap="sm">
            <Button
              rightSection={<IconArrowRight size={16} aria-hidden />}
              onClick={() => setStep(1)}
              disabled={!sourceReady}
              data-testid="restore-next"
            >
              Next: where to restore it
            </Button>
            {!sourceReady && (
              <Text size="sm" c="dimmed">
                Choose at least one version.
              </Text>
            )}
          </Group>
        </Stack>
      </Stepper.Step>
      <Stepper.Step label="Where to restore it" description={target?.display_name ?? "A tenant"}>
        <Stack gap="md" pt="md">
          <TargetPicker
            source={tenant}
            tenants={tenants}
            value={targetId}
            onChange={(id) => {
              start.reset();
              setTargetId(id);
            }}
          />
          {target !== null && target.id !== tenant.id && (
            <Alert color="violet" variant="light" title="Promote to another tenant" data-testid="restore-promote-note">
              <Text size="sm">
                The versions of {tenant.display_name} are previewed onto {target.display_name}. There, objects are
                matched by their name and groups by their name too; a group without a match can be chosen or skipped on
                the preview's page.
              </Text>
            </Alert>
          )}
          {target !== null && (
            <Text size="sm" data-testid="restore-summary">
              Preview restoring{" "}
              {scope === "set"
                ? `the whole backup (${versionsWords(detail.items.length)})`
                : `${versionsWords(chosen.size)} chosen from the backup`}{" "}
              of {tenant.display_name} onto {target.display_name}. The preview reads {target.display_name} through
              Microsoft Graph and changes nothing.
            </Text>
          )}
          {start.error !== null && (
            <FailureAlert title="The preview was not started" data-testid="restore-start-error">
              <Text size="sm">{start.error.message}</Text>
            </FailureAlert>
          )}
          <Group gap="sm">
            <Button
              variant="default"
              leftSection={<IconArrowLeft size={16} aria-hidden />}
              onClick={() => setStep(0)}
              disabled={start.isPending}
            >
              Back
            </Button>
            <Button
              leftSection={<IconEyeSearch size={16} aria-hidden />}
              onClick={preview}
              loading={start.isPending}
              disabled={target === null || target.status !== "active"}
              data-testid="restore-preview"
            >
              Preview
            </Button>
          </Group>
        </Stack>
      </Stepper.Step>
    </Stepper>
  );
}

/** The set being restored from, read-only: when it was taken, its status, what it holds and lacks. */
function SetSummary({ tenant, detail }: { tenant: Tenant; detail: BackupSetDetail }) {
  const types = usePolicyTypes();
  const { set } = detail;
  const missing = set.status === "partial" ? missingShort(set, types.label) : "";
  const naming = setNaming(set);
  return (
    <Paper withBorder radius="md" p="sm" data-testid="restore-set-summary">
      <Stack gap={4}>
        <Group gap="sm">
          <Text fw={600}>
            {upperFirst(naming.noun)} of {tenant.display_name} {naming.made}{" "}
            <RelativeTime value={set.created_at} span inherit />
          </Text>
          <BackupStatusBadge status={set.status} />
        </Group>
        <Text size="sm" c="dimmed">
          It holds {versionsWords(detail.items.length)}.
        </Text>
        {missing !== "" && (
          <Text size="sm" c="yellow.9" data-testid="restore-set-partial">
            Partial: {missing.charAt(0).toLowerCase()}
            {missing.slice(1)}. Only the versions it holds can be previewed.
          </Text>
        )}
      </Stack>
    </Paper>
  );
}

/** Versions listed at most at once; a type or a search narrows the list. */
const MAX_LISTED = 200;
const ALL_TYPES = "all";

type VersionPickerProps = {
  detail: BackupSetDetail;
  chosen: ReadonlySet<PolicyVersionId>;
  onChange: (chosen: ReadonlySet<PolicyVersionId>) => void;
};

/** Versions of the set to restore, ticked one by one or all those a type and a search show. */
function VersionPicker({ detail, chosen, onChange }: VersionPickerProps) {
  const [type, setType] = useState(ALL_TYPES);
  const [text, setText] = useState("");
  const { items } = detail;
  const types = useMemo(() => {
    const counts = new Map<string, { label: string; count: number }>();
    for (const item of items) {
      const entry = counts.get(item.object_type) ?? { label: item.type_label, count: 0 };
      entry.count += 1;
      counts.set(item.object_type, entry);
    }
    return [...counts].map(([key, entry]) => ({ key, ...entry })).sort((a, b) => a.label.localeCompare(b.label));
  }, [items]);
  const search = text.trim().toLocaleLowerCase();
  const shown = useMemo(
    () =>
      items
        .filter(
          (item) =>
            (type === ALL_TYPES || item.object_type === type) &&
            (search === "" || item.display_name.toLocaleLowerCase().includes(search)),
        )
        .sort((a, b) => a.type_label.localeCompare(b.type_label) || a.display_name.localeCompare(b.display_name)),
    [items, type, search],
  );
  const listed = shown.slice(0, MAX_LISTED);
  const shownChosen = shown.filter((item) => chosen.has(item.version_id)).length;
  const toggle = (id: PolicyVersionId, on: boolean) => {
    const next = new Set(chosen);
    if (on) next.add(id);
    else next.delete(id);
    onChange(next);
  };
  const setShown = (on: boolean) => {
    const next = new Set(chosen);
    for (const item of shown) {
      if (on) next.add(item.version_id);
      else next.delete(item.version_id);
    }
    onChange(next);
  };

  return (
    <Stack gap="sm" data-testid="restore-versions">
      <Group gap="md" align="flex-end" wrap="wrap">
        <Select
          label="Type"
          data={[
            { value: ALL_TYPES, label: `All types (${items.length.toLocaleString()})` },
            ...types.map((entry) => ({ value: entry.key, label: `${entry.label} (${entry.count.toLocaleString()})` })),
          ]}
          value={type}
          onChange={(next) => setType(next ?? ALL_TYPES)}
          allowDeselect={false}
          comboboxProps={{ withinPortal: true }}
          w={300}
          data-testid="restore-versions-type"
        />
        <TextInput
          label="Name"
          placeholder="Filter by name"
          leftSection={<IconSearch size={14} aria-hidden />}
          value={text}
          onChange={(event) => setText(event.currentTarget.value)}
          w={260}
          data-testid="restore-versions-search"
        />
      </Group>
      <Group gap="sm" justify="space-between">
        <Text size="sm" data-testid="restore-versions-chosen">
          {chosen.size.toLocaleString()} of {items.length.toLocaleString()} chosen
        </Text>
        <Group gap="xs">
          <Button
            size="xs"
            variant="default"
            onClick={() => setShown(true)}
            disabled={shown.length === 0 || shownChosen === shown.length}
            data-testid="restore-versions-all"
          >
            Choose the {shown.length.toLocaleString()} shown
          </Button>
          <Button size="xs" variant="subtle" color="gray" onClick={() => setShown(false)} disabled={shownChosen === 0}>
            Clear the {shownChosen.toLocaleString()} shown
          </Button>
        </Group>
      </Group>
      {shown.length === 0 ? (
        <Text size="sm" c="dimmed" data-testid="restore-versions-none">
          No version of the set matches these filters.
        </Text>
      ) : (
        <Paper withBorder radius="md" p="xs" mah={420} style={{ overflowY: "auto" }}>
          <Stack gap={6} component="ul" m={0} p={0} style={{ listStyle: "none" }} aria-label="Versions of the set">
            {listed.map((item) => (
              <li key={item.version_id}>
                <Checkbox
                  checked={chosen.has(item.version_id)}
                  onChange={(event) => toggle(item.version_id, event.currentTarget.checked)}
                  label={
                    <Group gap={6} wrap="nowrap">
                      <Text size="sm" span>
                        {item.display_name}
                      </Text>
                      <Badge size="xs" variant="light" color="gray" radius="sm">
                        {item.type_label}
                      </Badge>
                      <Text size="xs" c="dimmed" span>
                        Version {item.version_number.toLocaleString()}
                      </Text>
                    </Group>
                  }
                  data-testid="restore-version"
                  data-version-id={item.version_id}
                />
              </li>
            ))}
          </Stack>
        </Paper>
      )}
      {shown.length > MAX_LISTED && (
        <Text size="sm" c="dimmed">
          Showing {MAX_LISTED.toLocaleString()} of {shown.length.toLocaleString()} versions: choose a type or filter by
          name to narrow the list. “Choose the {shown.length.toLocaleString()} shown” chooses all of them.
        </Text>
      )}
    </Stack>
  );
}

type TargetPickerProps = {
  source: Tenant;
  tenants: ReturnType<typeof useTenants>;
  value: string | null;
  onChange: (tenantId: string) => void;
};

/** The tenants a preview can go onto: the set's own first, then every other of the workspace; only active ones can be read. */
function TargetPicker({ source, tenants, value, onChange }: TargetPickerProps) {
  if (tenants.isPending) return <Skeleton height={120} radius="md" data-testid="restore-targets-loading" />;
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
  const list = [...tenants.data].sort(
    (a, b) => Number(b.id === source.id) - Number(a.id === source.id) || a.display_name.localeCompare(b.display_name),
  );
  return (
    <Radio.Group value={value} onChange={onChange} label="Restore onto" data-testid="restore-target">
      <Stack gap="xs" mt="xs">
        {list.map((candidate) => {
          const active = candidate.status === "active";
          return (
            <Radio
              key={candidate.id}
              value={candidate.id}
              disabled={!active}
              label={
                <Group gap={6}>
                  <Text size="sm" span>
                    {candidate.display_name}
                  </Text>
                  {candidate.id === source.id ? (
                    <Badge size="xs" variant="light" color="gray" radius="sm">
                      Its own tenant
                    </Badge>
                  ) : (
                    <Badge size="xs" variant="light" color="violet" radius="sm">
                      Promote
                    </Badge>
                  )}
                </Group>
              }
              description={
                active
                  ? undefined
                  : `${candidate.status === "paused" ? "Paused" : "Archived"}: reactivate it to preview a restore onto it.`
              }
              data-testid="restore-target-option"
              data-tenant-id={candidate.id}
            />
          );
        })}
      </Stack>
    </Radio.Group>
  );
}
