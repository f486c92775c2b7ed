import { describe, expect, it } from "vitest";
import { permissionGuide } from "../../test/fixtures";
import { adminConsentUrl, groupByPermissions, isOptionalFeature, optionalFeatureNote } from "./permissionGuide";

describe("the app registration guide", () => {
  it("lists features that need the same permissions together, in the guide's order", () => {
    const groups = groupByPermissions(permissionGuide().features);
    expect(groups.map((group) => [group.permissions.length, group.features.map((f) => f.label)])).toEqual([
      [5, ["Inventory sync", "Policy versions (backups)", "Baselines and drift"]],
      [1, ["Groups"]],
      [1, ["Directory roles"]],
      [1, ["Credential expiry"]],
      [6, ["Restore"]],
    ]);
    expect(groups[1]?.permissions).toEqual(["Group.Read.All"]);
  });

  it("knows which features the syncs do without, and what still works then", () => {
    expect(
      permissionGuide()
        .features.filter((f) => isOptionalFeature(f.feature))
        .map((f) => f.label),
    ).toEqual(["Credential expiry", "Restore"]);
    expect(optionalFeatureNote("credential_expiry")).toMatch(/^Optional: without it, a certificate's end/);
    expect(optionalFeatureNote("restore")).toMatch(/^Optional: without it, TenantAtlas only reads this tenant/);
    expect(optionalFeatureNote("inventory")).toBeNull();
  });

  it("builds the admin consent link once the directory and client id look right", () => {
    const client = "9f8e7d6c-1234-4abc-8def-00000000c1d1";
    expect(adminConsentUrl(" contoso.onmicrosoft.com ", ` ${client}`)).toBe(
      `https://login.microsoftonline.com/contoso.onmicrosoft.com/adminconsent?client_id=${client}`,
    );
    expect(adminConsentUrl("3c1f0c55-5b8e-4f5a-9d1e-8a0f0c7e2b11", client)).toBe(
      `https://login.microsoftonline.com/3c1f0c55-5b8e-4f5a-9d1e-8a0f0c7e2b11/adminconsent?client_id=${client}`,
    );
    expect(adminConsentUrl("", client)).toBeNull();
    expect(adminConsentUrl("contoso", client)).toBeNull();
    expect(adminConsentUrl("contoso.com/../evil", client)).toBeNull();
    expect(adminConsentUrl("contoso.onmicrosoft.com", "not-a-guid")).toBeNull();
  });
});
