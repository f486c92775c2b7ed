// The only module that wires the UI to Tauri. Everything else imports from here.
import { createCommands } from "../bindings/commands";
import { tauriPlatform, tauriTransport } from "./tauri";

export type { Commands } from "../bindings/commands";
export { isApiError, toApiError } from "./apiError";
export { CommandsProvider, useCommands } from "./CommandsContext";
export { PlatformProvider, usePlatform } from "./PlatformContext";
export type { Platform, WindowProgress } from "./platform";

/** The real backend, used by main.tsx. */
export const commands = createCommands(tauriTransport);

/** The real desktop shell, used by main.tsx. */
export const platform = tauriPlatform;
