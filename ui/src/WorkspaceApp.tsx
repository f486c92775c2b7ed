import type { AppInfo, WorkspaceSummary } from "./bindings/types";
import { AppFrame } from "./components/AppFrame";
import { PageRoutes } from "./routes/PageRoutes";
import { RunWatchProvider } from "./runs";
import { CurrentWorkspaceProvider } from "./workspace";

type WorkspaceAppProps = {
  appInfo: AppInfo;
  workspaces: readonly [WorkspaceSummary, ...WorkspaceSummary[]];
};

/** The app once the operator has a workspace: the frame, live runs, and the pages (App listens to the live changes). */
export function WorkspaceApp({ appInfo, workspaces }: WorkspaceAppProps) {
  return (
    <CurrentWorkspaceProvider workspaces={workspaces}>
      <RunWatchProvider>
        <AppFrame appInfo={appInfo}>
          <PageRoutes />
        </AppFrame>
      </RunWatchProvider>
    </CurrentWorkspaceProvider>
  );
}
