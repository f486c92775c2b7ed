import { Group, Stack, Text } from "@mantine/core";
import type { EvidenceContent } from "../../bindings/types";
import { StatusBadge } from "../../vocabulary";
import { SEVERITIES } from "../findings/codes";
import { openFindingsTotal } from "../packs/packWords";
import { EvidencePart, FreshnessLine, NothingRecorded } from "./EvidencePart";

/** Drift findings open at the capture, by severity, and the severe ones open for long. */
export function FindingsPart({ content }: { content: EvidenceContent }) {
  const severities = SEVERITIES.filter((severity) => (content.open_findings[severity] ?? 0) > 0);
  const longOpen = content.long_open_severe_findings;
  return (
    <EvidencePart
      title="Open findings"
      subtitle={<FreshnessLine content={content} part="drift" />}
      data-testid="evidence-findings-part"
    >
      {severities.length === 0 ? (
        <NothingRecorded>No drift finding was open.</NothingRecorded>
      ) : (
        <Stack gap={6}>
          <Text size="sm" data-testid="findings-total">
            {openFindingsTotal(content).toLocaleString()} open
          </Text>
          <Group gap="xs" wrap="wrap">
            {severities.map((severity) => (
              <Group key={severity} gap={4} wrap="nowrap" data-testid="findings-severity" data-severity={severity}>
                <StatusBadge domain="severity" code={severity} />
                <Text size="sm">{(content.open_findings[severity] ?? 0).toLocaleString()}</Text>
              </Group>
            ))}
          </Group>
        </Stack>
      )}
      <Text size="sm" c={longOpen > 0 ? "red.8" : "dimmed"} data-testid="long-open-findings">
        {longOpen === 0
          ? "No high or critical finding had been open for more than 14 days."
          : `${longOpen.toLocaleString()} high or critical ${longOpen === 1 ? "finding had" : "findings had"} been open for more than 14 days.`}
      </Text>
    </EvidencePart>
  );
}
