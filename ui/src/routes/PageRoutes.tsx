import { useQueryClient } from "@tanstack/react-query";
import { useEffect } from "react";
import { Navigate, Route, Routes } from "react-router";
import { useCommands } from "../platform";
import { useCurrentWorkspace } from "../workspace";
import { prefetchFirstVisits } from "./idlePrefetch";
import { PageBoundary } from "./PageBoundary";
import { Page, PRELOAD_AFTER_MS, preloadPages } from "./pages";

/** The address of every page inside the frame. */
export function PageRoutes() {
  // Once the first page is up, the others' code (and the data of Operations' first visit)
  // loads in the background (not under test, where every page is one import away and a stray
  // import would outlive the test).
  const client = useQueryClient();
  const commands = useCommands();
  const workspaceId = useCurrentWorkspace().current.workspace.id;
  useEffect(() => {
    if (import.meta.env.MODE === "test") return;
    const timer = setTimeout(async () => {
      await preloadPages();
      await prefetchFirstVisits(client, commands, workspaceId);
    }, PRELOAD_AFTER_MS);
    return () => clearTimeout(timer);
  }, [client, commands, workspaceId]);
  return (
    <PageBoundary>
      <Routes>
        <Route index element={<Page name="Overview" />} />
        <Route path="/tenants" element={<Page name="Tenants" />} />
        <Route path="/tenants/:tenantId" element={<Page name="Tenant" />} />
        <Route path="/tenants/:tenantId/objects/:itemId" element={<Page name="Object" />} />
        <Route path="/tenants/:tenantId/review" element={<Page name="CustomerReview" />} />
        <Route path="/tenants/:tenantId/restore/new" element={<Page name="NewRestore" />} />
        <Route path="/restores/:restoreId" element={<Page name="Restore" />} />
        <Route path="/operations" element={<Page name="Operations" />} />
        <Route path="/runs/:runId" element={<Page name="Run" />} />
        <Route path="/audit" element={<Page name="Audit" />} />
        <Route path="/baselines" element={<Page name="Baselines" />} />
        <Route path="/baselines/:profileId" element={<Page name="Profile" />} />
        <Route path="/findings" element={<Page name="Findings" />} />
        <Route path="/search" element={<Page name="Search" />} />
        <Route path="/schedules" element={<Page name="Schedules" />} />
        <Route path="/review-packs" element={<Page name="ReviewPacks" />} />
        <Route path="/members" element={<Page name="Members" />} />
        <Route path="/about" element={<Page name="About" />} />
        {/* The overview is the home page; any other address (an old bookmark) lands there too. */}
        <Route path="*" element={<Navigate to="/" replace />} />
      </Routes>
    </PageBoundary>
  );
}
