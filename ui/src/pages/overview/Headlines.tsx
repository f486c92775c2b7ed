import { ActionIcon, Card, Group, Skeleton, Text, Tooltip } from "@mantine/core";
import { IconInfoCircle } from "@tabler/icons-react";
import type { ReactNode } from "react";
import { Link } from "react-router";
import type { Tone } from "../../bindings/types";
import { slots } from "../../components/slots";
import { present, toneColor } from "../../vocabulary";
import { SEVERITIES } from "../findings/codes";
import type { Headline } from "./figures";
import { failedRunsHref, openFindingsHref, staleRunsHref } from "./links";
import classes from "./Overview.module.css";
import { WORST_FIRST_EXPLANATION } from "./words";

type HeadlinesProps = {
  figures: Headline;
  now: Date;
  /** Whether the operator may open the operations index (the run figures link there). */
  canViewRuns: boolean;
};

/** The workspace in four numbers, each opening the list behind it where there is one. */
export function Headlines({ figures, now, canViewRuns }: HeadlinesProps) {
  const severities = SEVERITIES.filter((severity) => figures.findingsBySeverity[severity] > 0)
    .slice(0, 2)
    .map(
      (severity) =>
        `${figures.findingsBySeverity[severity].toLocaleString()} ${present("severity", severity).label.toLowerCase()}`,
    );
  return (
    <section className={classes.figures} aria-label="Headline figures" data-testid="headlines">
      <Figure
        id="attention"
        label="Tenants needing attention"
        value={figures.needingAttention}
        detail={`of ${figures.tenants.toLocaleString()} ${figures.tenants === 1 ? "tenant" : "tenants"}`}
        tone={figures.needingAttention > 0 ? "warning" : "success"}
        hint={WORST_FIRST_EXPLANATION}
      />
      <Figure
        id="failed"
        label="Failed runs"
        value={figures.failedRuns7d}
        detail="in the last 7 days"
        tone={figures.failedRuns7d > 0 ? "danger" : "success"}
        to={canViewRuns ? failedRunsHref(now) : undefined}
      />
      <Figure
        id="stale"
        label="Likely stale runs"
        value={figures.likelyStaleRuns}
        detail="queued or running far too long"
        tone={figures.likelyStaleRuns > 0 ? present("freshness", "likely_stale").tone : "success"}
        to={canViewRuns ? staleRunsHref() : undefined}
      />
      <Figure
        id="findings"
        label="Open findings"
        value={figures.openFindings}
        detail={severities.length === 0 ? "no drift from baselines" : severities.join(" · ")}
        tone={figures.openFindings > 0 ? "danger" : "success"}
        to={openFindingsHref()}
      />
    </section>
  );
}

type FigureProps = {
  id: string;
  label: string;
  value: number;
  detail: string;
  tone: Tone;
  /** Where the figure's list is; none when there is none (or the operator may not open it). */
  to?: string | undefined;
  /** How the figure is counted, on hover and focus. */
  hint?: string;
};

function Figure({ id, label, value, detail, tone, to, hint }: FigureProps) {
  const body: ReactNode = (
    <>
      <Group gap={4} wrap="nowrap">
        <Text size="xs" c="dimmed" fw={500}>
          {label}
        </Text>
        {hint !== undefined && (
          <Tooltip label={hint} multiline maw={340} withinPortal>
            <ActionIcon variant="subtle" color="gray" size="xs" aria-label={`About “${label}”`}>
              <IconInfoCircle size={14} aria-hidden />
            </ActionIcon>
          </Tooltip>
        )}
      </Group>
      <Text
        fz={26}
        fw={700}
        lh={1.2}
        c={value > 0 && tone !== "success" ? `${toneColor(tone)}.7` : undefined}
        data-testid={`headline-${id}-value`}
      >
        {value.toLocaleString()}
      </Text>
      <Text size="xs" c="dimmed" truncate="end">
        {detail}
      </Text>
    </>
  );
  return to === undefined ? (
    <Card withBorder padding="sm" radius="md" data-testid={`headline-${id}`}>
      {body}
    </Card>
  ) : (
    <Card
      withBorder
      padding="sm"
      radius="md"
      component={Link}
      to={to}
      className={classes.figureLink}
      data-testid={`headline-${id}`}
    >
      {body}
    </Card>
  );
}

/** The figures' shape while the overview loads. */
export function HeadlinesSkeleton() {
  return (
    <div className={classes.figures} aria-hidden>
      {slots(4).map((slot) => (
        <Card key={slot} withBorder padding="sm" radius="md">
          <Skeleton height={10} width="60%" radius="sm" />
          <Skeleton height={26} width={48} radius="sm" mt={8} />
          <Skeleton height={10} width="40%" radius="sm" mt={8} />
        </Card>
      ))}
    </div>
  );
}
