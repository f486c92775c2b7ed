import { Notifications } from "@mantine/notifications";

/** At most this many toasts show at once; more wait their turn. */
export const TOAST_LIMIT = 3;

/**
 * Where toasts appear: the bottom-left corner, away from the progress widget (bottom-right) and
 * from the page header's actions (top-right), so a toast never covers either.
 */
export const TOAST_POSITION = "bottom-left";

/** The one place toasts are rendered; show them with `notifications` from @mantine/notifications. */
export function ToastHost() {
  return <Notifications position={TOAST_POSITION} limit={TOAST_LIMIT} containerWidth={360} />;
}
