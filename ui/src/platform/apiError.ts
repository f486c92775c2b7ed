import type { ApiError, ErrorCode } from "../bindings/types";

// Kept in step with the generated `ErrorCode` union: the `satisfies` below fails to compile
// when a code is added there and not here.
const ERROR_CODES = {
  not_found: true,
  forbidden: true,
  invalid_input: true,
  conflict: true,
  busy: true,
  storage_unavailable: true,
  unavailable: true,
  internal: true,
} as const satisfies Record<ErrorCode, true>;

function isErrorCode(value: unknown): value is ErrorCode {
  return typeof value === "string" && Object.hasOwn(ERROR_CODES, value);
}

export function isApiError(value: unknown): value is ApiError {
  if (typeof value !== "object" || value === null) return false;
  const record = value as Record<string, unknown>;
  return isErrorCode(record.code) && typeof record.message === "string";
}

/**
 * Turns whatever a command rejected with into an `ApiError`. The backend rejects with a
 * serialized `{code, message}`; anything else (an IPC failure, a thrown string or Error) is
 * reported as `internal` with its text, so the UI has exactly one error shape to handle.
 */
export function toApiError(reason: unknown): ApiError {
  if (isApiError(reason)) return { code: reason.code, message: reason.message };
  return { code: "internal", message: describe(reason) };
}

function describe(reason: unknown): string {
  if (typeof reason === "object" && reason !== null && !(reason instanceof Error)) {
    const message = (reason as Record<string, unknown>).message;
    if (typeof message === "string") return message;
    try {
      return JSON.stringify(reason);
    } catch {
      // Circular or otherwise unserialisable: fall through to String().
    }
  }
  return String(reason);
}
