import { queryOptions, useMutation, useMutationState, useQuery, useQueryClient } from "@tanstack/react-query";
import { useEffect, useState } from "react";
import type { AppInfo, UpdateCheck, UpdateInstalled, UpdateOffer } from "../bindings/types";
import { type Commands, useCommands } from "../platform";
import { queryKeys } from "./queryKeys";
import "./register";

/** How long after the frame shows the update address is asked: out of the way of the first screen's reads. */
export const UPDATE_CHECK_AFTER_MS = 5_000;

const INSTALL_KEY = ["updates", "install"] as const;

/** The update address's answer, kept for the session: a release is rare, and About asks again on request. */
function updateCheckQuery(commands: Commands, url: string) {
  return queryOptions({
    queryKey: queryKeys.updateCheck(url),
    queryFn: () => commands.checkForUpdate(),
    staleTime: Infinity,
    gcTime: Infinity,
    // An unreachable server is asked again by the operator, not by a loop.
    retry: false,
    refetchOnWindowFocus: false,
    refetchOnReconnect: false,
  });
}

/** The support report, read afresh whenever it is shown (the log moves on) and not kept afterwards. */
export function useDiagnostics() {
  const commands = useCommands();
  return useQuery({
    queryKey: queryKeys.diagnostics,
    queryFn: () => commands.diagnostics(),
    staleTime: 0,
    gcTime: 0,
  });
}

/** Turns update checks on (an https address) or off (null); the app's facts follow at once. */
export function useSetUpdateUrl() {
  const commands = useCommands();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (url: string | null) => commands.setUpdateUrl({ url }),
    onSuccess: (info: AppInfo) => queryClient.setQueryData(queryKeys.appInfo, info),
  });
}

/** Asks the update address now (About's button); the answer replaces the session's, so the header follows it. */
export function useCheckForUpdate(url: string) {
  const commands = useCommands();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: () => commands.checkForUpdate(),
    onSuccess: (check: UpdateCheck) => queryClient.setQueryData(queryKeys.updateCheck(url), check),
  });
}

/** What the update address answered earlier this session (the background check), without asking it. */
export function useSessionUpdateCheck(url: string): UpdateCheck | undefined {
  const commands = useCommands();
  return useQuery({ ...updateCheckQuery(commands, url), enabled: false }).data;
}

/**
 * Downloads, verifies and installs a version. Kept for the session once done, so About and the
 * header know it waits for a restart even after the page that installed it has gone.
 */
export function useInstallUpdate() {
  const commands = useCommands();
  return useMutation({
    mutationKey: INSTALL_KEY,
    mutationFn: (version: string) => commands.installUpdate({ version }),
    gcTime: Infinity,
  });
}

/** The version installed while the app runs (it takes effect when the app restarts), or null. */
export function useInstalledUpdate(): string | null {
  const installed = useMutationState({
    filters: { mutationKey: INSTALL_KEY, status: "success" },
    select: (mutation) => (mutation.state.data as UpdateInstalled | undefined)?.version ?? null,
  });
  return installed.at(-1) ?? null;
}

/**
 * The newer version on offer, asked once a while after the app starts when updates are on and
 * this app installs them; null when there is none, it was installed already, or asking failed
 * (the header keeps quiet about that: About says why).
 */
export function useAvailableUpdate(info: AppInfo): UpdateOffer | null {
  const commands = useCommands();
  const [due, setDue] = useState(false);
  useEffect(() => {
    const timer = window.setTimeout(() => setDue(true), UPDATE_CHECK_AFTER_MS);
    return () => window.clearTimeout(timer);
  }, []);
  const url = info.updates_installable ? info.update_url : null;
  const check = useQuery({ ...updateCheckQuery(commands, url ?? ""), enabled: due && url !== null });
  const installed = useInstalledUpdate();
  const offer = url === null ? null : (check.data?.offer ?? null);
  return offer !== null && offer.version !== installed ? offer : null;
}
