import { MultiSelect } from "@mantine/core";
import { screen } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { describe, expect, it } from "vitest";
import { renderWithMantine } from "./test/render";

describe("theme", () => {
  it("renders no options of a closed select, however many it has", async () => {
    const data = Array.from({ length: 500 }, (_, n) => ({ value: `t${n}`, label: `Customer ${n}` }));
    renderWithMantine(<MultiSelect aria-label="Tenant" data={data} />);
    expect(document.querySelectorAll("[data-combobox-option]")).toHaveLength(0);

    await userEvent.click(screen.getByRole("combobox", { name: "Tenant" }));
    expect(await screen.findByRole("option", { name: "Customer 1" })).toBeVisible();
  });
});
