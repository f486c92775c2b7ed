import { describe, expect, it } from "vitest";
import { isMac, isPaletteHotkey, isShortcutSheetHotkey, isTextEntry, modKey } from "./hotkeys";

const key = (init: KeyboardEventInit, target: EventTarget = document.body) => {
  const event = new KeyboardEvent("keydown", init);
  Object.defineProperty(event, "target", { value: target });
  return event;
};

function input(type: string): HTMLInputElement {
  const element = document.createElement("input");
  element.type = type;
  return element;
}

describe("hotkeys", () => {
  it("takes Ctrl+K and ⌘K, either case, but not with other modifiers", () => {
    expect(isPaletteHotkey(key({ key: "k", ctrlKey: true }))).toBe(true);
    expect(isPaletteHotkey(key({ key: "K", metaKey: true }))).toBe(true);
    expect(isPaletteHotkey(key({ key: "k", ctrlKey: true }, input("text")))).toBe(true);
    expect(isPaletteHotkey(key({ key: "k" }))).toBe(false);
    expect(isPaletteHotkey(key({ key: "k", ctrlKey: true, shiftKey: true }))).toBe(false);
    expect(isPaletteHotkey(key({ key: "k", ctrlKey: true, altKey: true }))).toBe(false);
  });

  it("takes ? only outside text entry", () => {
    expect(isShortcutSheetHotkey(key({ key: "?", shiftKey: true }))).toBe(true);
    expect(isShortcutSheetHotkey(key({ key: "?" }, input("checkbox")))).toBe(true);
    expect(isShortcutSheetHotkey(key({ key: "?" }, input("text")))).toBe(false);
    expect(isShortcutSheetHotkey(key({ key: "?" }, input("search")))).toBe(false);
    expect(isShortcutSheetHotkey(key({ key: "?" }, document.createElement("textarea")))).toBe(false);
    expect(isShortcutSheetHotkey(key({ key: "?", ctrlKey: true }))).toBe(false);
    expect(isShortcutSheetHotkey(key({ key: "/" }))).toBe(false);
  });

  it("counts editable content as text entry", () => {
    const editable = document.createElement("div");
    editable.contentEditable = "true";
    // jsdom does not derive isContentEditable from the attribute.
    Object.defineProperty(editable, "isContentEditable", { value: true });
    expect(isTextEntry(editable)).toBe(true);
    expect(isTextEntry(document.createElement("button"))).toBe(false);
    expect(isTextEntry(null)).toBe(false);
  });

  it("names the modifier as the keyboard does", () => {
    expect(isMac({ userAgent: "Mozilla/5.0 (Macintosh; Intel Mac OS X 14_0) AppleWebKit/605.1.15" })).toBe(true);
    expect(isMac({ userAgent: "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36" })).toBe(false);
    expect(modKey(true)).toBe("⌘");
    expect(modKey(false)).toBe("Ctrl");
  });
});
