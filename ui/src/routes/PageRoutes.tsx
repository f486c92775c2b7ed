import { useEffect } from "react";
import { Navigate, Route, Routes } from "react-router";
import { PageBoundary } from "./PageBoundary";
import { PRELOAD_AFTER_MS, pages, preloadPages } from "./pages";

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
        <Route index element={<pages.Overview />} />
        <Route path="/tenants" element={<pages.Tenants />} />
        <Route path="/tenants/:tenantId" element={<pages.Tenant />} />
        <Route path="/tenants/:tenantId/objects/:itemId" element={<pages.Object />} />
        <Route path="/operations" element={<pages.Operations />} />
        <Route path="/runs/:runId" element={<pages.Run />} />
        <Route path="/audit" element={<pages.Audit />} />
        <Route path="/baselines" element={<pages.Baselines />} />
        <Route path="/baselines/:profileId" element={<pages.Profile />} />
        <Route path="/findings" element={<pages.Findings />} />
        {/* The overview is the home page; any other address (an old bookmark) lands there too. */}
        <Route path="*" element={<Navigate to="/" replace />} />
      </Routes>
    </PageBoundary>
  );
}
