/** Characters no file name may hold on Windows, macOS or Linux, and control characters. */
// biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what it removes.
const UNSAFE_IN_NAMES = /[<>:"/\\|?*\u0000-\u001f]+/g;

/**
 * A name (a tenant's) made fit to start a file name: what a file system refuses becomes "-",
 * runs of spaces one, and leading or trailing dots go. "Tenant" when nothing is left.
 */
export function fileNameStem(name: string): string {
  const stem = name
    .replace(UNSAFE_IN_NAMES, "-")
    .replace(/\s+/g, " ")
    .trim()
    .replace(/^\.+|\.+$/g, "");
  return stem === "" ? "Tenant" : stem;
}
