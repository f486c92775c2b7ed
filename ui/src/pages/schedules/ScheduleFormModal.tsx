import { Button, Group, Input, Modal, SegmentedControl, Select, Stack, Text } from "@mantine/core";
import { notifications } from "@mantine/notifications";
import { type FormEvent, useEffect, useRef, useState } from "react";
import { useCreateSchedule, useTenants, useUpdateSchedule } from "../../api";
import type {
  ApiError,
  BackupRetention,
  ScheduleKind,
  ScheduleView,
  Tenant,
  TenantId,
  WorkspaceId,
} from "../../bindings/types";
import { FailureAlert } from "../../components/FailureAlert";
import { syncActionLabel } from "../../runs";
import { CronField } from "./CronField";
import { normalizeCron } from "./cronWords";
import { RetentionFields } from "./RetentionFields";
import { type RetentionDraft, readRetention, retentionDraft, sameRetention } from "./retentionForm";
import {
  errorField,
  isSyncKind,
  SCHEDULE_KINDS,
  scheduleKindLabel,
  scheduleRunLabel,
  scheduleTitle,
} from "./scheduleView";
import { TimeZoneSelect } from "./TimeZoneSelect";
import { operatorTimeZone } from "./timeZones";

/** The tenant field's value for a schedule of every active tenant. */
const ALL_TENANTS = "all";

type ScheduleFormModalProps = {
  workspaceId: WorkspaceId;
  opened: boolean;
  onClose: () => void;
  /** The schedule to edit; a new one is created without. */
  schedule?: ScheduleView | undefined;
  /** The tenant a new schedule starts with; none: every active tenant. */
  initialTenantId?: TenantId | null | undefined;
  /** What a new schedule starts with (an inventory sync unless given). */
  initialKind?: ScheduleKind | undefined;
};

/** Creates a scheduled sync or backup, or changes when an existing one starts (and which backups it keeps). */
export function ScheduleFormModal({ opened, onClose, schedule, ...rest }: ScheduleFormModalProps) {
  return (
    <Modal
      opened={opened}
      onClose={onClose}
      title={schedule === undefined ? "New schedule" : "Edit schedule"}
      size="lg"
      closeOnClickOutside={false}
    >
      {/* Mounted only while open: each opening starts from the schedule as it is now. */}
      {opened && <ScheduleForm schedule={schedule} onClose={onClose} {...rest} />}
    </Modal>
  );
}

type FieldErrors = { cron?: string; timeZone?: string; keepLast?: string; keepDays?: string };

/** The fields in the order the form shows them: the first with an error gets the focus. */
const FIELD_ORDER: readonly (keyof FieldErrors)[] = ["cron", "timeZone", "keepLast", "keepDays"];

