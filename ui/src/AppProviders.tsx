import { MantineProvider } from "@mantine/core";
import { type QueryClient, QueryClientProvider } from "@tanstack/react-query";
import type { ComponentType, ReactNode } from "react";
import type { Commands } from "./bindings/commands";
import { ToastHost } from "./components/ToastHost";
import { CommandsProvider, type Platform, PlatformProvider } from "./platform";
import { theme } from "./theme";

type AppProvidersProps = {
  commands: Commands;
  /** The desktop shell's live run events and window progress. */
  platform: Platform;
  queryClient: QueryClient;
  /**
   * The router around the app. Toasts are rendered inside it too, so a toast can carry a link
   * ("View run") that navigates like any other.
   */
  Router: ComponentType<{ children: ReactNode }>;
  /** "test" turns off transitions and portals so tests see what a user would see at once. */
  env?: "default" | "test";
  children: ReactNode;
};

/** Everything a page needs around it; shared by main.tsx and the tests. */
export function AppProviders({
  commands,
  platform,
  queryClient,
  Router,
  env = "default",
  children,
}: AppProvidersProps) {
  return (
    <MantineProvider theme={theme} defaultColorScheme="auto" env={env}>
      <QueryClientProvider client={queryClient}>
        <CommandsProvider commands={commands}>
          <PlatformProvider platform={platform}>
            <Router>
              <ToastHost />
              {children}
            </Router>
          </PlatformProvider>
        </CommandsProvider>
      </QueryClientProvider>
    </MantineProvider>
  );
}
