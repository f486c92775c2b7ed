import { act, screen } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { type ComponentType, lazy } from "react";
import { Link, Route, Routes } from "react-router";
import { afterEach, describe, expect, it, vi } from "vitest";
import { renderApp } from "../test/render";
import { PAGE_FALLBACK_DELAY_MS, PageBoundary } from "./PageBoundary";

type LoadedModule = { default: ComponentType };

function Broken(): never {
  throw new Error("The run's record is damaged.");
}

describe("PageBoundary", () => {
  afterEach(() => {
    vi.useRealTimers();
  });

  it("shows nothing for a moment while a page loads, then its shape, then the page", async () => {
    vi.useFakeTimers({ shouldAdvanceTime: true });
    let resolve: (module: LoadedModule) => void = () => {};
    const Slow = lazy(
      () =>
        new Promise<LoadedModule>((done) => {
          resolve = done;
        }),
    );
    renderApp(
      <PageBoundary>
        <Slow />
      </PageBoundary>,
    );
    const placeholder = screen.getByTestId("page-loading");
    expect(placeholder).toBeEmptyDOMElement();
    await act(() => vi.advanceTimersByTimeAsync(PAGE_FALLBACK_DELAY_MS));
    expect(screen.getByTestId("page-loading")).not.toBeEmptyDOMElement();

    await act(async () => resolve({ default: () => <p>Loaded page</p> }));
    expect(await screen.findByText("Loaded page")).toBeInTheDocument();
    expect(screen.queryByTestId("page-loading")).not.toBeInTheDocument();
  });

  it("keeps a page that fails inside the frame, and going elsewhere clears it", async () => {
    vi.spyOn(console, "error").mockImplementation(() => {});
    renderApp(
      <>
        <Link to="/fine">Elsewhere</Link>
        <PageBoundary>
          <Routes>
            <Route path="/broken" element={<Broken />} />
            <Route path="/fine" element={<p>A working page</p>} />
          </Routes>
        </PageBoundary>
      </>,
      { route: "/broken" },
    );
    const error = await screen.findByTestId("error-state");
    expect(error).toHaveTextContent("This page could not be shown");
    expect(error).toHaveTextContent("The run's record is damaged.");
    expect(screen.getByRole("button", { name: "Retry" })).toBeInTheDocument();

    await userEvent.click(screen.getByRole("link", { name: "Elsewhere" }));
    expect(await screen.findByText("A working page")).toBeInTheDocument();
    expect(screen.queryByTestId("error-state")).not.toBeInTheDocument();
  });
});
