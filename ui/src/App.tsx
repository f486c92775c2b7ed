import { Center, Container, Loader } from "@mantine/core";
import { Navigate, Route, Routes } from "react-router";
import { useAppInfo, useWorkspaces } from "./api";
import type { AppInfo } from "./bindings/types";
import { AppFrame } from "./components/AppFrame";
import { ErrorState } from "./components/ErrorState";
import { AuditPage } from "./pages/audit/AuditPage";
import { BaselinesPage } from "./pages/baselines/BaselinesPage";
import { ProfilePage } from "./pages/baselines/ProfilePage";
import { FirstRunPage } from "./pages/FirstRunPage";
import { FindingsPage } from "./pages/findings/FindingsPage";
import { ObjectPage } from "./pages/object/ObjectPage";
import { OperationsPage } from "./pages/operations/OperationsPage";
import { RunPage } from "./pages/run/RunPage";
import { StartupErrorScreen } from "./pages/StartupErrorScreen";
import { TenantsPage } from "./pages/TenantsPage";
import { TenantPage } from "./pages/tenant/TenantPage";
import { RunEventsBridge, RunWatchProvider } from "./runs";
import { CurrentWorkspaceProvider } from "./workspace";

/** Startup: the backend must answer app_info before anything else is shown. */
export function App() {
  const appInfo = useAppInfo();
  if (appInfo.isPending) return <FullScreenLoader />;
  if (appInfo.isError) return <StartupErrorScreen message={appInfo.error.message} />;
  return <Workspaces appInfo={appInfo.data} />;
}

function Workspaces({ appInfo }: { appInfo: AppInfo }) {
  const workspaces = useWorkspaces();
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
  if (first === undefined) return <FirstRunPage appInfo={appInfo} />;
  return (
    <CurrentWorkspaceProvider workspaces={[first, ...rest]}>
      <RunWatchProvider>
        <RunEventsBridge />
        <AppFrame appInfo={appInfo}>
          <Routes>
            <Route path="/tenants" element={<TenantsPage />} />
            <Route path="/tenants/:tenantId" element={<TenantPage />} />
            <Route path="/tenants/:tenantId/objects/:itemId" element={<ObjectPage />} />
            <Route path="/operations" element={<OperationsPage />} />
            <Route path="/runs/:runId" element={<RunPage />} />
            <Route path="/audit" element={<AuditPage />} />
            <Route path="/baselines" element={<BaselinesPage />} />
            <Route path="/baselines/:profileId" element={<ProfilePage />} />
            <Route path="/findings" element={<FindingsPage />} />
            {/* Tenants is the home page; any other address (an old bookmark) lands there too. */}
            <Route path="*" element={<Navigate to="/tenants" replace />} />
          </Routes>
        </AppFrame>
      </RunWatchProvider>
    </CurrentWorkspaceProvider>
  );
}

function FullScreenLoader() {
  return (
    <Center mih="100vh">
      <Loader size="sm" aria-label="Loading" />
    </Center>
  );
}
