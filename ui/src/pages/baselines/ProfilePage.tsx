import { Anchor, Group, Stack, Text, Title } from "@mantine/core";
import type { ReactNode } from "react";
import { Link, useParams, useSearchParams } from "react-router";
import { useBaselineProfile, useTenants } from "../../api";
import type { BaselineProfileDetail } from "../../bindings/types";
import { DetailSkeleton } from "../../components/DetailSkeleton";
import { ErrorState } from "../../components/ErrorState";
import { PageBreadcrumbs } from "../../components/PageBreadcrumbs";
import { PageHeader } from "../../components/PageHeader";
import { present, StatusBadge } from "../../vocabulary";
import { Assignments } from "./Assignments";
import { scopeSummary } from "./baselineWords";
import { ProfileActions } from "./ProfileActions";
import { usePolicyTypes } from "./policyTypes";
import { ReadinessCallout } from "./ReadinessCallout";
import { SnapshotDrawer } from "./SnapshotDrawer";
import { SnapshotHistory } from "./SnapshotHistory";

const BASELINES = { label: "Baselines", to: "/baselines" };

export function ProfilePage() {
  const { profileId = "" } = useParams();
  const detail = useBaselineProfile(profileId);
  if (detail.isPending) return <DetailSkeleton data-testid="profile-loading" />;
  if (detail.isError) {
    return (
      <Stack gap="md">
        <PageBreadcrumbs items={[BASELINES, { label: "Baseline profile" }]} />
        <ErrorState
          title="This baseline profile could not be loaded"
          message={detail.error.message}
          onRetry={() => void detail.refetch()}
          retrying={detail.isFetching}
        />
      </Stack>
    );
  }
  return <ProfileView detail={detail.data} />;
}

function ProfileView({ detail }: { detail: BaselineProfileDetail }) {
  const { profile, readiness } = detail;
  const tenants = useTenants(profile.workspace_id);
  const types = usePolicyTypes();
  // The open snapshot lives in the address, so a capture run can link straight to it.
  const [params, setParams] = useSearchParams();
  const openSnapshot = params.get("snapshot");
  const setSnapshot = (id: string | null) =>
    setParams(
      (current) => {
        const next = new URLSearchParams(current);
        if (id === null) next.delete("snapshot");
        else next.set("snapshot", id);
        return next;
      },
      { replace: true },
    );
  const source = tenants.data?.find((tenant) => tenant.id === profile.source_tenant_id) ?? null;

  return (
    <Stack gap="lg" data-testid="profile-page">
      <Stack gap="sm">
        <PageBreadcrumbs items={[BASELINES, { label: profile.name }]} />
        <PageHeader
          align="start"
          heading={
            <Stack gap={4}>
              <Group gap="xs" align="center">
                <Title order={2} size="h3" data-testid="profile-name">
                  {profile.name}
                </Title>
                <StatusBadge domain="baseline_status" code={profile.status} />
              </Group>
              {profile.description !== "" && (
                <Text size="sm" c="dimmed" maw={720}>
                  {profile.description}
                </Text>
              )}
              <Group gap="lg" wrap="wrap" data-testid="profile-facts">
                <Fact label="Capture">{present("capture_mode", profile.capture_mode).label}</Fact>
                <Fact label="Source tenant">
                  {profile.source_tenant_id === null ? (
                    <Text span size="sm" c="dimmed">
                      Not chosen
                    </Text>
                  ) : (
                    <Anchor component={Link} to={`/tenants/${profile.source_tenant_id}`} size="sm">
                      {source?.display_name ?? "Source tenant"}
                    </Anchor>
                  )}
                </Fact>
                <Fact label="Scope">{scopeSummary(profile.scope, types.label)}</Fact>
              </Group>
            </Stack>
          }
          actions={<ProfileActions detail={detail} sourceName={source?.display_name ?? null} />}
        />
      </Stack>
      <ReadinessCallout readiness={readiness} />
      <Stack gap="xs">
        <Title order={4}>Snapshots</Title>
        <SnapshotHistory
          profile={profile}
          snapshots={detail.snapshots}
          onOpen={(snapshot) => setSnapshot(snapshot.id)}
        />
      </Stack>
      <Stack gap="xs">
        <Title order={4}>Assigned tenants</Title>
        <Assignments profile={profile} assigned={detail.assigned_tenants} />
      </Stack>
      <SnapshotDrawer snapshotId={openSnapshot} onClose={() => setSnapshot(null)} />
    </Stack>
  );
}

function Fact({ label, children }: { label: string; children: ReactNode }) {
  return (
    <Group gap={6} wrap="nowrap">
      <Text size="xs" c="dimmed">
        {label}
      </Text>
      <Text size="sm" span>
        {children}
      </Text>
    </Group>
  );
}
