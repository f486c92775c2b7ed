import type { Diagnostics } from "../../bindings/types";
import { dayjs } from "../../components/dates";

/** What About says while update checks are off (an installation that updates itself). */
export const UPDATES_OFF =
  "Update checks are off. Enter the address your administrator gave you (https://…/latest.json).";

/** What About says where a package manager (apt) updates the program. */
export const UPDATED_BY_PACKAGE_MANAGER = "This copy is updated by your package manager.";

/** The question asked before an update is downloaded and installed. */
export function installQuestion(version: string): string {
  return `Download, verify its signature and install TenantAtlas ${version}? It takes effect when you restart TenantAtlas.`;
}

/** What About says once an update is installed. */
export function installedWords(version: string): string {
  return `TenantAtlas ${version} is installed. Restart TenantAtlas to use it.`;
}

/** "Published 6 Dec 2026", or the manifest's own words when they are not a date; null when it says nothing. */
export function publishedWords(publishedAt: string | null): string | null {
  if (publishedAt === null || publishedAt.trim() === "") return null;
  const day = dayjs(publishedAt);
  return `Published ${day.isValid() ? day.format("D MMM YYYY") : publishedAt}`;
}

/** Where the report's log lines come from: "It ends with the last 200 lines of /…/tenantatlas.log." */
export function logSourceWords({ log_lines, log_file }: Diagnostics): string {
  if (log_file === null) return "There is no log file yet, so it holds the facts about this installation only.";
  if (log_lines === 0) return `It holds the facts about this installation; the log ${log_file} is empty.`;
  const lines = log_lines === 1 ? "the last line" : `the last ${log_lines.toLocaleString()} lines`;
  return `It ends with ${lines} of the log ${log_file}.`;
}
