import { screen } from "@testing-library/react";
import { describe, expect, it } from "vitest";
import { renderWithMantine } from "../test/render";
import { FailureAlert } from "./FailureAlert";

describe("FailureAlert", () => {
  it("says what did not happen and why, as an alert", () => {
    renderWithMantine(
      <FailureAlert title="The member was not added" data-testid="add-member-error">
        The login is already a member.
      </FailureAlert>,
    );

    const alert = screen.getByRole("alert", { name: "The member was not added" });
    expect(alert).toHaveAttribute("data-testid", "add-member-error");
    expect(alert).toHaveTextContent("The login is already a member.");
  });

  it("shows just the message when there is no title", () => {
    renderWithMantine(<FailureAlert>The keyring is locked.</FailureAlert>);

    const alert = screen.getByRole("alert");
    expect(alert).toHaveTextContent(/^The keyring is locked\.$/);
    expect(alert).not.toHaveAttribute("data-testid");
  });
});