function ScheduleForm({
  workspaceId,
  schedule,
  initialTenantId = null,
  initialKind = "inventory",
  onClose,
}: Omit<ScheduleFormModalProps, "opened">) {
  const [tenant, setTenant] = useState<string>(schedule?.schedule.tenant_id ?? initialTenantId ?? ALL_TENANTS);
  const [kind, setKind] = useState<ScheduleKind>(schedule?.kind ?? initialKind);
  const [retention, setRetention] = useState<RetentionDraft>(() =>
    retentionDraft(schedule?.retention ?? null, schedule === undefined),
  );
  // A backup schedule that keeps every backup now may stay so; any other backup form needs a number.
  const keepsEvery = schedule !== undefined && schedule.retention === null;
  const [cron, setCron] = useState(schedule?.schedule.cron ?? "0 3 * * *");
  const [zone, setZone] = useState(schedule?.schedule.time_zone ?? operatorTimeZone());
  const [errors, setErrors] = useState<FieldErrors>({});
  const [failure, setFailure] = useState<ApiError | null>(null);
  const create = useCreateSchedule();
  const update = useUpdateSchedule();
  const form = useRef<HTMLFormElement>(null);
  const busy = create.isPending || update.isPending;
  // The field to focus once the form takes input again (fields are disabled while it is sent).
  const [focusField, setFocusField] = useState<keyof FieldErrors | null>(null);
  useEffect(() => {
    if (focusField === null || busy) return;
    form.current?.querySelector<HTMLElement>(`input[data-field=${focusField}]`)?.focus();
    setFocusField(null);
  }, [focusField, busy]);

  const refused = (error: ApiError) => {
    const field = errorField(error);
    if (field === null) {
      setFailure(error);
      return;
    }
    setErrors({ [field]: error.message });
    setFocusField(field);
  };

  const saved = (view: ScheduleView, title: string) => {
    const next = view.upcoming_local[0];
    notifications.show({
      color: "green",
      title,
      message: `${scheduleTitle(view)} · ${next === undefined ? "no start ahead" : `next start ${next}`}`,
    });
    onClose();
  };

  const submit = (event: FormEvent) => {
    event.preventDefault();
    setFailure(null);
    const expression = normalizeCron(cron);
    const found: FieldErrors = {};
    if (expression === "") {
      found.cron = "Enter when the schedule starts: choose a preset or write a cron expression.";
    }
    // Only a backup keeps backups: other kinds send no retention at all.
    let keep: BackupRetention | null = null;
    if (kind === "backup") {
      const read = readRetention(retention, { required: !keepsEvery });
      Object.assign(found, read.errors);
      keep = read.retention;
    }
    const first = FIELD_ORDER.find((field) => found[field] !== undefined);
    if (first !== undefined) {
      setErrors(found);
      setFocusField(first);
      return;
    }
    setErrors({});
    if (schedule === undefined) {
      create.mutate(
        {
          workspace_id: workspaceId,
          ...(tenant === ALL_TENANTS ? {} : { tenant_id: tenant }),
          kind,
          cron: expression,
          time_zone: zone,
          ...(keep === null ? {} : { retention: keep }),
        },
        { onSuccess: (view) => saved(view, "Schedule created"), onError: refused },
      );
      return;
    }
    const changes = {
      ...(expression === schedule.schedule.cron ? {} : { cron: expression }),
      ...(zone === schedule.schedule.time_zone ? {} : { time_zone: zone }),
      ...(keep === null || sameRetention(keep, schedule.retention) ? {} : { retention: keep }),
    };
    if (Object.keys(changes).length === 0) {
      onClose();
      return;
    }
    update.mutate(
      { schedule_id: schedule.schedule.id, ...changes },
      { onSuccess: (view) => saved(view, "Schedule saved"), onError: refused },
    );
  };

  return (
    <form ref={form} onSubmit={submit} noValidate data-testid="schedule-form">
      <Stack gap="md">
        {failure !== null && (
          <FailureAlert
            title={schedule === undefined ? "The schedule was not created" : "The changes were not saved"}
            data-testid="schedule-form-error"
          >
            {failure.message}
          </FailureAlert>
        )}
        {schedule === undefined ? (
          <>
            <TenantField workspaceId={workspaceId} value={tenant} onChange={setTenant} disabled={busy} />
            <Input.Wrapper label="What it starts" description={kindHint(kind)}>
              <SegmentedControl
                mt={6}
                fullWidth
                data={SCHEDULE_KINDS.map((value) => ({ value, label: scheduleKindLabel(value) }))}
                value={kind}
                onChange={(value) => {
                  const next = SCHEDULE_KINDS.find((candidate) => candidate === value);
                  if (next !== undefined) setKind(next);
                }}
                disabled={busy}
                data-testid="schedule-kind"
              />
            </Input.Wrapper>
          </>
        ) : (
          <Text size="sm" data-testid="schedule-form-subject">
            <strong>{scheduleTitle(schedule)}</strong>
            <Text span size="sm" c="dimmed">
              {" "}
              ·{" "}
              {schedule.kind === "backup"
                ? "To back up another tenant, create a new schedule."
                : "To sync another tenant or kind, create a new schedule."}
            </Text>
          </Text>
        )}
        <CronField
          value={cron}
          onChange={(next) => {
            setCron(next);
            setErrors(({ cron: _, ...others }) => others);
          }}
          timeZone={zone}
          error={errors.cron ?? null}
          disabled={busy}
        />
        <TimeZoneSelect
          value={zone}
          onChange={(next) => {
            setZone(next);
            setErrors(({ timeZone: _, ...others }) => others);
          }}
          error={errors.timeZone ?? null}
          disabled={busy}
        />
        {kind === "backup" && (
          <RetentionFields
            value={retention}
            onChange={(next) => {
              setRetention(next);
              setErrors(({ keepLast: _last, keepDays: _days, ...others }) => others);
            }}
            errors={errors}
            keepsEvery={keepsEvery}
            disabled={busy}
          />
        )}
        <Group justify="flex-end" gap="sm">
          <Button variant="default" onClick={onClose} disabled={busy}>
            Cancel
          </Button>
          <Button type="submit" loading={busy} data-testid="schedule-submit">
            {schedule === undefined ? "Create schedule" : "Save"}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

type TenantFieldProps = {
  workspaceId: WorkspaceId;
  value: string;
  onChange: (value: string) => void;
  disabled: boolean;
};

/** Which tenant a new schedule syncs: one of the workspace's (not archived), or every active one. */
function TenantField({ workspaceId, value, onChange, disabled }: TenantFieldProps) {
  const tenants = useTenants(workspaceId);
  const choices = (tenants.data ?? [])
    .filter((candidate) => candidate.status !== "archived")
    .sort((a, b) => a.display_name.localeCompare(b.display_name));
  const chosen = choices.find((candidate) => candidate.id === value);
  return (
    <Select
      label="Tenant"
      description={tenantHint(chosen)}
      data={[
        { value: ALL_TENANTS, label: "All active tenants" },
        {
          group: "Tenants",
          items: choices.map((candidate) => ({
            value: candidate.id,
            label: candidate.status === "paused" ? `${candidate.display_name} (paused)` : candidate.display_name,
          })),
        },
      ]}
      value={value}
      onChange={(next) => {
        if (next !== null) onChange(next);
      }}
      searchable
      allowDeselect={false}
      nothingFoundMessage="No tenant by that name"
      error={tenants.isError ? `The tenants could not be loaded: ${tenants.error.message}` : undefined}
      disabled={disabled}
      data-autofocus
      data-testid="schedule-tenant"
    />
  );
}

/** What each start of the chosen kind does, as the button that does the same by hand. */
function kindHint(kind: ScheduleKind): string {
  if (isSyncKind(kind)) {
    return `Each start queues a ${scheduleRunLabel(kind)}, as the tenant's “${syncActionLabel(kind)}” button does.`;
  }
  return "Each start queues a Backup: the current version of every policy, kept as a backup set, as the “Back up now” button of the tenant's Backups tab does.";
}

function tenantHint(tenant: Tenant | undefined): string {
  if (tenant === undefined) {
    return "Every tenant that is active when the schedule starts, tenants added later included; paused ones are skipped.";
  }
  if (tenant.status === "paused") {
    return `${tenant.display_name} is paused: what is scheduled for it is skipped until it is reactivated.`;
  }
  return `Only ${tenant.display_name}; skipped while it is paused.`;
}
