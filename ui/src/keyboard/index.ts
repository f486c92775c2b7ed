export { FrameShortcuts } from "./FrameShortcuts";
export { isMac, isPaletteHotkey, isShortcutSheetHotkey, isTextEntry, modKey } from "./hotkeys";
