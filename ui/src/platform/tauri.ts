import { invoke } from "@tauri-apps/api/core";
import type { Transport } from "../bindings/commands";
import { toApiError } from "./apiError";

/** The generated commands over Tauri IPC; every rejection becomes an `ApiError`. */
export const tauriTransport: Transport = {
  async invoke<T>(command: string, args: Record<string, unknown>): Promise<T> {
    try {
      return await invoke<T>(command, args);
    } catch (reason) {
      throw toApiError(reason);
    }
  },
};
