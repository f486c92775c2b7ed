import { Alert, Anchor, Button, Group, Paper, Skeleton, Stack, Text, Tooltip } from "@mantine/core";
import { IconCircleCheck, IconGitCompare } from "@tabler/icons-react";
import { Link, useSearchParams } from "react-router";
import { useTenantBaseline } from "../../api";
import type { ReasonCode, Tenant, TenantBaseline } from "../../bindings/types";
import { ErrorState } from "../../components/ErrorState";
import { RelativeTime } from "../../components/RelativeTime";
import { RunLink, useTenantCompare } from "../../runs";
import { iconFor, present, StatusBadge, toneColor } from "../../vocabulary";
import { useCan } from "../../workspace";
import { FindingsList } from "../findings/FindingsList";
import { type FindingsView, readView, writeView } from "../findings/findingsView";

/** A tenant against its baseline: which profile, whether it can compare, the last compare, and its findings. */
export function DriftTab({ tenant }: { tenant: Tenant }) {
  const baseline = useTenantBaseline(tenant.id);
  const [params, setParams] = useSearchParams();
  const view = readView(params);
  // The tenant is fixed here: it is not written into the address.
  const setView = (next: FindingsView) =>
    setParams((current) => writeView(current, { ...next, tenants: [] }), { replace: true });

  return (
    <Stack gap="lg" data-testid="drift-tab">
      {baseline.isPending ? (
        <Skeleton height={96} radius="md" data-testid="drift-loading" />
      ) : baseline.isError ? (
        <ErrorState
          title="This tenant's baseline could not be loaded"
          message={baseline.error.message}
          onRetry={() => void baseline.refetch()}
          retrying={baseline.isFetching}
        />
      ) : (
        <BaselineSummary tenant={tenant} baseline={baseline.data} />
      )}
      <FindingsList workspaceId={tenant.workspace_id} view={view} onChange={setView} tenant={tenant} />
    </Stack>
  );
}

/** Where to fix what blocks a compare: the baselines list, the profile, or nothing to link. */
function fixLink(code: ReasonCode, baseline: TenantBaseline): { to: string; label: string } | null {
  if (code === "baseline.compare.no_assignment") return { to: "/baselines", label: "Go to baselines" };
  if (code.startsWith("baseline.") && baseline.profile !== null) {
    return { to: `/baselines/${baseline.profile.id}`, label: `Open ${baseline.profile.name}` };
  }
  return null;
}

function BaselineSummary({ tenant, baseline }: { tenant: Tenant; baseline: TenantBaseline }) {
  const can = useCan(tenant.workspace_id);
  const compare = useTenantCompare();
  const blocked = baseline.blocked_by;
  const last = baseline.last_compare;
  const presentation = blocked === null ? null : present("reason_code", blocked);
  const BlockedIcon = presentation === null ? IconCircleCheck : iconFor(presentation.icon);
  const fix = blocked === null ? null : fixLink(blocked, baseline);

  return (
    <Stack gap="sm" data-testid="drift-summary">
      <Group justify="space-between" align="flex-start" wrap="nowrap">
        <Stack gap={4}>
          <Group gap={6}>
            <Text size="sm" c="dimmed">
              Baseline
            </Text>
            {baseline.profile === null ? (
              <Text size="sm" c="dimmed" data-testid="drift-profile">
                None assigned
              </Text>
            ) : (
              <>
                <Anchor
                  component={Link}
                  to={`/baselines/${baseline.profile.id}`}
                  size="sm"
                  fw={500}
                  data-testid="drift-profile"
                >
                  {baseline.profile.name}
                </Anchor>
                <StatusBadge domain="baseline_status" code={baseline.profile.status} />
              </>
            )}
          </Group>
          <Group gap={6} data-testid="drift-last-compare">
            <Text size="sm" c="dimmed">
              Last compare
            </Text>
            {last === null ? (
              <Text size="sm" c="dimmed">
                Never compared
              </Text>
            ) : (
              <>
                {last.completed_at !== null && <RelativeTime value={last.completed_at} size="sm" />}
                <StatusBadge domain="run_outcome" code={last.outcome} />
                <RunLink runId={last.id} />
              </>
            )}
          </Group>
        </Stack>
        {can("tenant.sync") && (
          <Tooltip label={presentation?.label} disabled={blocked === null} withinPortal>
            <Button
              leftSection={<IconGitCompare size={16} aria-hidden />}
              // A blocked compare is still recorded (as a blocked run with its reason); the
              // button says up front that it would be.
              onClick={() => blocked === null && void compare.start(tenant)}
              loading={compare.isPending}
              data-disabled={blocked !== null || undefined}
              aria-disabled={blocked !== null || undefined}
              data-testid="compare-now"
            >
              Compare now
            </Button>
          </Tooltip>
        )}
      </Group>
      {presentation === null ? (
        <Paper withBorder radius="md" p="sm" data-testid="drift-ready">
          <Group gap="xs" wrap="nowrap">
            <BlockedIcon size={18} color="var(--mantine-color-green-6)" aria-hidden />
            <Text size="sm">{baseline.next_step}</Text>
          </Group>
        </Paper>
      ) : (
        <Alert
          variant="light"
          color={toneColor(presentation.tone)}
          icon={<BlockedIcon aria-hidden />}
          title={presentation.label}
          data-testid="drift-blocked"
        >
          <Stack gap="xs" align="flex-start">
            <Text size="sm" data-testid="drift-next-step">
              {baseline.next_step}
            </Text>
            {fix !== null && (
              <Button component={Link} to={fix.to} size="xs" variant="default" data-testid="drift-fix">
                {fix.label}
              </Button>
            )}
          </Stack>
        </Alert>
      )}
    </Stack>
  );
}
