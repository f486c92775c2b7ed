import { describe, expect, it } from "vitest";
import { packSummary, reviewPack } from "../../test/packFixtures";
import {
  contentsWords,
  expiredFileWords,
  filesCheckedWords,
  openFindingsTotal,
  openFindingsWords,
  optionsShort,
  packFileName,
  settingsErrorField,
} from "./packWords";

describe("pack words", () => {
  it("names a saved pack after its tenant and local day, without characters a file system refuses", () => {
    expect(packFileName("Contoso Pharma", "2026-11-22T09:30:00.000Z")).toBe(
      "Contoso Pharma review pack 2026-11-22.zip",
    );
    expect(packFileName('Fabrikam: R&D / "EU"  *', "2026-11-22T09:30:00.000Z")).toBe(
      "Fabrikam- R&D - -EU- - review pack 2026-11-22.zip",
    );
    expect(packFileName("..", null)).toBe("Tenant review pack.zip");
  });

  it("counts open findings most severe first, or says there were none", () => {
    const summary = packSummary({ open_findings: { low: 4, critical: 1, info: 2 } });
    expect(openFindingsTotal(summary)).toBe(7);
    expect(openFindingsWords(summary)).toBe("1 critical, 4 low, 2 info");
    expect(openFindingsWords(packSummary({ open_findings: { high: 0 } }))).toBe("No open findings");
  });

  it("says both options in a few words", () => {
    expect(optionsShort({ include_pii: true, include_operations: false })).toBe("Names, no operations");
    expect(optionsShort({ include_pii: false, include_operations: true })).toBe("Pseudonyms, operations");
    expect(filesCheckedWords(1)).toBe("1 file matches the manifest");
    expect(filesCheckedWords(0)).toBe("No file matches the manifest");
  });

  it("says until when an expired pack's file is kept, or when it was deleted", () => {
    const expired = reviewPack({ status: "expired", expires_at: "2027-02-20T09:30:00.000Z" });
    expect(expiredFileWords(expired, 30)).toBe("Its file is kept until 22 Mar 2027, then deleted.");
    expect(expiredFileWords(expired, null)).toBe("Its file is kept for the workspace's grace period, then deleted.");
    expect(expiredFileWords({ ...expired, file_deleted_at: "2027-03-22T03:00:00.000Z" }, 30)).toBe(
      "Its file was deleted on 22 Mar 2027.",
    );
  });

  it("puts the backend's refusal of a retention or grace period beside its field", () => {
    expect(
      settingsErrorField({ code: "invalid_input", message: "Retention must be between 1 and 3650 days, not 0" }),
    ).toBe("retention");
    expect(
      settingsErrorField({
        code: "invalid_input",
        message: "The grace period must be between 0 and 3650 days, not 4000",
      }),
    ).toBe("grace");
    expect(settingsErrorField({ code: "forbidden", message: "Retention is not yours to change" })).toBeNull();
    expect(settingsErrorField({ code: "invalid_input", message: "Something else" })).toBeNull();
  });
});

describe("contentsWords", () => {
  it("counts in the singular and plural, and leaves out operations that were not included", () => {
    const summary = {
      inventory_items: 1,
      policy_types: 1,
      open_findings: {},
      role_assignments: 2,
      operations: 1,
      files: 17,
      data_freshness: {},
      signing_key_fingerprint: null,
    };
    expect(contentsWords(summary)).toBe("1 object of 1 type · 2 privileged role assignments · 1 operation");
    expect(contentsWords({ ...summary, inventory_items: 3, policy_types: 2, operations: null })).toBe(
      "3 objects of 2 types · 2 privileged role assignments",
    );
  });
});
