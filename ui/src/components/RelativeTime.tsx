import { Text, type TextProps, Tooltip } from "@mantine/core";
import type { Timestamp } from "../bindings/types";
import { dayjs } from "./dates";
import { useNow } from "./useNow";

const exactFormat = new Intl.DateTimeFormat(undefined, { dateStyle: "medium", timeStyle: "medium" });

const UNITS: [number, string][] = [
  [365 * 24 * 3_600_000, "y"],
  [30 * 24 * 3_600_000, "mo"],
  [24 * 3_600_000, "d"],
  [3_600_000, "h"],
  [60_000, "min"],
];

/**
 * "just now", "3 min ago", "2 h ago", "5 d ago", "in 5 min": the app's one wording for relative
 * times, short enough for dense tables and used in sentences too, so the same moment never reads
 * two ways. The exact date and time belong in a tooltip or title beside it.
 */
export function relativeLabel(date: Date, now: Date): string {
  const ms = now.getTime() - date.getTime();
  if (Math.abs(ms) < 60_000) return "just now";
  const distance = Math.abs(ms);
  const [size, unit] = UNITS.find(([unitSize]) => distance >= unitSize) ?? [60_000, "min"];
  const count = Math.floor(distance / size);
  return ms > 0 ? `${count} ${unit} ago` : `in ${count} ${unit}`;
}

type RelativeTimeProps = { value: Timestamp } & TextProps;

/** "3 min ago", with the exact local time and the UTC timestamp on hover. */
export function RelativeTime({ value, ...textProps }: RelativeTimeProps) {
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
        {relativeLabel(date, now)}
      </Text>
    </Tooltip>
  );
}
