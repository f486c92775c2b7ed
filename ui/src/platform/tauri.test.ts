import { invoke } from "@tauri-apps/api/core";
import { listen } from "@tauri-apps/api/event";
import { getCurrentWindow } from "@tauri-apps/api/window";
import { open, save } from "@tauri-apps/plugin-dialog";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { RUN_EVENTS } from "../bindings/commands";
import type { RunEventBatch } from "../bindings/types";
import { extensionFilter, resetWindowProgressForTests, tauriPlatform, tauriTransport } from "./tauri";

vi.mock("@tauri-apps/api/core", () => ({ invoke: vi.fn() }));
vi.mock("@tauri-apps/api/event", () => ({ listen: vi.fn() }));
vi.mock("@tauri-apps/api/window", () => ({
  getCurrentWindow: vi.fn(),
  ProgressBarStatus: {
    None: "none",
    Normal: "normal",
    Indeterminate: "indeterminate",
    Paused: "paused",
    Error: "error",
  },
}));
vi.mock("@tauri-apps/plugin-dialog", () => ({ open: vi.fn(), save: vi.fn() }));
const invokeMock = vi.mocked(invoke);
const listenMock = vi.mocked(listen);
const windowMock = vi.mocked(getCurrentWindow);

describe("tauriTransport", () => {
  beforeEach(() => invokeMock.mockReset());

  it("passes the command and arguments through and resolves with the result", async () => {
    invokeMock.mockResolvedValueOnce({ ok: 1 });
    await expect(tauriTransport.invoke("get_tenant", { request: { tenant_id: "t1" } })).resolves.toEqual({ ok: 1 });
    expect(invokeMock).toHaveBeenCalledWith("get_tenant", { request: { tenant_id: "t1" } });
  });

  it("keeps a backend ApiError as it is", async () => {
    invokeMock.mockRejectedValueOnce({ code: "storage_unavailable", message: "PostgreSQL at db:5432 is unreachable" });
    await expect(tauriTransport.invoke("app_info", {})).rejects.toEqual({
      code: "storage_unavailable",
      message: "PostgreSQL at db:5432 is unreachable",
    });
  });

  it("turns a rejected string into an internal error", async () => {
    invokeMock.mockRejectedValueOnce("command app_info not found");
    await expect(tauriTransport.invoke("app_info", {})).rejects.toEqual({
      code: "internal",
      message: "command app_info not found",
    });
  });

  it("turns a thrown Error into an internal error", async () => {
    invokeMock.mockRejectedValueOnce(new TypeError("window.__TAURI_INTERNALS__ is undefined"));
    await expect(tauriTransport.invoke("app_info", {})).rejects.toEqual({
      code: "internal",
      message: "TypeError: window.__TAURI_INTERNALS__ is undefined",
    });
  });

  it("does not trust an object with an unknown code", async () => {
    invokeMock.mockRejectedValueOnce({ code: "teapot", message: "short and stout" });
    await expect(tauriTransport.invoke("app_info", {})).rejects.toEqual({
      code: "internal",
      message: "short and stout",
    });
  });

  it("describes other values without losing them", async () => {
    invokeMock.mockRejectedValueOnce({ reason: 42 });
    await expect(tauriTransport.invoke("app_info", {})).rejects.toEqual({ code: "internal", message: '{"reason":42}' });
    invokeMock.mockRejectedValueOnce(undefined);
    await expect(tauriTransport.invoke("app_info", {})).rejects.toEqual({ code: "internal", message: "undefined" });
  });
});

describe("tauriPlatform.subscribeRunEvents", () => {
  type Handler = (event: { payload: RunEventBatch }) => void;
  const batch: RunEventBatch = { events: [], lagged: true, changes: [] };

  it("listens to run-events, hands over each payload and stops on unsubscribe", async () => {
    const unlisten = vi.fn();
    let handler: Handler | undefined;
    listenMock.mockImplementationOnce(async (name, callback) => {
      expect(name).toBe(RUN_EVENTS);
      handler = callback as unknown as Handler;
      return unlisten;
    });
    const received = vi.fn();
    const stop = tauriPlatform.subscribeRunEvents(received);
    await vi.waitFor(() => expect(handler).toBeDefined());
    handler?.({ payload: batch });
    expect(received).toHaveBeenCalledWith(batch);

    await Promise.resolve();
    stop();
    expect(unlisten).toHaveBeenCalledTimes(1);
    handler?.({ payload: batch });
    expect(received).toHaveBeenCalledTimes(1);
  });

  it("unlistens once registration completes when unsubscribed before it did", async () => {
    const unlisten = vi.fn();
    let register: (stop: () => void) => void = () => {};
    listenMock.mockImplementationOnce(() => new Promise((resolve) => (register = resolve)));
    const stop = tauriPlatform.subscribeRunEvents(vi.fn());
    stop();
    expect(unlisten).not.toHaveBeenCalled();
    register(unlisten);
    await vi.waitFor(() => expect(unlisten).toHaveBeenCalledTimes(1));
  });

  it("falls back quietly when the shell cannot be listened to", async () => {
    const warn = vi.spyOn(console, "warn").mockImplementation(() => {});
    listenMock.mockRejectedValueOnce(new Error("no shell"));
    const stop = tauriPlatform.subscribeRunEvents(vi.fn());
    await vi.waitFor(() => expect(warn).toHaveBeenCalledTimes(1));
    expect(() => stop()).not.toThrow();
  });
});

