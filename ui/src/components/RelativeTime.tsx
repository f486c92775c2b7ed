import { Text, Tooltip, type TextProps } from "@mantine/core";
import { formatDistance, isValid, parseISO } from "date-fns";
import type { Timestamp } from "../bindings/types";
import { useNow } from "./useNow";

const exactFormat = new Intl.DateTimeFormat(undefined, { dateStyle: "medium", timeStyle: "medium" });

/** "3 minutes ago", with the exact local time and the UTC timestamp on hover. */
export function RelativeTime({ value, ...textProps }: { value: Timestamp } & TextProps) {
  const now = useNow();
  const date = parseISO(value);
  // A malformed timestamp is shown as received rather than as "Invalid Date".
  if (!isValid(date)) return <Text span {...textProps}>{value}</Text>;
  return (
    <Tooltip label={`${exactFormat.format(date)} · ${value}`} openDelay={300} withinPortal>
      <Text component="time" dateTime={value} {...textProps}>
        {formatDistance(date, now, { addSuffix: true })}
      </Text>
    </Tooltip>
  );
}
