/** Zones offered where the runtime cannot list its own (older WebViews). */
const FALLBACK_ZONES = [
  "Africa/Johannesburg",
  "America/Chicago",
  "America/Denver",
  "America/Los_Angeles",
  "America/New_York",
  "America/Sao_Paulo",
  "America/Toronto",
  "Asia/Dubai",
  "Asia/Kolkata",
  "Asia/Shanghai",
  "Asia/Singapore",
  "Asia/Tokyo",
  "Australia/Sydney",
  "Europe/Amsterdam",
  "Europe/Berlin",
  "Europe/Helsinki",
  "Europe/London",
  "Europe/Madrid",
  "Europe/Paris",
  "Europe/Rome",
  "Europe/Stockholm",
  "Europe/Vienna",
  "Europe/Warsaw",
  "Europe/Zurich",
  "Pacific/Auckland",
];

/** The operator's own IANA time zone ("Europe/Berlin"), or UTC where the runtime does not say. */
export function operatorTimeZone(): string {
  try {
    const zone = Intl.DateTimeFormat().resolvedOptions().timeZone;
    if (typeof zone === "string" && zone !== "") return zone;
  } catch {
    // An engine without time zone support: UTC below.
  }
  return "UTC";
}

/** Every zone the runtime knows, with UTC and `extra` (the operator's, a schedule's own) among them, sorted. */
export function timeZoneNames(
  extra: readonly string[] = [],
  supported: () => readonly string[] = () => Intl.supportedValuesOf("timeZone"),
): string[] {
  let known: readonly string[];
  try {
    known = supported();
  } catch {
    known = FALLBACK_ZONES;
  }
  if (known.length === 0) known = FALLBACK_ZONES;
  return [...new Set([...known, "UTC", ...extra.filter((zone) => zone !== "")])].sort();
}

/** "GMT+1", "GMT-4:30", "GMT" for a zone now; "" when the runtime cannot say. */
export function utcOffsetLabel(zone: string, at: Date = new Date()): string {
  try {
    const parts = new Intl.DateTimeFormat("en-US", { timeZone: zone, timeZoneName: "shortOffset" }).formatToParts(at);
    return parts.find((part) => part.type === "timeZoneName")?.value ?? "";
  } catch {
    return "";
  }
}

export type ZoneOption = { value: string; label: string };
export type ZoneGroup = { group: string; items: ZoneOption[] };

/**
 * The zones for a searchable list, grouped by region ("Europe", "America"; UTC and the like under
 * "Other"): each labelled by its name with spaces for underscores, so "new york" finds it, and its
 * offset now ("America/New York (GMT-5)").
 */
export function timeZoneGroups(names: readonly string[], at: Date = new Date()): ZoneGroup[] {
  const groups = new Map<string, ZoneOption[]>();
  for (const name of names) {
    const slash = name.indexOf("/");
    const region = slash === -1 ? "Other" : name.slice(0, slash);
    const offset = utcOffsetLabel(name, at);
    const label = `${name.replaceAll("_", " ")}${offset === "" ? "" : ` (${offset})`}`;
    const items = groups.get(region) ?? [];
    items.push({ value: name, label });
    groups.set(region, items);
  }
  return [...groups.entries()]
    .sort(([a], [b]) => (a === "Other" ? 1 : b === "Other" ? -1 : a.localeCompare(b)))
    .map(([group, items]) => ({ group, items }));
}
