import { useQueryClient } from "@tanstack/react-query";
import { useEffect } from "react";
import { usePlatform } from "../platform";
import { applyRunEvents } from "./runEvents";

/** Listens to the shell's live run changes for as long as the app is open. */
export function useRunEvents(): void {
  const platform = usePlatform();
  const queryClient = useQueryClient();
  useEffect(
    () => platform.subscribeRunEvents((batch) => applyRunEvents(queryClient, batch, Date.now())),
    [platform, queryClient],
  );
}

/** `useRunEvents` as an element, for the app shell. */
export function RunEventsBridge() {
  useRunEvents();
  return null;
}
