import {
  IconActivity,
  IconAlertTriangle,
  IconArchive,
  IconArrowsExchange,
  IconTerminal2,
  IconCamera,
  IconCameraCheck,
  IconCircleCheck,
  IconCircleDot,
  IconCircleX,
  IconClock,
  IconClockCheck,
  IconCrown,
  IconDatabaseExport,
  IconEye,
  IconFileText,
  IconFileZip,
  IconFlagCheck,
  IconGitCompare,
  IconHandStop,
  IconHelpCircle,
  IconHourglass,
  IconListSearch,
  IconPlayerPause,
  IconPlayerPlay,
  IconPlugX,
  IconPower,
  IconRefresh,
  IconRefreshDot,
  IconRestore,
  IconShieldLock,
  IconUserCog,
  IconUsersGroup,
  IconUserShield,
  type Icon,
} from "@tabler/icons-react";
import type { VocabularyIcon } from "./present";

// Explicit imports keep the bundle to the icons in use. Typed against the generated
// vocabulary: an icon name the bindings use and this map lacks fails the UI type check.
// Extra entries are allowed so icons can be mapped before the bindings that use them land.
const vocabularyIcons: Record<VocabularyIcon, Icon> & Record<string, Icon> = {
  activity: IconActivity,
  "alert-triangle": IconAlertTriangle,
  archive: IconArchive,
  "arrows-exchange": IconArrowsExchange,
  "terminal-2": IconTerminal2,
  camera: IconCamera,
  "camera-check": IconCameraCheck,
  "circle-check": IconCircleCheck,
  "circle-x": IconCircleX,
  clock: IconClock,
  "clock-check": IconClockCheck,
  crown: IconCrown,
  "database-export": IconDatabaseExport,
  eye: IconEye,
  "file-text": IconFileText,
  "file-zip": IconFileZip,
  "flag-check": IconFlagCheck,
  "git-compare": IconGitCompare,
  "hand-stop": IconHandStop,
  "help-circle": IconHelpCircle,
  hourglass: IconHourglass,
  "list-search": IconListSearch,
  "player-pause": IconPlayerPause,
  "player-play": IconPlayerPlay,
  "plug-x": IconPlugX,
  power: IconPower,
  refresh: IconRefresh,
  "refresh-dot": IconRefreshDot,
  restore: IconRestore,
  "shield-lock": IconShieldLock,
  "user-cog": IconUserCog,
  "user-shield": IconUserShield,
  "users-group": IconUsersGroup,
};

/** Shown for an icon name this build does not know (a newer backend). */
export const fallbackIcon: Icon = IconCircleDot;

export function iconFor(name: string): Icon {
  return (Object.hasOwn(vocabularyIcons, name) && vocabularyIcons[name]) || fallbackIcon;
}
