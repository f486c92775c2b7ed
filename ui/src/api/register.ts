import type { ApiError } from "../bindings/types";

// Every command rejects with an ApiError (the platform adapter guarantees it), so react-query's
// `error` is typed as one everywhere.
declare module "@tanstack/react-query" {
  interface Register {
    defaultError: ApiError;
  }
}
