import { act, renderHook } from "@testing-library/react";
import { afterEach, describe, expect, it } from "vitest";
import { isModalOpen, usePollGate } from "./pollGate";

function setVisibility(state: "visible" | "hidden") {
  Object.defineProperty(document, "visibilityState", { value: state, configurable: true });
  document.dispatchEvent(new Event("visibilitychange"));
}

afterEach(() => {
  for (const element of document.body.querySelectorAll("[data-probe]")) element.remove();
  setVisibility("visible");
});

describe("isModalOpen", () => {
  it("counts modal dialogs (aria-modal) and ignores popovers and menus", () => {
    expect(isModalOpen()).toBe(false);
    const popover = document.createElement("div");
    popover.setAttribute("role", "dialog");
    popover.dataset.probe = "";
    document.body.append(popover);
    expect(isModalOpen()).toBe(false);
    popover.setAttribute("aria-modal", "true");
    expect(isModalOpen()).toBe(true);
  });
});

describe("usePollGate", () => {
  it("follows the window's visibility and modals opening and closing", async () => {
    const { result } = renderHook(() => usePollGate());
    expect(result.current).toEqual({ hidden: false, modalOpen: false });

    act(() => setVisibility("hidden"));
    expect(result.current.hidden).toBe(true);
    act(() => setVisibility("visible"));
    expect(result.current.hidden).toBe(false);

    const modal = document.createElement("section");
    modal.setAttribute("aria-modal", "true");
    modal.dataset.probe = "";
    await act(async () => document.body.append(modal));
    expect(result.current.modalOpen).toBe(true);
    await act(async () => modal.remove());
    expect(result.current.modalOpen).toBe(false);
  });
});
