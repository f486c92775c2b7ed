import { MantineProvider } from "@mantine/core";
import { Notifications } from "@mantine/notifications";
import { QueryClientProvider, type QueryClient } from "@tanstack/react-query";
import type { ComponentType, ReactNode } from "react";
import type { Commands } from "./bindings/commands";
import { CommandsProvider } from "./platform";
import { theme } from "./theme";

type AppProvidersProps = {
  commands: Commands;
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
export function AppProviders({ commands, queryClient, Router, env = "default", children }: AppProvidersProps) {
  return (
    <MantineProvider theme={theme} defaultColorScheme="auto" env={env}>
      <QueryClientProvider client={queryClient}>
        <CommandsProvider commands={commands}>
          <Router>
            <Notifications position="bottom-right" limit={6} />
            {children}
          </Router>
        </CommandsProvider>
      </QueryClientProvider>
    </MantineProvider>
  );
}
