import { Alert } from "@mantine/core";
import { IconAlertTriangle } from "@tabler/icons-react";
import type { ReactNode } from "react";

type FailureAlertProps = {
  /** What did not happen, e.g. "The member was not added". */
  title?: ReactNode;
  /** Why: usually the backend's message, shown verbatim. */
  children: ReactNode;
  "data-testid"?: string;
};

/**
 * The one look for "this did not happen, here is why": a failed action (nothing changed) or a failed load.
 * Announced to screen readers as an alert.
 */
export function FailureAlert({ title, children, "data-testid": testId }: FailureAlertProps) {
  return (
    <Alert
      color="red"
      variant="light"
      title={title}
      icon={<IconAlertTriangle aria-hidden />}
      role="alert"
      data-testid={testId}
    >
      {children}
    </Alert>
  );
}
