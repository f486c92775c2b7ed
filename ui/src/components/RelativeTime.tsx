import { Text, Tooltip, type TextProps } from "@mantine/core";
import { formatDistanceStrict, isValid, parseISO } from "date-fns";
import type { Timestamp } from "../bindings/types";
import { useNow } from "./useNow";

const exactFormat = new Intl.DateTimeFormat(undefined, { dateStyle: "medium", timeStyle: "medium" });

/** "just now" / "3 minutes ago": short enough for dense tables. */
export function relativeLabel(date: Date, now: Date): string {
  if (Math.abs(now.getTime() - date.getTime()) < 60_000) return "just now";
  return formatDistanceStrict(date, now, { addSuffix: true });
}

/** "3 minutes ago", with the exact local time and the UTC timestamp on hover. */
export function RelativeTime({ value, ...textProps }: { value: Timestamp } & TextProps) {
  const now = useNow();
  const date = parseISO(value);
  // A malformed timestamp is shown as received rather than as "Invalid Date".
  if (!isValid(date)) return <Text span {...textProps}>{value}</Text>;
  return (
    <Tooltip label={`${exactFormat.format(date)} · ${value}`} openDelay={300} withinPortal>
      <Text component="time" dateTime={value} style={{ whiteSpace: "nowrap" }} {...textProps}>
        {relativeLabel(date, now)}
      </Text>
    </Tooltip>
  );
}
