import { describe, expect, it } from "vitest";
import { diagnosticsReport } from "../../test/fakeUpdates";
import { installedWords, installQuestion, logSourceWords, publishedWords } from "./aboutWords";

describe("About's words", () => {
  it("dates a release by its day, keeps what is not a date and says nothing without one", () => {
    expect(publishedWords("2026-12-06T09:00:00Z")).toBe("Published 6 Dec 2026");
    expect(publishedWords("early December")).toBe("Published early December");
    expect(publishedWords(null)).toBeNull();
    expect(publishedWords(" ")).toBeNull();
  });

  it("says where the report's log lines come from", () => {
    const log = "/var/log/tenantatlas.log";
    expect(logSourceWords(diagnosticsReport({ log_lines: 200, log_file: log }))).toBe(
      "It ends with the last 200 lines of the log /var/log/tenantatlas.log.",
    );
    expect(logSourceWords(diagnosticsReport({ log_lines: 1, log_file: log }))).toBe(
      "It ends with the last line of the log /var/log/tenantatlas.log.",
    );
    expect(logSourceWords(diagnosticsReport({ log_lines: 0, log_file: log }))).toBe(
      "It holds the facts about this installation; the log /var/log/tenantatlas.log is empty.",
    );
    expect(logSourceWords(diagnosticsReport({ log_lines: 0, log_file: null }))).toBe(
      "There is no log file yet, so it holds the facts about this installation only.",
    );
  });

  it("asks before installing and says what happens next", () => {
    expect(installQuestion("0.2.0")).toBe(
      "Download, verify its signature and install TenantAtlas 0.2.0? It takes effect when you restart TenantAtlas.",
    );
    expect(installedWords("0.2.0")).toBe("TenantAtlas 0.2.0 is installed. Restart TenantAtlas to use it.");
  });
});
