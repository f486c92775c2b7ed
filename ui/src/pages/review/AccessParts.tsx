import { Stack, Table, Text } from "@mantine/core";
import type { EvidenceContent } from "../../bindings/types";
import { principalTypeLabel, scopeLabel } from "../tenant/principals";
import { RbacFindingCard, RbacSummary } from "../tenant/RbacFacts";
import { EvidencePart, FreshnessLine, NothingRecorded } from "./EvidencePart";

/** The RBAC hardening report the snapshot froze: its numbers and findings. */
export function RbacPart({ content }: { content: EvidenceContent }) {
  const rbac = content.rbac;
  return (
    <EvidencePart
      title="RBAC report"
      subtitle={<FreshnessLine content={content} part="rbac_report" />}
      data-testid="evidence-rbac"
    >
      {rbac === null ? (
        <NothingRecorded>No RBAC report had been produced; a role sync produces one.</NothingRecorded>
      ) : (
        <Stack gap="xs">
          <RbacSummary facts={rbac.report} />
          {rbac.report.findings.length === 0 ? (
            <Text size="sm">Nothing to act on: no finding in the tenant&apos;s directory roles.</Text>
          ) : (
            rbac.report.findings.map((finding) => (
              <RbacFindingCard key={`${finding.code}-${finding.title}`} finding={finding} />
            ))
          )}
        </Stack>
      )}
    </EvidencePart>
  );
}

/** Who held which directory role, and where, at the capture. */
export function RoleHoldersPart({ content }: { content: EvidenceContent }) {
  return (
    <EvidencePart
      title="Directory role holders"
      subtitle={<FreshnessLine content={content} part="directory_roles" />}
      data-testid="evidence-role-holders"
    >
      {content.role_holders.length === 0 ? (
        <NothingRecorded>No directory role holder was recorded.</NothingRecorded>
      ) : (
        <Table verticalSpacing={4} aria-label="Directory role holders">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>Role</Table.Th>
              <Table.Th>Holder</Table.Th>
              <Table.Th w={150}>Kind</Table.Th>
              <Table.Th>Scope</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {content.role_holders.map((holder) => (
              <Table.Tr key={`${holder.role}:${holder.principal_id}:${holder.scope}`} data-testid="role-holder">
                <Table.Td>{holder.role}</Table.Td>
                <Table.Td>
                  {holder.principal_name ?? (
                    <Text size="xs" ff="monospace" c="dimmed">
                      {holder.principal_id}
                    </Text>
                  )}
                </Table.Td>
                <Table.Td>{principalTypeLabel(holder.principal_type)}</Table.Td>
                <Table.Td>{scopeLabel(holder.scope)}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
    </EvidencePart>
  );
}
