import { screen } from "@testing-library/react";
import { describe, expect, it } from "vitest";
import { renderWithMantine } from "../test/render";
import { StartupErrorScreen } from "./StartupErrorScreen";

describe("StartupErrorScreen", () => {
  it("shows the message verbatim, says nothing changed, and offers no actions", () => {
    const message = "The database file /data/atlas.sqlite3 is damaged: file is not a database";
    renderWithMantine(<StartupErrorScreen message={message} />);
    expect(screen.getByRole("heading", { name: "TenantAtlas cannot start" })).toBeInTheDocument();
    expect(screen.getByTestId("startup-error-message").textContent).toBe(message);
    expect(screen.getByTestId("startup-error")).toHaveTextContent("Nothing was changed.");
    expect(screen.queryAllByRole("button")).toHaveLength(0);
  });
});
