import { MantineProvider } from "@mantine/core";
import { Notifications } from "@mantine/notifications";
import { QueryClientProvider, type QueryClient } from "@tanstack/react-query";
import type { ReactNode } from "react";
import type { Commands } from "./bindings/commands";
import { CommandsProvider } from "./platform";
import { theme } from "./theme";

type AppProvidersProps = {
  commands: Commands;
  queryClient: QueryClient;
  /** "test" turns off transitions and portals so tests see what a user would see at once. */
  env?: "default" | "test";
  children: ReactNode;
};

/** Everything a page needs around it; shared by main.tsx and the tests. */
export function AppProviders({ commands, queryClient, env = "default", children }: AppProvidersProps) {
  return (
    <MantineProvider theme={theme} defaultColorScheme="auto" env={env}>
      <Notifications position="bottom-right" />
      <QueryClientProvider client={queryClient}>
        <CommandsProvider commands={commands}>{children}</CommandsProvider>
      </QueryClientProvider>
    </MantineProvider>
  );
}
