import { Group, Text } from "@mantine/core";
import type { ProofRule } from "../../bindings/types";
import { StatusBadge } from "../../vocabulary";

/**
 * A snapshot made from an imported backup: said so, with the decision table's rule that set its
 * lifecycle (SPEC §6.7). Nothing for a snapshot a capture made.
 */
export function ImportedProof({ rule, size = "sm" }: { rule: ProofRule | undefined; size?: "xs" | "sm" }) {
  if (rule === undefined) return null;
  return (
    <Group gap={6} wrap="wrap" data-testid="snapshot-imported" data-rule={rule}>
      <Text size={size} c="dimmed">
        Made from an imported backup
      </Text>
      <StatusBadge domain="proof_rule" code={rule} size={size} />
    </Group>
  );
}
