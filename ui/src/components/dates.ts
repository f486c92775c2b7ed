import dayjs from "dayjs";

// The one place dayjs is imported for the app's own code, and where its plugins would be
// registered (dayjs is also what @mantine/dates uses). Relative times need none: they have one
// short wording of their own (`relativeLabel` in RelativeTime.tsx).

export { dayjs };
