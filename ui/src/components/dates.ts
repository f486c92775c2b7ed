import dayjs from "dayjs";
import relativeTime from "dayjs/plugin/relativeTime";
import updateLocale from "dayjs/plugin/updateLocale";

// The one place dayjs plugins are registered (dayjs is also what @mantine/dates uses).
//
// Relative times count in whole units: "1 minute ago", "59 minutes ago", "1 hour ago", "1 day ago",
// never "about an hour" or "a few seconds". Each threshold `r` is the largest rounded count a unit
// shows before the next unit takes over (60 minutes read "1 hour", 24 hours "1 day", 30 days
// "1 month", 12 months "1 year"); an entry without a unit `d` reuses the count of the one before,
// and a count of 1 takes the singular label of the entry before. Months are calendar months.
dayjs.extend(relativeTime, {
  thresholds: [
    { l: "s", r: 59, d: "second" },
    { l: "m", r: 89 },
    { l: "mm", r: 59, d: "minute" },
    { l: "h", r: 89 },
    { l: "hh", r: 23, d: "hour" },
    { l: "d", r: 35 },
    { l: "dd", r: 29, d: "day" },
    { l: "M", r: 44 },
    { l: "MM", r: 11, d: "month" },
    { l: "y", r: 17 },
    { l: "yy", d: "year" },
  ],
});
dayjs.extend(updateLocale);
dayjs.updateLocale("en", {
  relativeTime: {
    future: "in %s",
    past: "%s ago",
    s: "%d seconds",
    m: "1 minute",
    mm: "%d minutes",
    h: "1 hour",
    hh: "%d hours",
    d: "1 day",
    dd: "%d days",
    M: "1 month",
    MM: "%d months",
    y: "1 year",
    yy: "%d years",
  },
});

export { dayjs };
