import { Group, Paper, Stack, Text, Title } from "@mantine/core";
import type { ReactNode } from "react";
import type { EvidenceContent } from "../../bindings/types";
import { RelativeTime } from "../../components/RelativeTime";
import { partFreshness } from "./evidenceWords";

type EvidencePartProps = {
  title: string;
  /** What the part's facts are about, under its title (freshness, a window). */
  subtitle: ReactNode;
  children: ReactNode;
  "data-testid": string;
};

/** One part of a snapshot's frozen content, titled, with how fresh its data was. */
export function EvidencePart({ title, subtitle, children, ...rest }: EvidencePartProps) {
  return (
    <Paper withBorder radius="sm" p="sm" data-testid={rest["data-testid"]}>
      <Stack gap="xs">
        <Group justify="space-between" align="baseline" gap="xs" wrap="wrap">
          <Title order={5} size="h6">
            {title}
          </Title>
          {subtitle}
        </Group>
        {children}
      </Stack>
    </Paper>
  );
}

/**
 * "Synced 3 h ago", "Never synced", or that the snapshot did not record it: when the data of
 * `part` was last synced or produced before the capture, exactly as the snapshot froze it.
 */
export function FreshnessLine({ content, part }: { content: EvidenceContent; part: string }) {
  const freshness = partFreshness(content, part);
  return (
    <Text size="xs" c="dimmed" data-testid="part-freshness" data-part={part} data-state={freshness.state}>
      {freshness.words}
      {freshness.state === "at" && (
        <>
          {" "}
          <RelativeTime value={freshness.at} size="xs" span />
        </>
      )}
    </Text>
  );
}

/** A part with nothing in it, saying so. */
export function NothingRecorded({ children }: { children: ReactNode }) {
  return (
    <Text size="sm" c="dimmed" data-testid="part-empty">
      {children}
    </Text>
  );
}
