import { useLocalStorage, useMediaQuery } from "@mantine/hooks";
import { useCallback } from "react";

/** Windows narrower than this (px) show the navigation as icons unless the operator chose otherwise. */
export const NAV_AUTO_COLLAPSE_BELOW = 1100;

export const NAV_COLLAPSED_KEY = "tenantatlas.navigation.collapsed";

/**
 * Whether the navigation shows as icons only. By default it follows the window: collapsed below
 * NAV_AUTO_COLLAPSE_BELOW, expanded above. A toggle that goes against that is the operator's
 * choice and is remembered (in this window and the next session); a toggle back to what the
 * window width would give forgets the choice, so the navigation follows the window again.
 */
export function useNavCollapsed(): { collapsed: boolean; toggle: () => void } {
  const narrow = useMediaQuery(`(max-width: ${NAV_AUTO_COLLAPSE_BELOW - 0.02}px)`, false, {
    getInitialValueInEffect: false,
  });
  const [choice, setChoice, forgetChoice] = useLocalStorage<boolean | null>({
    key: NAV_COLLAPSED_KEY,
    defaultValue: null,
    getInitialValueInEffect: false,
  });
  const collapsed = choice ?? narrow;
  const toggle = useCallback(() => {
    const next = !collapsed;
    if (next === narrow) forgetChoice();
    else setChoice(next);
  }, [collapsed, narrow, forgetChoice, setChoice]);
  return { collapsed, toggle };
}
