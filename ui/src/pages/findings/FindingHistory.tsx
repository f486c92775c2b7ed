import { Anchor, Text, Timeline } from "@mantine/core";
import { Link } from "react-router";
import type { FindingHistoryEntry } from "../../bindings/types";
import { RelativeTime } from "../../components/RelativeTime";
import { iconFor, present, toneColor } from "../../vocabulary";

/** What happened to the finding, oldest first: compares that opened, changed or resolved it, and operators' acknowledgements. */
export function FindingHistory({ history }: { history: FindingHistoryEntry[] }) {
  if (history.length === 0) {
    return (
      <Text size="sm" c="dimmed">
        No history recorded.
      </Text>
    );
  }
  return (
    <Timeline bulletSize={22} lineWidth={2} data-testid="finding-history">
      {history.map((entry, index) => {
        const { label, tone, icon } = present("finding_action", entry.action);
        const IconComponent = iconFor(icon);
        return (
          <Timeline.Item
            // biome-ignore lint/suspicious/noArrayIndexKey: history entries have no id; the list only grows at its end.
            key={`${entry.at}-${index}`}
            bullet={<IconComponent size={12} aria-hidden />}
            color={toneColor(tone)}
            title={label}
            data-testid="history-entry"
            data-action={entry.action}
          >
            <Text size="xs" c="dimmed">
              {entry.actor_user_id !== null ? (
                (entry.actor_name ?? "An operator")
              ) : entry.run_id !== null ? (
                <Anchor component={Link} to={`/runs/${entry.run_id}`} size="xs">
                  Compare run
                </Anchor>
              ) : (
                "System"
              )}
              {" · "}
              <RelativeTime value={entry.at} size="xs" c="dimmed" />
            </Text>
            {entry.note !== null && (
              <Text size="sm" mt={2} style={{ whiteSpace: "pre-wrap" }} data-testid="history-note">
                {entry.note}
              </Text>
            )}
          </Timeline.Item>
        );
      })}
    </Timeline>
  );
}
