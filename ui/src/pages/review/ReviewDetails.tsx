import { Box, Group, List, Paper, SimpleGrid, Stack, Text, Title } from "@mantine/core";
import type { ReactNode } from "react";
import type { ReviewAction, ReviewSection, Tenant, TenantReview } from "../../bindings/types";
import { RelativeTime } from "../../components/RelativeTime";
import { StatusBadge } from "../../vocabulary";
import { ReviewNote } from "./ReviewNote";

type ReviewDetailsProps = {
  review: TenantReview;
  tenant: Tenant;
  canEdit: boolean;
  /** Sections without their facts, and no highlights: where the review is summed up beside other things. */
  compact?: boolean;
  /** Said after when the review was composed: which evidence it came from. */
  source?: ReactNode;
};

/** A composed review: its sections with their status, highlights, recommended actions and the operator's note. */
export function ReviewDetails({ review, tenant, canEdit, compact = false, source }: ReviewDetailsProps) {
  return (
    <Stack gap="sm" data-testid="review">
      <Group gap={6} wrap="wrap">
        <Text size="xs" c="dimmed">
          Composed <RelativeTime value={review.composed_at} size="xs" span />
        </Text>
        {source}
      </Group>
      <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm">
        {review.sections.map((section) => (
          <Section key={section.key} section={section} withFacts={!compact} />
        ))}
      </SimpleGrid>
      {!compact && <Highlights highlights={review.highlights} />}
      <Actions actions={review.actions} sections={review.sections} />
      <ReviewNote review={review} tenant={tenant} canEdit={canEdit} />
    </Stack>
  );
}

function Section({ section, withFacts }: { section: ReviewSection; withFacts: boolean }) {
  return (
    <Paper withBorder radius="sm" p="sm" data-testid="review-section" data-key={section.key}>
      <Stack gap={6}>
        <Group gap={8} justify="space-between" wrap="nowrap">
          <Text size="sm" fw={600}>
            {section.title}
          </Text>
          <StatusBadge domain="review_section_status" code={section.status} />
        </Group>
        <Text size="sm">{section.summary}</Text>
        {withFacts && section.facts.length > 0 && <Facts facts={section.facts} />}
      </Stack>
    </Paper>
  );
}

/** A section's facts as label–value pairs. */
function Facts({ facts }: { facts: ReviewSection["facts"] }) {
  return (
    <Box
      component="dl"
      m={0}
      style={{ display: "grid", gridTemplateColumns: "max-content 1fr", columnGap: 12, rowGap: 2 }}
    >
      {facts.map(([label, value]) => (
        <FactRow key={`${label}:${value}`} label={label} value={value} />
      ))}
    </Box>
  );
}

function FactRow({ label, value }: { label: string; value: string }) {
  return (
    <>
      <Text component="dt" size="xs" c="dimmed">
        {label}
      </Text>
      <Text component="dd" size="xs" m={0}>
        {value}
      </Text>
    </>
  );
}

function Highlights({ highlights }: { highlights: string[] }) {
  if (highlights.length === 0) return null;
  return (
    <Stack gap={4} data-testid="review-highlights">
      <Title order={4} size="h6">
        Highlights
      </Title>
      <List size="sm" spacing={2}>
        {highlights.map((highlight) => (
          <List.Item key={highlight}>{highlight}</List.Item>
        ))}
      </List>
    </Stack>
  );
}

/** The recommended actions, most urgent first, each with the section it comes from. */
function Actions({ actions, sections }: { actions: ReviewAction[]; sections: ReviewSection[] }) {
  const titles = new Map(sections.map((section) => [section.key, section.title]));
  return (
    <Stack gap={4} data-testid="review-actions">
      <Title order={4} size="h6">
        Recommended actions
      </Title>
      {actions.length === 0 ? (
        <Text size="sm" c="dimmed">
          Nothing to act on.
        </Text>
      ) : (
        <Stack gap={6} component="ol" m={0} p={0} style={{ listStyle: "none" }}>
          {actions.map((action) => (
            <Group
              key={`${action.section}:${action.text}`}
              component="li"
              gap={8}
              wrap="nowrap"
              align="flex-start"
              data-testid="review-action"
              data-priority={action.priority}
            >
              <StatusBadge domain="review_section_status" code={action.priority} />
              <Text size="sm">
                {action.text}{" "}
                <Text span size="xs" c="dimmed">
                  ({titles.get(action.section) ?? action.section})
                </Text>
              </Text>
            </Group>
          ))}
        </Stack>
      )}
    </Stack>
  );
}
