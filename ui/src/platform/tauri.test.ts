import { invoke } from "@tauri-apps/api/core";
import { beforeEach, describe, expect, it, vi } from "vitest";
import { tauriTransport } from "./tauri";

vi.mock("@tauri-apps/api/core", () => ({ invoke: vi.fn() }));
const invokeMock = vi.mocked(invoke);

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
    await expect(tauriTransport.invoke("app_info", {})).rejects.toEqual({ code: "internal", message: "short and stout" });
  });

  it("describes other values without losing them", async () => {
    invokeMock.mockRejectedValueOnce({ reason: 42 });
    await expect(tauriTransport.invoke("app_info", {})).rejects.toEqual({ code: "internal", message: '{"reason":42}' });
    invokeMock.mockRejectedValueOnce(undefined);
    await expect(tauriTransport.invoke("app_info", {})).rejects.toEqual({ code: "internal", message: "undefined" });
  });
});
