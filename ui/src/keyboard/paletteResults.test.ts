import { describe, expect, it } from "vitest";
import { NAV_ENTRIES, PALETTE_PAGES } from "../components/frame/navEntries";
import { tenant } from "../test/fixtures";
import { kindsList, matchPages, matchTenants, remoteSearch, tenantInView } from "./paletteResults";

const labels = (entries: { label: string }[]) => entries.map((entry) => entry.label);

describe("palette results", () => {
  it("matches pages by name first, then by other words for them", () => {
    expect(labels(matchPages(NAV_ENTRIES, ""))).toEqual(labels([...NAV_ENTRIES]));
    expect(labels(matchPages(NAV_ENTRIES, "  OPER "))).toEqual(["Operations"]);
    expect(labels(matchPages(NAV_ENTRIES, "runs"))).toEqual(["Operations"]);
    expect(labels(matchPages(NAV_ENTRIES, "drift"))).toEqual(["Findings"]);
    // "Audit log" starts with "a"; "Baselines" and "Tenants" only contain it.
    expect(labels(matchPages(NAV_ENTRIES, "a")).slice(0, 1)).toEqual(["Audit log"]);
    expect(matchPages(NAV_ENTRIES, "nothing")).toEqual([]);
    expect(labels(matchPages(PALETTE_PAGES, "sche"))).toEqual(["Schedules"]);
    expect(labels(matchPages(PALETTE_PAGES, "settings"))).toEqual(["Search"]);
    expect(labels(matchPages(PALETTE_PAGES, "")).slice(-3)).toEqual(["Audit log", "Search", "About TenantAtlas"]);
    expect(labels(matchPages(PALETTE_PAGES, "updates"))).toEqual(["About TenantAtlas"]);
    expect(labels(matchPages(PALETTE_PAGES, "version"))).toEqual(["About TenantAtlas"]);
  });

  it("matches tenants by name or domain: name prefixes first, archived after those in service", () => {
    const tenants = [
      tenant({ id: "1", display_name: "Old Contoso", status: "archived" }),
      tenant({ id: "2", display_name: "Contoso Retail", status: "archived" }),
      tenant({ id: "3", display_name: "Contoso Pharma" }),
      tenant({ id: "4", display_name: "Northwind", primary_domain: "contoso-north.example" }),
      tenant({ id: "5", display_name: "Fabrikam" }),
    ];
    const { shown, total } = matchTenants(tenants, "contoso");
    expect(shown.map((t) => t.display_name)).toEqual(["Contoso Pharma", "Contoso Retail", "Old Contoso", "Northwind"]);
    expect(total).toBe(4);
    expect(matchTenants(tenants, "contoso", 2)).toEqual({ shown: shown.slice(0, 2), total: 4 });
    expect(matchTenants(tenants, "   ")).toEqual({ shown: [], total: 0 });
  });

  it("searches the backend only from two characters on", () => {
    expect(remoteSearch(" a ")).toBeNull();
    expect(remoteSearch(" ab ")).toBe("ab");
  });

  it("knows the tenant on screen from the address", () => {
    expect(tenantInView("/tenants/t-1")).toBe("t-1");
    expect(tenantInView("/tenants/t-1/objects/item-4")).toBe("t-1");
    expect(tenantInView("/tenants")).toBeNull();
    expect(tenantInView("/runs/r-1")).toBeNull();
  });

  it("lists the kinds searched as a sentence", () => {
    expect(kindsList(["page"])).toBe("page");
    expect(kindsList(["tenant", "page"])).toBe("tenant or page");
    expect(kindsList(["tenant", "object", "run", "page"])).toBe("tenant, object, run or page");
  });
});
