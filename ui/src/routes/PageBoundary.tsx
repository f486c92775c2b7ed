import { Component, type ErrorInfo, type ReactNode, Suspense, useEffect, useState } from "react";
import { useLocation } from "react-router";
import { DetailSkeleton } from "../components/DetailSkeleton";
import { ErrorState } from "../components/ErrorState";

/** How long a page may take to load before its placeholder shows (a page on disk is usually quicker). */
export const PAGE_FALLBACK_DELAY_MS = 120;

/**
 * Around the page inside the frame: a light placeholder while its code loads (the frame stays
 * where it is), and a contained error if the page cannot be shown, instead of a blank window.
 * Going to another page clears the error.
 */
export function PageBoundary({ children }: { children: ReactNode }) {
  const { pathname } = useLocation();
  return (
    <PageErrorBoundary pathname={pathname}>
      <Suspense fallback={<PageLoading />}>{children}</Suspense>
    </PageErrorBoundary>
  );
}

/** Nothing for the first moment (no flash when the page is quick), then the page's shape. */
function PageLoading() {
  const [shown, setShown] = useState(false);
  useEffect(() => {
    const timer = window.setTimeout(() => setShown(true), PAGE_FALLBACK_DELAY_MS);
    return () => window.clearTimeout(timer);
  }, []);
  return shown ? <DetailSkeleton data-testid="page-loading" /> : <div aria-busy="true" data-testid="page-loading" />;
}

type BoundaryProps = { pathname: string; children: ReactNode };
type BoundaryState = { error: Error | null; pathname: string };

class PageErrorBoundary extends Component<BoundaryProps, BoundaryState> {
  override state: BoundaryState = { error: null, pathname: this.props.pathname };

  static getDerivedStateFromError(error: unknown): Partial<BoundaryState> {
    return { error: error instanceof Error ? error : new Error(String(error)) };
  }

  /** Another page: whatever failed was the previous page's. */
  static getDerivedStateFromProps(props: BoundaryProps, state: BoundaryState): Partial<BoundaryState> | null {
    return props.pathname === state.pathname ? null : { error: null, pathname: props.pathname };
  }

  override componentDidCatch(error: Error, info: ErrorInfo) {
    console.error("A page failed to render", error, info.componentStack);
  }

  override render() {
    if (this.state.error === null) return this.props.children;
    return (
      <ErrorState
        title="This page could not be shown"
        message={this.state.error.message}
        // A page whose code failed to load stays failed until the window loads it afresh.
        onRetry={() => window.location.reload()}
      />
    );
  }
}
