import { Badge, Group, SimpleGrid, Skeleton, Stack, Table, Text, Title } from "@mantine/core";
import { IconCircleCheck, IconShieldLock } from "@tabler/icons-react";
import { useRbacReport } from "../../api";
import type { Tenant } from "../../bindings/types";
import { ErrorState } from "../../components/ErrorState";
import { type ExportColumn, ExportMenu, type RowNoun, toExportTable } from "../../components/export";
import { RelativeTime } from "../../components/RelativeTime";
import { slots } from "../../components/slots";
import { RunLink } from "../../runs";
import { principalTypeLabel } from "./principals";
import { RbacFindingCard, RbacSummary } from "./RbacFacts";
import { customRoleColumns, privilegedHolderColumns, rbacFindingColumns } from "./rbacExport";
import { SyncEmptyState } from "./SyncEmptyState";

export function RbacReportTab({ tenant }: { tenant: Tenant }) {
  const report = useRbacReport(tenant.id);
  if (report.isPending) return <ReportSkeleton />;
  if (report.isError) {
    return (
      <ErrorState
        title="The RBAC report could not be loaded"
        message={report.error.message}
        onRetry={() => void report.refetch()}
        retrying={report.isFetching}
      />
    );
  }
  if (report.data === null) {
    return (
      <SyncEmptyState
        tenant={tenant}
        kind="roles"
        icon={IconShieldLock}
        title="No RBAC report yet"
        description="Run Sync roles: it reads who holds which Entra directory role and reports global administrators, privileged holders and custom roles."
        data-testid="rbac-empty"
      />
    );
  }
  const { report: facts, created_at, run_id } = report.data;
  return (
    <Stack gap="lg" data-testid="rbac-report">
      <Group gap="xs">
        <Text size="sm" c="dimmed">
          From the role sync
        </Text>
        <RelativeTime value={created_at} size="sm" c="dimmed" />
        {run_id !== null && <RunLink runId={run_id} />}
      </Group>
      <RbacSummary facts={facts} />
      <Stack gap="xs">
        <SectionTitle
          title="Findings"
          tenant={tenant}
          file="rbac-findings"
          noun={["finding", "findings"]}
          columns={rbacFindingColumns}
          rows={facts.findings}
        />
        {facts.findings.length === 0 ? (
          <Group gap="xs">
            <IconCircleCheck size={18} color="var(--mantine-color-green-6)" aria-hidden />
            <Text size="sm">Nothing to act on: no finding in this tenant&apos;s directory roles.</Text>
          </Group>
        ) : (
          <Stack gap="xs" data-testid="rbac-findings">
            {facts.findings.map((finding) => (
              <RbacFindingCard key={`${finding.code}-${finding.title}`} finding={finding} />
            ))}
          </Stack>
        )}
      </Stack>
      <Stack gap="xs">
        <SectionTitle
          title="Privileged role holders"
          tenant={tenant}
          file="privileged-role-holders"
          noun={["holder", "holders"]}
          columns={privilegedHolderColumns}
          rows={facts.privileged_holders}
        />
        {facts.privileged_holders.length === 0 ? (
          <Text size="sm" c="dimmed">
            No principal holds a privileged built-in role.
          </Text>
        ) : (
          <Table
            verticalSpacing={6}
            withTableBorder
            aria-label="Privileged role holders"
            data-testid="privileged-holders"
          >
            <Table.Thead>
              <Table.Tr>
                <Table.Th>Principal</Table.Th>
                <Table.Th w={170}>Kind</Table.Th>
                <Table.Th>Privileged roles</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {facts.privileged_holders.map((holder) => (
                <Table.Tr key={holder.principal_id}>
                  <Table.Td>
                    {holder.display_name ?? (
                      <Text size="xs" ff="monospace" c="dimmed">
                        {holder.principal_id}
                      </Text>
                    )}
                  </Table.Td>
                  <Table.Td>{principalTypeLabel(holder.principal_type)}</Table.Td>
                  <Table.Td>
                    <Group gap={4}>
                      {holder.roles.map((role) => (
                        <Badge
                          key={role}
                          size="sm"
                          variant="light"
                          color={role === "Global Administrator" ? "red" : "orange"}
                          radius="sm"
                        >
                          {role}
                        </Badge>
                      ))}
                    </Group>
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        )}
      </Stack>
      {facts.custom_roles.length > 0 && (
        <Stack gap="xs">
          <SectionTitle
            title="Custom roles"
            tenant={tenant}
            file="custom-roles"
            noun={["custom role", "custom roles"]}
            columns={customRoleColumns}
            rows={facts.custom_roles}
          />
          <Table verticalSpacing={6} withTableBorder aria-label="Custom roles">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>Role</Table.Th>
                <Table.Th w={110}>State</Table.Th>
                <Table.Th w={90} ta="right">
                  Holders
                </Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {facts.custom_roles.map((role) => (
                <Table.Tr key={role.role_definition_id}>
                  <Table.Td>
                    <Text size="sm">{role.display_name}</Text>
                    {role.description !== null && (
                      <Text size="xs" c="dimmed" lineClamp={1}>
                        {role.description}
                      </Text>
                    )}
                  </Table.Td>
                  <Table.Td>{role.enabled ? "Enabled" : "Disabled"}</Table.Td>
                  <Table.Td ta="right">{role.holder_count}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Stack>
      )}
    </Stack>
  );
}

type SectionTitleProps<Row> = {
  title: string;
  tenant: Tenant;
  /** The file name's end, after the tenant's name. */
  file: string;
  noun: RowNoun;
  columns: readonly ExportColumn<Row>[];
  rows: readonly Row[];
};

/** A section's heading, with the export of its table when it has rows. */
function SectionTitle<Row>({ title, tenant, file, noun, columns, rows }: SectionTitleProps<Row>) {
  return (
    <Group justify="space-between" gap="sm">
      <Title order={4}>{title}</Title>
      {rows.length > 0 && (
        <ExportMenu
          workspaceId={tenant.workspace_id}
          name={`${tenant.display_name}-${file}`}
          noun={noun}
          size="xs"
          gather={async () => ({ ...toExportTable(columns, rows), truncated: false })}
          data-testid={`${file}-export`}
        />
      )}
    </Group>
  );
}

function ReportSkeleton() {
  return (
    <Stack gap="md" data-testid="rbac-loading" aria-busy="true">
      <SimpleGrid cols={4} spacing="sm">
        {[0, 1, 2, 3].map((card) => (
          <Skeleton key={card} height={64} radius="sm" />
        ))}
      </SimpleGrid>
      {slots(4).map((line) => (
        <Skeleton key={line} height={48} radius="sm" />
      ))}
    </Stack>
  );
}
