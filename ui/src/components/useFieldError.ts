import { useEffect, useRef, useState } from "react";

/**
 * One form field's error and focus. `reject` is for a problem found before sending (the field is
 * enabled: it is focused at once); `refuse` is for the backend's refusal (the field is disabled
 * while the request is under way, so it is focused once it is enabled again); `clear` as the
 * operator types.
 */
export function useFieldError() {
  const [error, setError] = useState<string | undefined>(undefined);
  const input = useRef<HTMLInputElement>(null);
  // The backend's refusals, counted: each one focuses the field after the re-render that enables it.
  const [refusals, setRefusals] = useState(0);
  useEffect(() => {
    if (refusals > 0) input.current?.focus();
  }, [refusals]);
  return {
    error,
    input,
    reject: (message: string) => {
      setError(message);
      input.current?.focus();
    },
    refuse: (message: string) => {
      setError(message);
      setRefusals((count) => count + 1);
    },
    clear: () => setError(undefined),
  };
}
