import { useEffect } from "react";
import { Navigate, Route, Routes } from "react-router";
import { PageBoundary } from "./PageBoundary";
import { Page, PRELOAD_AFTER_MS, preloadPages } from "./pages";

/** The address of every page inside the frame. */
export function PageRoutes() {
  // Once the first page is up, the others' code loads in the background (not under test,
  // where every page is one import away and a stray import would outlive the test).
  useEffect(() => {
    if (import.meta.env.MODE === "test") return;
    const timer = setTimeout(() => void preloadPages(), PRELOAD_AFTER_MS);
    return () => clearTimeout(timer);
  }, []);
  return (
    <PageBoundary>
      <Routes>
        <Route index element={<Page name="Overview" />} />
        <Route path="/tenants" element={<Page name="Tenants" />} />
        <Route path="/tenants/:tenantId" element={<Page name="Tenant" />} />
        <Route path="/tenants/:tenantId/objects/:itemId" element={<Page name="Object" />} />
        <Route path="/operations" element={<Page name="Operations" />} />
        <Route path="/runs/:runId" element={<Page name="Run" />} />
        <Route path="/audit" element={<Page name="Audit" />} />
        <Route path="/baselines" element={<Page name="Baselines" />} />
        <Route path="/baselines/:profileId" element={<Page name="Profile" />} />
        <Route path="/findings" element={<Page name="Findings" />} />
        <Route path="/search" element={<Page name="Search" />} />
        <Route path="/schedules" element={<Page name="Schedules" />} />
        {/* The overview is the home page; any other address (an old bookmark) lands there too. */}
        <Route path="*" element={<Navigate to="/" replace />} />
      </Routes>
    </PageBoundary>
  );
}
