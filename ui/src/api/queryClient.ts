import { QueryClient } from "@tanstack/react-query";
import type { ApiError } from "../bindings/types";

// Commands are local IPC: retrying only helps when the store said it is busy (e.g. a locked
// SQLite file). Everything else is a definite answer and is shown at once.
function shouldRetry(failureCount: number, error: ApiError): boolean {
  return error.code === "busy" && failureCount < 2;
}

export function createQueryClient(): QueryClient {
  return new QueryClient({
    defaultOptions: {
      queries: { retry: shouldRetry, refetchOnWindowFocus: false },
      mutations: { retry: false },
    },
  });
}
