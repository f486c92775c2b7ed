/** A ready-made schedule the form offers: its name and the cron expression it fills in. */
export type SchedulePreset = { label: string; cron: string };

export const SCHEDULE_PRESETS: readonly SchedulePreset[] = [
  { label: "Every day at 03:00", cron: "0 3 * * *" },
  { label: "Weekdays at 06:00", cron: "0 6 * * 1-5" },
  { label: "Every 6 hours", cron: "0 */6 * * *" },
  { label: "Sunday at 02:00", cron: "0 2 * * 0" },
];

/** The expression with single spaces between its fields, as it is compared and sent. */
export function normalizeCron(cron: string): string {
  return cron.trim().split(/\s+/).join(" ");
}

/** The preset the expression is, if it is one. */
export function presetOf(cron: string): SchedulePreset | undefined {
  const normalized = normalizeCron(cron);
  return SCHEDULE_PRESETS.find((preset) => preset.cron === normalized);
}

const DAY_NAMES = ["Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday"];
const DAY_CODES = ["SUN", "MON", "TUE", "WED", "THU", "FRI", "SAT"];

/** A whole number written plainly, within bounds; null for anything else. */
function number(text: string, min: number, max: number): number | null {
  if (!/^\d{1,2}$/.test(text)) return null;
  const value = Number(text);
  return value >= min && value <= max ? value : null;
}

/** A day of the week as cron writes it (0–7, 7 being Sunday again, or SUN…SAT) as 0–6. */
function weekday(text: string): number | null {
  const code = DAY_CODES.indexOf(text.toUpperCase());
  if (code !== -1) return code;
  const value = number(text, 0, 7);
  return value === null ? null : value % 7;
}

/** "a, b and c". */
function sentenceList(items: readonly string[]): string {
  if (items.length <= 1) return items.join("");
  return `${items.slice(0, -1).join(", ")} and ${items[items.length - 1]}`;
}

const pad = (value: number) => String(value).padStart(2, "0");
const clock = (hour: number, minute: number) => `${pad(hour)}:${pad(minute)}`;

/** "*\/6" or "0/6": every `n` from zero. */
function step(text: string): number | null {
  const match = /^(?:\*|0)\/(\d{1,2})$/.exec(text);
  return match?.[1] === undefined ? null : number(match[1], 1, 59);
}

/** When in the day: "at 03:00", "at 03:00 and 15:00", "every 6 hours (…)", "every 30 minutes". */
function timeOfDay(minuteField: string, hourField: string): string | null {
  const minute = number(minuteField, 0, 59);
  if (minute === null) {
    const minutes = step(minuteField);
    return minutes !== null && hourField === "*" && 60 % minutes === 0 ? `every ${minutes} minutes` : null;
  }
  const hour = number(hourField, 0, 23);
  if (hour !== null) return `at ${clock(hour, minute)}`;
  if (hourField === "*") return minute === 0 ? "every hour, on the hour" : `every hour at :${pad(minute)}`;
  const hours = step(hourField);
  if (hours !== null) {
    if (hours > 23 || 24 % hours !== 0) return null;
    const times = Array.from({ length: 24 / hours }, (_, index) => clock(index * hours, minute));
    return times.length <= 4
      ? `every ${hours} hours (${sentenceList(times)})`
      : `every ${hours} hours at :${pad(minute)}`;
  }
  const list = hourField.split(",").map((part) => number(part, 0, 23));
  if (list.length > 1 && list.every((value) => value !== null)) {
    const sorted = [...(list as number[])].sort((a, b) => a - b);
    return `at ${sentenceList(sorted.map((value) => clock(value, minute)))}`;
  }
  return null;
}

/** Which days: null for every day, a phrase for some, undefined when it is not simple. */
function days(dayOfMonth: string, month: string, dayOfWeek: string): string | null | undefined {
  if (month !== "*") return undefined;
  if (dayOfMonth === "*" && dayOfWeek === "*") return null;
  if (dayOfWeek === "*") {
    const day = number(dayOfMonth, 1, 31);
    return day === null ? undefined : `On day ${day} of every month`;
  }
  if (dayOfMonth !== "*") return undefined;
  const range = /^([a-z0-9]+)-([a-z0-9]+)$/i.exec(dayOfWeek);
  if (range?.[1] !== undefined && range[2] !== undefined) {
    const from = weekday(range[1]);
    const to = weekday(range[2]);
    if (from === null || to === null) return undefined;
    if (from === 1 && to === 5) return "Weekdays";
    return from < to ? `${DAY_NAMES[from]} to ${DAY_NAMES[to]}` : undefined;
  }
  const list = dayOfWeek.split(",").map(weekday);
  if (list.some((value) => value === null)) return undefined;
  const unique = [...new Set(list as number[])].sort((a, b) => a - b);
  if (unique.length === 2 && unique[0] === 0 && unique[1] === 6) return "Weekends";
  // Monday first, as a week reads.
  const ordered = [...unique.filter((value) => value !== 0), ...unique.filter((value) => value === 0)];
  return `Every ${sentenceList(ordered.map((value) => DAY_NAMES[value] ?? ""))}`;
}

/**
 * A cron expression in words when it is a simple one ("Every day at 03:00", "Weekdays at 06:00",
 * "Every 6 hours (00:00, 06:00, 12:00 and 18:00)", "Every Sunday at 02:00"); null when it is not,
 * and the expression itself has to speak. Whether the backend accepts it is for the backend to say.
 */
export function cronInWords(cron: string): string | null {
  const fields = normalizeCron(cron).split(" ");
  if (fields.length !== 5) return null;
  const [minute = "", hour = "", dayOfMonth = "", month = "", dayOfWeek = ""] = fields;
  const time = timeOfDay(minute, hour);
  const when = days(dayOfMonth, month, dayOfWeek);
  if (time === null || when === undefined) return null;
  if (when === null) return time.startsWith("at ") ? `Every day ${time}` : capitalize(time);
  return time.startsWith("at ") ? `${when} ${time}` : `${when}, ${time}`;
}

function capitalize(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
