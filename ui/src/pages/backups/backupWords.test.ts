import { describe, expect, it } from "vitest";
import type { BackupGap } from "../../bindings/types";
import { backupSet } from "../../test/backupFixtures";
import { importedBackupSet } from "../../test/importFixtures";
import {
  completenessRows,
  DOCUMENT_FORMATS,
  documentationFileName,
  folderChangesWords,
  folderUpToDate,
  gapSentence,
  missingShort,
  newVersionsWords,
  objectsWords,
} from "./backupWords";

const LABELS: Record<string, string> = {
  settings_catalog: "Settings catalog policy",
  device_configuration: "Device configuration",
  compliance_policy: "Compliance policy",
};
const label = (key: string) => LABELS[key] ?? key;

const objects: BackupGap = {
  object_type: "device_configuration",
  whole_type: false,
  objects: ["a", "b"],
  reason: "graph.server_error",
};
const listing: BackupGap = { object_type: "compliance_policy", whole_type: true, objects: [], reason: null };

describe("backup sets in words", () => {
  it("counts the new versions against the unchanged ones", () => {
    expect(newVersionsWords({ item_count: 200, new_versions: 12 })).toBe("12 new, 188 unchanged");
    expect(newVersionsWords({ item_count: 5, new_versions: 5 })).toBe("5 new, 0 unchanged");
  });

  it("says what an export into a folder changed, or that nothing did", () => {
    const first = { path: "/git/contoso", objects: 70, written: 72, unchanged: 0, removed: 0 };
    expect(folderChangesWords(first)).toBe("72 files written, 0 unchanged, 0 removed.");
    expect(folderChangesWords({ ...first, written: 1, unchanged: 71, removed: 2 })).toBe(
      "1 file written, 71 unchanged, 2 removed.",
    );
    const again = { ...first, written: 0, unchanged: 72 };
    expect(folderUpToDate(again)).toBe(true);
    expect(folderChangesWords(again)).toBe("The folder was already up to date: no file changed.");
    expect(objectsWords(1)).toBe("1 object");
    expect(objectsWords(1200)).toBe(`${(1200).toLocaleString()} objects`);
  });

  it("says shortly what a set lacks", () => {
    expect(missingShort(backupSet(), label)).toBe("");
    expect(missingShort(backupSet({ missing: [objects, listing] }), label)).toBe(
      "2 Device configuration objects not read; Compliance policy not read whole",
    );
    expect(
      missingShort(backupSet({ missing: [objects, listing, { ...listing, object_type: "settings_catalog" }] }), label),
    ).toBe("3 types incomplete");
    expect(
      missingShort(backupSet({ missing: [{ object_type: "*", whole_type: true, objects: [], reason: null }] }), label),
    ).toBe("Ended before it finished");
    // An imported set lacks the files of its folder that were not imported.
    expect(missingShort(importedBackupSet(), label)).toBe("2 files not imported");
  });

  it("says each gap with its reason in the catalog's words, or none when none was recorded", () => {
    expect(gapSentence(objects, label)).toBe(
      "Device configuration: 2 objects were listed but could not be read, so the set does not hold them. Reason: Microsoft Graph error.",
    );
    expect(gapSentence({ ...objects, objects: ["a"] }, label)).toContain("1 object was listed");
    expect(gapSentence(listing, label)).toBe(
      "Compliance policy: the listing broke off, so the set holds none or only some of its objects.",
    );
    // A code this version does not know is never shown as the code.
    expect(gapSentence({ ...listing, reason: "graph.future_code" as BackupGap["reason"] }, label)).toBe(
      "Compliance policy: the listing broke off, so the set holds none or only some of its objects. Reason: Not described by this version.",
    );
  });

  it("lists incomplete types first, then by name", () => {
    const set = backupSet({
      types: {
        settings_catalog: { listed: 2, read: 2, failed: 0, pages: 1, complete: true },
        device_configuration: { listed: 2, read: 1, failed: 1, pages: 1, complete: false },
        compliance_policy: { listed: 1, read: 1, failed: 0, pages: 1, complete: true },
      },
    });
    expect(completenessRows(set, label).map((row) => row.type)).toEqual([
      "device_configuration",
      "compliance_policy",
      "settings_catalog",
    ]);
  });
});

describe("documentation words", () => {
  const december5 = new Date(2026, 11, 5, 23, 30);

  it("offers Word first, then a web page, Markdown and CSV", () => {
    expect(DOCUMENT_FORMATS.map((choice) => choice.format)).toEqual(["docx", "html", "markdown", "csv"]);
  });

  it("names a document after its tenant, the local day and its format's extension", () => {
    expect(DOCUMENT_FORMATS.map((choice) => documentationFileName("Contoso Pharma", choice, december5))).toEqual([
      "Contoso Pharma configuration 2026-12-05.docx",
      "Contoso Pharma configuration 2026-12-05.html",
      "Contoso Pharma configuration 2026-12-05.md",
      "Contoso Pharma configuration 2026-12-05.csv",
    ]);
  });

  it("leaves out what a file system refuses", () => {
    const [word] = DOCUMENT_FORMATS;
    if (word === undefined) throw new Error("No format");
    expect(documentationFileName('Fabrikam: R&D / "EU"', word, december5)).toBe(
      "Fabrikam- R&D - -EU- configuration 2026-12-05.docx",
    );
    expect(documentationFileName("..", word, december5)).toBe("Tenant configuration 2026-12-05.docx");
  });
});
