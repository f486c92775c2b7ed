import { MantineProvider } from "@mantine/core";
import { QueryClient } from "@tanstack/react-query";
import { render } from "@testing-library/react";
import { createContext, type ReactElement, type ReactNode, useContext } from "react";
import { MemoryRouter, useLocation } from "react-router";
import { AppProviders } from "../AppProviders";
import type { Commands } from "../bindings/commands";
import type { WorkspaceSummary } from "../bindings/types";
import { RunEventsBridge, RunWatchProvider } from "../runs";
import { theme } from "../theme";
import { CurrentWorkspaceProvider } from "../workspace";
import { fakeCommands } from "./fakeCommands";
import { type FakePlatform, fakePlatform } from "./fakePlatform";

/** Just Mantine, for presentational components. */
export function renderWithMantine(ui: ReactElement) {
  return render(
    <MantineProvider theme={theme} env="test">
      {ui}
    </MantineProvider>,
  );
}

type RenderAppOptions = {
  commands?: Commands;
  /** The desktop shell; a fresh fake by default, returned for tests to emit run events. */
  platform?: FakePlatform;
  route?: string;
  /** Wraps `ui` in a CurrentWorkspaceProvider for pages that live inside the app frame. */
  workspace?: WorkspaceSummary | false;
};

/** A page or the whole app with real providers, a fake backend and an in-memory router. */
export function renderApp(
  ui: ReactElement,
  { commands = fakeCommands(), platform = fakePlatform(), route = "/", workspace = false }: RenderAppOptions = {},
) {
  // No retries and no caching between tests: each test sees exactly what its fake returns.
  const queryClient = new QueryClient({
    defaultOptions: { queries: { retry: false, gcTime: Infinity }, mutations: { retry: false } },
  });
  const content: ReactNode = workspace ? (
    <CurrentWorkspaceProvider workspaces={[workspace]}>
      <RunWatchProvider>
        <RunEventsBridge />
        {ui}
      </RunWatchProvider>
    </CurrentWorkspaceProvider>
  ) : (
    ui
  );
  const result = render(
    <InitialRoute value={route}>
      <AppProviders commands={commands} platform={platform} queryClient={queryClient} Router={TestRouter} env="test">
        {content}
      </AppProviders>
    </InitialRoute>,
  );
  return { ...result, commands, platform, queryClient };
}

/** Where a test's router starts. */
const InitialRoute = createContext("/");

/** An in-memory router at the test's route, with the current path exposed to assertions. */
function TestRouter({ children }: { children: ReactNode }) {
  return (
    <MemoryRouter initialEntries={[useContext(InitialRoute)]}>
      {children}
      <LocationProbe />
    </MemoryRouter>
  );
}

/** Exposes the router's current path and query to assertions. */
function LocationProbe() {
  const location = useLocation();
  return (
    <>
      <output data-testid="location" hidden>
        {location.pathname}
      </output>
      <output data-testid="location-search" hidden>
        {location.search}
      </output>
    </>
  );
}
