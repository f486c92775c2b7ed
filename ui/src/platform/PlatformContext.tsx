import { createContext, type ReactNode, useContext } from "react";
import type { Platform } from "./platform";

// Like the commands: components reach the shell only through this context, so tests supply a
// fake they can drive.
const PlatformContext = createContext<Platform | null>(null);

export function PlatformProvider({ platform, children }: { platform: Platform; children: ReactNode }) {
  return <PlatformContext.Provider value={platform}>{children}</PlatformContext.Provider>;
}

export function usePlatform(): Platform {
  const platform = useContext(PlatformContext);
  if (platform === null) throw new Error("usePlatform() needs a <PlatformProvider> above it");
  return platform;
}
