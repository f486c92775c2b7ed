/** The longest workspace name the backend accepts, in characters (`WORKSPACE_NAME_MAX`). */
export const WORKSPACE_NAME_MAX = 100;

/**
 * Why a name cannot be sent, or undefined when it can. The backend trims and counts characters
 * (not UTF-16 units) the same way and has the last word: its own refusal is shown too.
 */
export function validateWorkspaceName(value: string): string | undefined {
  const name = value.trim();
  if (name === "") return "Enter a name for the workspace.";
  const length = [...name].length;
  if (length > WORKSPACE_NAME_MAX) return `At most ${WORKSPACE_NAME_MAX} characters (${length} now).`;
  return undefined;
}
