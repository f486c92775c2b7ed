import { Text, type TextProps, Tooltip } from "@mantine/core";
import type { Timestamp } from "../bindings/types";
import { dayjs } from "./dates";
import { useNow } from "./useNow";

const exactFormat = new Intl.DateTimeFormat(undefined, { dateStyle: "medium", timeStyle: "medium" });

/** "just now" / "3 minutes ago": short enough for dense tables. */
export function relativeLabel(date: Date, now: Date): string {
  if (Math.abs(now.getTime() - date.getTime()) < 60_000) return "just now";
  return dayjs(date).from(now);
}

const UNITS: [number, string][] = [
  [365 * 24 * 3_600_000, "y"],
  [30 * 24 * 3_600_000, "mo"],
  [24 * 3_600_000, "d"],
  [3_600_000, "h"],
  [60_000, "min"],
];

/** "3 min ago", "2 h ago", "5 d ago": for narrow table columns. */
export function compactRelativeLabel(date: Date, now: Date): string {
  const ms = now.getTime() - date.getTime();
  if (Math.abs(ms) < 60_000) return "just now";
  const distance = Math.abs(ms);
  const [size, unit] = UNITS.find(([unitSize]) => distance >= unitSize) ?? [60_000, "min"];
  const count = Math.floor(distance / size);
  return ms > 0 ? `${count} ${unit} ago` : `in ${count} ${unit}`;
}

type RelativeTimeProps = { value: Timestamp; compact?: boolean } & TextProps;

/** "3 minutes ago", with the exact local time and the UTC timestamp on hover. */
export function RelativeTime({ value, compact = false, ...textProps }: RelativeTimeProps) {
  const now = useNow();
  const parsed = dayjs(value);
  // A malformed timestamp is shown as received rather than as "Invalid Date".
  if (!parsed.isValid())
    return (
      <Text span {...textProps}>
        {value}
      </Text>
    );
  const date = parsed.toDate();
  return (
    <Tooltip label={`${exactFormat.format(date)} · ${value}`} openDelay={300} withinPortal>
      <Text component="time" dateTime={value} style={{ whiteSpace: "nowrap" }} {...textProps}>
        {compact ? compactRelativeLabel(date, now) : relativeLabel(date, now)}
      </Text>
    </Tooltip>
  );
}
