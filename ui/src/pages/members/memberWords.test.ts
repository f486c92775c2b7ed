import { describe, expect, it } from "vitest";
import { demoTenants, grace, memberView } from "../../test/fixtures";
import { ROLE_OPTIONS, tenantSummary } from "./memberWords";

describe("a member's tenants in words", () => {
  const chosen = (...ids: string[]) => memberView(grace, { all_tenants: false, tenant_ids: ids });

  it("says all tenants, none, the one chosen by name, or how many of the workspace's", () => {
    expect(tenantSummary(memberView(grace), demoTenants, true)).toEqual({ text: "All tenants", names: [] });
    expect(tenantSummary(chosen(), demoTenants, true)).toEqual({ text: "No tenants", names: [] });
    expect(tenantSummary(chosen("t-fabrikam"), demoTenants, true)).toEqual({
      text: "Fabrikam Logistics",
      names: ["Fabrikam Logistics"],
    });
    expect(tenantSummary(chosen("t-fabrikam", "t-adatum"), demoTenants, true)).toEqual({
      text: "2 of 3 tenants",
      names: ["Adatum Legal", "Fabrikam Logistics"],
    });
  });

  it("counts without a total while the tenants load, or when the operator does not see them all", () => {
    expect(tenantSummary(chosen("t-fabrikam", "t-adatum"), undefined, true)).toEqual({ text: "2 tenants", names: [] });
    const visible = demoTenants.filter((tenant) => tenant.id === "t-contoso");
    expect(tenantSummary(chosen("t-contoso", "t-hidden"), visible, false)).toEqual({
      text: "2 tenants",
      names: ["Contoso Pharma", "1 tenant you cannot see"],
    });
    expect(tenantSummary(chosen("t-hidden"), visible, false)).toEqual({
      text: "1 tenant",
      names: ["1 tenant you cannot see"],
    });
  });

  it("offers the four roles by their vocabulary labels, most powerful first", () => {
    expect(ROLE_OPTIONS).toEqual([
      { value: "owner", label: "Owner" },
      { value: "manager", label: "Manager" },
      { value: "operator", label: "Operator" },
      { value: "readonly", label: "Read-only" },
    ]);
  });
});
