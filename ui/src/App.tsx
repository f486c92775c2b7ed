import { Center, Container, Loader } from "@mantine/core";
import { lazy, Suspense } from "react";
import { useAppInfo, useWorkspaces } from "./api";
import type { AppInfo } from "./bindings/types";
import { ErrorState } from "./components/ErrorState";
import { StartupErrorScreen } from "./pages/StartupErrorScreen";
// From their modules rather than their folders' indexes: only these join the first screen's code.
import { RunEventsBridge } from "./runs/RunEventsBridge";
import { useWorkspaceAccess } from "./workspace/workspaceAccess";

// The frame and its pages load while the backend answers app_info and the workspace list: the
// window shows its loader at once, and the frame's code is there by the time it is needed.
const workspaceApp = import("./WorkspaceApp");
const WorkspaceApp = lazy(() => workspaceApp.then((m) => ({ default: m.WorkspaceApp })));
// Seen once per installation; loaded only then.
const FirstRunPage = lazy(() => import("./pages/FirstRunPage").then((m) => ({ default: m.FirstRunPage })));

/** Startup: the backend must answer app_info before anything else is shown. */
export function App() {
  const appInfo = useAppInfo();
  if (appInfo.isPending) return <FullScreenLoader />;
  if (appInfo.isError) return <StartupErrorScreen message={appInfo.error.message} />;
  return <Workspaces appInfo={appInfo.data} />;
}

/**
 * The operator's workspaces decide what opens: the first run without one, else the frame. Both
 * follow the live changes (another workstation adding or removing the operator as a member re-reads
 * the list), and losing the workspace on screen is handled here, whichever of the two follows.
 */
function Workspaces({ appInfo }: { appInfo: AppInfo }) {
  const workspaces = useWorkspaces();
  useWorkspaceAccess(workspaces.data);
  if (workspaces.isPending) return <FullScreenLoader />;
  if (workspaces.isError) {
    return (
      <Container size={640} py={48}>
        <ErrorState
          title="Your workspaces could not be loaded"
          message={workspaces.error.message}
          onRetry={() => void workspaces.refetch()}
          retrying={workspaces.isFetching}
        />
      </Container>
    );
  }
  const [first, ...rest] = workspaces.data;
  return (
    <>
      <RunEventsBridge />
      <Suspense fallback={<FullScreenLoader />}>
        {first === undefined ? (
          <FirstRunPage appInfo={appInfo} />
        ) : (
          <WorkspaceApp appInfo={appInfo} workspaces={[first, ...rest]} />
        )}
      </Suspense>
    </>
  );
}

function FullScreenLoader() {
  return (
    <Center mih="100vh">
      <Loader size="sm" aria-label="Loading" />
    </Center>
  );
}
