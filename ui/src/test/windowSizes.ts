import { NAV_WIDTH } from "../components/AppFrame";
import { NAV_AUTO_COLLAPSE_BELOW } from "../components/frame/useNavCollapsed";

/** The app shell's padding around a page (`padding="md"` in AppFrame), on each side. */
const MAIN_PADDING = 16;
/** A classic vertical scrollbar (GTK without overlay scrolling); overlay scrollbars take none. */
const SCROLLBAR = 15;

/** The navigation as the window leaves it: by its width (the default), or as the operator chose. */
export type Navigation = "auto" | "expanded" | "collapsed";

/**
 * The width a page's content has in a window `windowWidth` px wide: the window less the
 * navigation (icons only below NAV_AUTO_COLLAPSE_BELOW unless the operator chose otherwise), the
 * page padding on both sides and a vertical scrollbar, as jsdom cannot lay it out.
 */
export function contentWidth(windowWidth: number, navigation: Navigation = "auto"): number {
  const collapsed = navigation === "auto" ? windowWidth < NAV_AUTO_COLLAPSE_BELOW : navigation === "collapsed";
  const nav = collapsed ? NAV_WIDTH.collapsed : NAV_WIDTH.expanded;
  return windowWidth - nav - 2 * MAIN_PADDING - SCROLLBAR;
}

/** The window sizes tables must fit without scrolling sideways. */
export const WINDOWS = [
  { id: "default", name: "1280×800 (the default window)", width: 1280, navigation: "auto" },
  { id: "medium", name: "1024×700", width: 1024, navigation: "auto" },
  { id: "mediumExpanded", name: "1024×700 with the navigation kept expanded", width: 1024, navigation: "expanded" },
  { id: "smallest", name: "960×600 (the smallest window)", width: 960, navigation: "auto" },
] as const satisfies readonly { id: string; name: string; width: number; navigation: Navigation }[];

export type WindowId = (typeof WINDOWS)[number]["id"];
