import { describe, expect, it } from "vitest";
import { backupSet } from "../../test/backupFixtures";
import { importedBackupSet } from "../../test/importFixtures";
import {
  filesWords,
  importButtonWords,
  importedFromWords,
  importObjectsWords,
  importResultWords,
  labelsFirst,
  matchedWords,
  partialWords,
  setNaming,
  unresolvedMoreWords,
} from "./importWords";

describe("The words of an import", () => {
  it("names where a set came from and how a sentence names it", () => {
    expect(importedFromWords("IntuneCD")).toBe("Imported from IntuneCD");
    expect(setNaming(backupSet())).toEqual({ noun: "backup", made: "taken" });
    expect(setNaming(importedBackupSet())).toEqual({ noun: "IntuneCD backup", made: "imported" });
  });

  it("counts what a folder holds", () => {
    expect(importObjectsWords({ objects: 12, archived: 0 })).toBe("12 objects");
    expect(importObjectsWords({ objects: 1, archived: 0 })).toBe("1 object");
    expect(importObjectsWords({ objects: 12, archived: 2 })).toBe(
      "12 objects, 2 of them older versions from the archive",
    );
    expect(filesWords({ files_read: 14, side_files: 0 })).toBe("14 object files read");
    expect(filesWords({ files_read: 1, side_files: 1 })).toBe(
      "1 object file read, 1 file holding no object (scripts, reports)",
    );
    expect(importButtonWords(1)).toBe("Import 1 object");
    expect(importButtonWords(12)).toBe("Import 12 objects");
  });

  it("says how the folder's objects meet the tenant's", () => {
    expect(matchedWords({ objects: 12, matched: 9 }, "Contoso")).toBe(
      "9 match objects Contoso already has; 3 are new to TenantAtlas.",
    );
    expect(matchedWords({ objects: 2, matched: 1 }, "Contoso")).toBe(
      "1 matches an object Contoso already has; 1 is new to TenantAtlas.",
    );
    expect(matchedWords({ objects: 5, matched: 5 }, "Contoso")).toBe("5 match objects Contoso already has.");
    expect(matchedWords({ objects: 3, matched: 0 }, "Contoso")).toBe(
      "None matches an object Contoso already has; 3 are new to TenantAtlas.",
    );
  });

  it("says a partial import and an import's result plainly", () => {
    expect(partialWords(1)).toBe("1 file of the folder cannot be imported, so the set will be marked partial.");
    expect(partialWords(2)).toBe("2 files of the folder cannot be imported, so the set will be marked partial.");
    expect(importResultWords({ new_versions: 9, unchanged: 3 })).toBe("9 new versions, 3 unchanged");
    expect(importResultWords({ new_versions: 1, unchanged: 0 })).toBe("1 new version, 0 unchanged");
  });

  it("says how many names there were when the list is cut short", () => {
    expect(unresolvedMoreWords(2, 2)).toBeNull();
    expect(unresolvedMoreWords(200, 250)).toBe("Showing 200 of 250 names.");
  });

  it("prefers the labels the backend sent over the catalog's", () => {
    const label = labelsFirst([{ object_type: "mobile_app", label: "App" }], (key) => `catalog:${key}`);
    expect(label("mobile_app")).toBe("App");
    expect(label("settings_catalog")).toBe("catalog:settings_catalog");
  });
});
