import { Select } from "@mantine/core";
import { useState } from "react";
import { operatorTimeZone, timeZoneGroups, timeZoneNames } from "./timeZones";

type TimeZoneSelectProps = {
  value: string;
  onChange: (zone: string) => void;
  error: string | null;
  disabled: boolean;
};

/** The IANA zone a schedule's times are in, chosen from every zone the runtime knows, by typing part of its name. */
export function TimeZoneSelect({ value, onChange, error, disabled }: TimeZoneSelectProps) {
  const own = operatorTimeZone();
  // Built once per form (a few hundred zones, each with its offset); the zone it opened with is among them.
  const [groups] = useState(() => timeZoneGroups(timeZoneNames([own, value])));
  return (
    <Select
      label="Time zone"
      description={`The times are in this zone, daylight saving time included. Yours is ${own}.`}
      data={groups}
      value={value}
      onChange={(zone) => {
        if (zone !== null) onChange(zone);
      }}
      searchable
      allowDeselect={false}
      nothingFoundMessage="No time zone by that name"
      maxDropdownHeight={280}
      error={error}
      disabled={disabled}
      withAsterisk
      data-field="timeZone"
      data-testid="schedule-zone"
    />
  );
}
