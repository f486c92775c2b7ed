import { Anchor, Table, Text } from "@mantine/core";
import { Link, useNavigate } from "react-router";
import type { BaselineProfileView, TenantId } from "../../bindings/types";
import { RelativeTime } from "../../components/RelativeTime";
import { present, StatusBadge } from "../../vocabulary";
import { scopeSummary } from "./baselineWords";
import type { PolicyTypes } from "./policyTypes";
import { ReadinessCell } from "./ReadinessCell";

type ProfilesTableProps = {
  profiles: BaselineProfileView[];
  tenantNames: Map<TenantId, string>;
  types: PolicyTypes;
};

/** The workspace's baseline profiles: what each covers, how current it is, and whether it can compare. */
export function ProfilesTable({ profiles, tenantNames, types }: ProfilesTableProps) {
  const navigate = useNavigate();
  const sorted = [...profiles].sort((a, b) => a.profile.name.localeCompare(b.profile.name));
  return (
    <Table highlightOnHover verticalSpacing="sm" aria-label="Baseline profiles" data-testid="profiles-table">
      <Table.Thead>
        <Table.Tr>
          <Table.Th miw={220}>Profile</Table.Th>
          <Table.Th w={100}>Status</Table.Th>
          <Table.Th w={110}>Capture</Table.Th>
          <Table.Th miw={140}>Source tenant</Table.Th>
          <Table.Th w={110}>Scope</Table.Th>
          <Table.Th w={120}>Current snapshot</Table.Th>
          <Table.Th w={80} ta="right">
            Tenants
          </Table.Th>
          <Table.Th w={90} ta="right">
            Open findings
          </Table.Th>
          <Table.Th w={200}>Readiness</Table.Th>
        </Table.Tr>
      </Table.Thead>
      <Table.Tbody>
        {sorted.map(({ profile, assigned_tenants, readiness, open_findings }) => {
          const source =
            profile.source_tenant_id === null ? null : (tenantNames.get(profile.source_tenant_id) ?? "Unknown tenant");
          const scope = scopeSummary(profile.scope, types.label);
          const completed = readiness.current?.completed_at ?? null;
          return (
            <Table.Tr
              key={profile.id}
              style={{ cursor: "pointer" }}
              onClick={() => navigate(`/baselines/${profile.id}`)}
              data-testid="profile-row"
              data-profile-id={profile.id}
            >
              <Table.Td>
                <Anchor
                  component={Link}
                  to={`/baselines/${profile.id}`}
                  size="sm"
                  fw={500}
                  onClick={(event) => event.stopPropagation()}
                >
                  {profile.name}
                </Anchor>
                {profile.description !== "" && (
                  <Text size="xs" c="dimmed" lineClamp={1} title={profile.description}>
                    {profile.description}
                  </Text>
                )}
              </Table.Td>
              <Table.Td>
                <StatusBadge domain="baseline_status" code={profile.status} />
              </Table.Td>
              <Table.Td>
                <Text size="sm">{present("capture_mode", profile.capture_mode).label}</Text>
              </Table.Td>
              <Table.Td>
                <Text size="sm" c={source === null ? "dimmed" : undefined}>
                  {source ?? "Not chosen"}
                </Text>
              </Table.Td>
              <Table.Td>
                <Text
                  size="sm"
                  title={profile.scope.map(types.label).join(", ") || undefined}
                  data-testid="profile-scope"
                >
                  {scope}
                </Text>
              </Table.Td>
              <Table.Td data-testid="profile-current">
                {completed === null ? (
                  <Text size="sm" c="dimmed">
                    No snapshot yet
                  </Text>
                ) : (
                  <RelativeTime value={completed} size="sm" />
                )}
              </Table.Td>
              <Table.Td ta="right">
                <Text size="sm" data-testid="profile-assigned">
                  {assigned_tenants.length.toLocaleString()}
                </Text>
              </Table.Td>
              <Table.Td ta="right">
                <Text size="sm" fw={open_findings > 0 ? 600 : undefined} data-testid="profile-open-findings">
                  {open_findings.toLocaleString()}
                </Text>
              </Table.Td>
              <Table.Td>
                <ReadinessCell readiness={readiness} />
              </Table.Td>
            </Table.Tr>
          );
        })}
      </Table.Tbody>
    </Table>
  );
}
