import { render, screen } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { useRef } from "react";
import { describe, expect, it } from "vitest";
import { ARROW_ITEM, focusFirstItem, onArrowKeys } from "./arrowFocus";

function List() {
  const box = useRef<HTMLInputElement>(null);
  const list = useRef<HTMLDivElement>(null);
  return (
    <>
      <input
        ref={box}
        aria-label="Box"
        onKeyDown={(event) => {
          if (event.key === "ArrowDown" && focusFirstItem(list.current)) event.preventDefault();
        }}
      />
      {/* biome-ignore lint/a11y/noStaticElementInteractions: the test's stand-in for a list of results. */}
      <div ref={list} onKeyDown={(event) => onArrowKeys(event, list.current, box.current)}>
        <a href="#one" {...ARROW_ITEM}>
          One
        </a>
        <a href="#skipped">Not an item</a>
        <button type="button" {...ARROW_ITEM}>
          Two
        </button>
        <a href="#three" {...ARROW_ITEM}>
          Three
        </a>
      </div>
    </>
  );
}

describe("arrowFocus", () => {
  it("moves focus between the marked items only, and back to the box above the first", async () => {
    render(<List />);
    const user = userEvent.setup();
    await user.click(screen.getByRole("textbox", { name: "Box" }));
    await user.keyboard("{ArrowDown}");
    expect(screen.getByRole("link", { name: "One" })).toHaveFocus();
    await user.keyboard("{ArrowDown}");
    expect(screen.getByRole("button", { name: "Two" })).toHaveFocus();
    await user.keyboard("{ArrowDown}{ArrowDown}");
    expect(screen.getByRole("link", { name: "Three" })).toHaveFocus();
    await user.keyboard("{Home}");
    expect(screen.getByRole("link", { name: "One" })).toHaveFocus();
    await user.keyboard("{End}{ArrowUp}");
    expect(screen.getByRole("button", { name: "Two" })).toHaveFocus();
    await user.keyboard("{ArrowUp}{ArrowUp}");
    expect(screen.getByRole("textbox", { name: "Box" })).toHaveFocus();
  });

  it("reports a list with nothing to focus", () => {
    const empty = document.createElement("div");
    expect(focusFirstItem(empty)).toBe(false);
    expect(focusFirstItem(null)).toBe(false);
  });
});
