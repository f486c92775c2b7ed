import { Badge, Card, Group, Paper, SimpleGrid, Stack, Text } from "@mantine/core";
import type { RbacFinding, RbacHardeningReport } from "../../bindings/types";
import { StatusBadge } from "../../vocabulary";

/** The RBAC report's four numbers: global administrators, privileged holders, custom roles, assignments. */
export function RbacSummary({ facts }: { facts: RbacHardeningReport }) {
  const numbers = [
    { label: "Global administrators", value: facts.global_admin_count, testId: "rbac-global-admins" },
    { label: "Privileged role holders", value: facts.privileged_holders.length, testId: "rbac-privileged" },
    { label: "Custom roles", value: facts.custom_roles.length, testId: "rbac-custom-roles" },
    { label: "Role assignments", value: facts.assignment_count, testId: "rbac-assignments" },
  ];
  return (
    <SimpleGrid cols={4} spacing="sm">
      {numbers.map((number) => (
        <Paper key={number.label} withBorder p="sm" radius="sm">
          <Text size="xs" c="dimmed">
            {number.label}
          </Text>
          <Text size="xl" fw={700} data-testid={number.testId}>
            {number.value.toLocaleString()}
          </Text>
        </Paper>
      ))}
    </SimpleGrid>
  );
}

/** One finding of the RBAC report: its severity, what it is and whom it is about. */
export function RbacFindingCard({ finding }: { finding: RbacFinding }) {
  return (
    <Card withBorder padding="sm" radius="sm" data-testid="rbac-finding">
      <Group gap="sm" align="flex-start" wrap="nowrap">
        <StatusBadge domain="severity" code={finding.severity} />
        <Stack gap={4} style={{ flex: 1 }}>
          <Text size="sm" fw={600}>
            {finding.title}
          </Text>
          <Text size="sm" c="dimmed">
            {finding.detail}
          </Text>
          {finding.subjects.length > 0 && (
            <Group gap={4}>
              {finding.subjects.map((subject) => (
                <Badge key={subject} size="sm" variant="default" radius="sm" style={{ textTransform: "none" }}>
                  {subject}
                </Badge>
              ))}
            </Group>
          )}
        </Stack>
      </Group>
    </Card>
  );
}
