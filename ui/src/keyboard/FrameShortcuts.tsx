import { ActionIcon, Button, Kbd, Tooltip } from "@mantine/core";
import { useWindowEvent } from "@mantine/hooks";
import { IconKeyboard, IconSearch } from "@tabler/icons-react";
import { lazy, Suspense, useEffect, useState } from "react";
import { isModalOpen } from "../api";
import type { WorkspaceId } from "../bindings/types";
import { isPaletteHotkey, isShortcutSheetHotkey, modKey } from "./hotkeys";

// The palette and the sheet load on first use (or once the window is idle): the frame opens
// without them.
const loadPalette = () => import("./CommandPalette");
const loadSheet = () => import("./ShortcutSheet");
const CommandPalette = lazy(() => loadPalette().then((m) => ({ default: m.CommandPalette })));
const ShortcutSheet = lazy(() => loadSheet().then((m) => ({ default: m.ShortcutSheet })));

/** How long after the frame shows the palette's code starts loading in the background. */
const PRELOAD_AFTER_MS = 3_000;

type Overlay = "palette" | "shortcuts";

/**
 * The app's global keys and their buttons in the header: Ctrl+K (⌘K) opens the command palette,
 * from anywhere, text fields included; `?` opens the shortcut sheet, except while typing. Neither
 * opens over another dialog (Esc would close both), but Ctrl+K moves from the sheet to the palette.
 */
export function FrameShortcuts({ workspaceId }: { workspaceId: WorkspaceId }) {
  const [open, setOpen] = useState<Overlay | null>(null);
  // Mounted from their first opening on, so closing plays the modal's transition.
  const [used, setUsed] = useState<ReadonlySet<Overlay>>(() => new Set());
  const show = (overlay: Overlay) => {
    setOpen(overlay);
    setUsed((before) => (before.has(overlay) ? before : new Set([...before, overlay])));
  };
  const close = () => setOpen(null);

  useWindowEvent("keydown", (event) => {
    if (isPaletteHotkey(event)) {
      if (open === null && isModalOpen()) return;
      event.preventDefault();
      show("palette");
    } else if (isShortcutSheetHotkey(event) && !event.defaultPrevented && open === null && !isModalOpen()) {
      event.preventDefault();
      show("shortcuts");
    }
  });

  useEffect(() => {
    if (import.meta.env.MODE === "test") return;
    const timer = setTimeout(() => {
      void loadPalette().catch(() => undefined);
      void loadSheet().catch(() => undefined);
    }, PRELOAD_AFTER_MS);
    return () => clearTimeout(timer);
  }, []);

  const mod = modKey();
  return (
    <>
      <Button
        variant="default"
        size="xs"
        leftSection={<IconSearch size={14} aria-hidden />}
        rightSection={
          <Kbd size="xs" aria-hidden>
            {mod} K
          </Kbd>
        }
        onClick={() => show("palette")}
        aria-label={`Search tenants, runs and pages (${mod}+K)`}
        aria-haspopup="dialog"
        data-testid="open-command-palette"
      >
        Search
      </Button>
      <Tooltip label="Keyboard shortcuts (?)" withinPortal>
        <ActionIcon
          variant="subtle"
          color="gray"
          size="lg"
          onClick={() => show("shortcuts")}
          aria-label="Keyboard shortcuts"
          aria-haspopup="dialog"
          data-testid="open-shortcuts"
        >
          <IconKeyboard size={18} aria-hidden />
        </ActionIcon>
      </Tooltip>
      {/* One boundary each: the sheet's code arriving must not hide an open palette. */}
      <Suspense fallback={null}>
        {used.has("palette") && (
          <CommandPalette opened={open === "palette"} onClose={close} workspaceId={workspaceId} />
        )}
      </Suspense>
      <Suspense fallback={null}>
        {used.has("shortcuts") && <ShortcutSheet opened={open === "shortcuts"} onClose={close} />}
      </Suspense>
    </>
  );
}