describe("tauriPlatform.setWindowProgress", () => {
  const setProgressBar = vi.fn(async () => {});
  beforeEach(() => {
    resetWindowProgressForTests();
    setProgressBar.mockClear();
    windowMock.mockReturnValue({ setProgressBar } as unknown as ReturnType<typeof getCurrentWindow>);
  });
  afterEach(() => resetWindowProgressForTests());

  it("maps the states, rounds the percentage and skips repeats", () => {
    tauriPlatform.setWindowProgress({ status: "normal", percent: 41.6 });
    tauriPlatform.setWindowProgress({ status: "normal", percent: 41.6 });
    tauriPlatform.setWindowProgress({ status: "paused", percent: 120 });
    tauriPlatform.setWindowProgress({ status: "indeterminate" });
    tauriPlatform.setWindowProgress({ status: "none" });
    expect(setProgressBar.mock.calls).toEqual([
      [{ status: "normal", progress: 42 }],
      [{ status: "paused", progress: 100 }],
      [{ status: "indeterminate" }],
      [{ status: "none" }],
    ]);
  });

  it("stops trying after the permission is refused", async () => {
    const warn = vi.spyOn(console, "warn").mockImplementation(() => {});
    setProgressBar.mockRejectedValueOnce("window.set_progress_bar not allowed");
    tauriPlatform.setWindowProgress({ status: "normal", percent: 10 });
    await vi.waitFor(() => expect(warn).toHaveBeenCalledTimes(1));
    tauriPlatform.setWindowProgress({ status: "normal", percent: 20 });
    expect(setProgressBar).toHaveBeenCalledTimes(1);
  });
});

describe("tauriPlatform's file dialogs", () => {
  const saveMock = vi.mocked(save);
  const openMock = vi.mocked(open);
  beforeEach(() => {
    saveMock.mockReset();
    openMock.mockReset();
  });

  it("filters the save dialog by the suggested name's extension and answers the path chosen", async () => {
    saveMock.mockResolvedValueOnce("/home/ada/Desktop/Contoso review pack 2026-11-22.zip");
    await expect(tauriPlatform.chooseSaveFile("Contoso review pack 2026-11-22.zip")).resolves.toBe(
      "/home/ada/Desktop/Contoso review pack 2026-11-22.zip",
    );
    expect(saveMock).toHaveBeenCalledWith({
      defaultPath: "Contoso review pack 2026-11-22.zip",
      filters: [{ name: "ZIP files", extensions: ["zip"] }],
    });
    expect(extensionFilter("notes")).toEqual([]);
  });

  it("answers null when a dialog is cancelled", async () => {
    saveMock.mockResolvedValueOnce(null);
    openMock.mockResolvedValueOnce(null);
    await expect(tauriPlatform.chooseSaveFile("pack.zip")).resolves.toBeNull();
    await expect(tauriPlatform.chooseOpenFile()).resolves.toBeNull();
    openMock.mockResolvedValueOnce(null);
    await expect(tauriPlatform.chooseFolder()).resolves.toBeNull();
  });

  it("opens one ZIP file, not a folder", async () => {
    openMock.mockResolvedValueOnce("/home/ada/Downloads/pack.zip");
    await expect(tauriPlatform.chooseOpenFile()).resolves.toBe("/home/ada/Downloads/pack.zip");
    expect(openMock).toHaveBeenCalledWith({
      multiple: false,
      directory: false,
      filters: [{ name: "ZIP files", extensions: ["zip"] }],
    });
  });

  it("chooses one folder, not a file", async () => {
    openMock.mockResolvedValueOnce("/home/ada/contoso-config");
    await expect(tauriPlatform.chooseFolder()).resolves.toBe("/home/ada/contoso-config");
    expect(openMock).toHaveBeenCalledWith({ directory: true, multiple: false });
  });

  it("turns a refused dialog into an ApiError", async () => {
    openMock.mockRejectedValueOnce(
      "dialog.open not allowed. Permissions associated with this command: dialog:allow-open",
    );
    await expect(tauriPlatform.chooseOpenFile()).rejects.toEqual({
      code: "internal",
      message: "dialog.open not allowed. Permissions associated with this command: dialog:allow-open",
    });
    openMock.mockRejectedValueOnce("dialog.open not allowed");
    await expect(tauriPlatform.chooseFolder()).rejects.toEqual({
      code: "internal",
      message: "dialog.open not allowed",
    });
  });
});
