/** Input types that take typed text (a `?` typed there is text, not a shortcut). */
const NON_TEXT_INPUTS = new Set(["button", "checkbox", "color", "file", "image", "radio", "range", "reset", "submit"]);

/** Whether keys pressed in `target` are typing: a text field, a text area, a select or editable content. */
export function isTextEntry(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  if (target instanceof HTMLInputElement) return !NON_TEXT_INPUTS.has(target.type);
  return (
    target instanceof HTMLTextAreaElement || target instanceof HTMLSelectElement || target.isContentEditable === true
  );
}

/** Ctrl+K, or ⌘K on macOS: opens the command palette from anywhere, text fields included. */
export function isPaletteHotkey(event: KeyboardEvent): boolean {
  return (event.ctrlKey || event.metaKey) && !event.altKey && !event.shiftKey && event.key.toLowerCase() === "k";
}

/**
 * `?` (Shift+/ on most layouts; the typed character is what counts) outside a text field: opens
 * the keyboard shortcut sheet.
 */
export function isShortcutSheetHotkey(event: KeyboardEvent): boolean {
  return event.key === "?" && !event.ctrlKey && !event.metaKey && !event.altKey && !isTextEntry(event.target);
}

/** Whether the window runs on macOS, where the command key stands in for Ctrl. */
export function isMac(nav: Pick<Navigator, "userAgent"> = navigator): boolean {
  return /Mac|iPhone|iPad/.test(nav.userAgent);
}

/** The modifier of the app's shortcuts as the keyboard labels it. */
export function modKey(mac: boolean = isMac()): string {
  return mac ? "⌘" : "Ctrl";
}
