import { vi } from "vitest";
import type { Commands } from "../bindings/commands";
import type { ApiError, AppInfo, Diagnostics, UpdateOffer } from "../bindings/types";
import { appInfo } from "./fixtures";

/** What the fake About and update backend holds; tests build it, pass it in and read it back. */
export type UpdateState = {
  /** What `appInfo` answers; saving an update address changes its `update_url`. */
  info: AppInfo;
  /** The newer version the update server offers, if any. */
  offer: UpdateOffer | null;
  /** Why installing the offer fails once it is downloaded (a bad signature), if it does. */
  refusal: ApiError | null;
  /** The update server cannot be reached: checking and installing fail. */
  unreachable: boolean;
  /** The version installed so far, waiting for a restart. */
  installed: string | null;
  /** What `diagnostics` answers. */
  diagnostics: Diagnostics;
};

/** The release after the fixture's 0.1.0, with two lines of notes. */
export function updateOffer(overrides: Partial<UpdateOffer> = {}): UpdateOffer {
  return {
    version: "0.2.0",
    current_version: "0.1.0",
    notes: "Review packs open faster.\nThe About page shows where the logs are.",
    published_at: "2026-12-06T09:00:00Z",
    ...overrides,
  };
}

/** A support report of the fixture's installation with three log lines, the user's name removed. */
export function diagnosticsReport(overrides: Partial<Diagnostics> = {}): Diagnostics {
  const logFile = "/home/[user]/.local/share/tenantatlas/logs/tenantatlas.log";
  return {
    text: [
      "TenantAtlas 0.1.0 (commit 3f2a9c1d0b7e)",
      "Schema version: 20261206000025",
      "Database: SQLite (solo), /home/[user]/.local/share/tenantatlas/atlas.sqlite3",
      "Data folder: /home/[user]/.local/share/tenantatlas",
      "Log folder: /home/[user]/.local/share/tenantatlas/logs",
      "Updates: off",
      "System: linux x86_64",
      "",
      "Last 3 lines of tenantatlas.log:",
      "2026-12-06T09:00:00Z INFO atlas: started",
      "2026-12-06T09:00:01Z INFO atlas: store opened",
      "2026-12-06T09:00:02Z WARN atlas: token for [redacted] refused",
      "",
    ].join("\n"),
    log_lines: 3,
    log_file: logFile,
    ...overrides,
  };
}

/** Off (no update address), nothing offered, nothing installed, the server reachable. */
export function updateState(initial: Partial<UpdateState> = {}): UpdateState {
  return {
    info: appInfo(),
    offer: null,
    refusal: null,
    unreachable: false,
    installed: null,
    diagnostics: diagnosticsReport(),
    ...initial,
  };
}

type UpdateCommands = Pick<Commands, "appInfo" | "diagnostics" | "setUpdateUrl" | "checkForUpdate" | "installUpdate">;

function refusal(code: ApiError["code"], message: string): ApiError {
  return { code, message };
}

/** The signature refusal of the backend, for `UpdateState.refusal`. */
export const SIGNATURE_REFUSAL: ApiError = refusal(
  "invalid_input",
  "The update was refused: the downloaded file does not match its signature (it was altered or is incomplete). Nothing was installed; this version keeps working.",
);

const UPDATES_OFF = "Updates are off: set an update address in About first.";

/** The backend's check of an update address: an https web address naming a server, nothing else. */
function parseUpdateUrl(raw: string): URL {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw refusal("invalid_input", `${JSON.stringify(raw)} is not a web address; nothing was changed.`);
  }
  if (url.protocol !== "https:") {
    throw refusal(
      "invalid_input",
      `The update address must start with https:// (it was ${url.protocol.replace(/:$/, "")}://); nothing was changed.`,
    );
  }
  if (url.hostname === "" || url.username !== "" || url.password !== "") {
    throw refusal(
      "invalid_input",
      "The update address must name a server and carry no user name or password; nothing was changed.",
    );
  }
  return url;
}

/**
 * The About and update commands over `state`, with the backend's rules and words: an update
 * address must be https (blank turns checks off), checking and installing need one and the desktop
 * app, and only the version on offer installs, unless the state says its download is refused.
 * Changes are written to `state`.
 */
export function fakeUpdates(state: UpdateState = updateState()): UpdateCommands {
  /** The update address and its server, or the backend's refusal to check or install without them. */
  const channel = (): URL => {
    if (!state.info.updates_installable) {
      throw refusal("unavailable", "This program is updated by your package manager (apt), not from here.");
    }
    if (state.info.update_url === null) throw refusal("invalid_input", UPDATES_OFF);
    const url = new URL(state.info.update_url);
    if (state.unreachable) {
      throw refusal(
        "unavailable",
        `The update server ${url.hostname} cannot be reached (connection refused). Nothing was changed; try again later.`,
      );
    }
    return url;
  };
  return {
    appInfo: vi.fn(async () => ({ ...state.info })),
    diagnostics: vi.fn(async () => ({ ...state.diagnostics })),
    setUpdateUrl: vi.fn(async ({ url }) => {
      const raw = url?.trim() ?? "";
      state.info = { ...state.info, update_url: raw === "" ? null : parseUpdateUrl(raw).href };
      return { ...state.info };
    }),
    checkForUpdate: vi.fn(async () => {
      channel();
      return { current_version: state.info.version, offer: state.offer === null ? null : { ...state.offer } };
    }),
    installUpdate: vi.fn(async ({ version }) => {
      channel();
      if (state.offer === null) {
        throw refusal("conflict", "The update server no longer offers that version. Nothing was installed.");
      }
      if (state.offer.version !== version.trim()) {
        throw refusal(
          "conflict",
          `The update server now offers ${state.offer.version} instead; check again before installing. Nothing was installed.`,
        );
      }
      if (state.refusal !== null) throw { ...state.refusal };
      state.installed = state.offer.version;
      return { version: state.offer.version };
    }),
  };
}
