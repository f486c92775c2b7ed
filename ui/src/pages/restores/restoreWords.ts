import type { MantineColor } from "@mantine/core";
import type {
  AssignmentChange,
  GroupChoice,
  ItemOutcomeKind,
  PlanCounts,
  Restore,
  RestoreAction,
  RestoreConflict,
  RestoreId,
  RestoreItemOutcome,
  RestorePlan,
  RestorePlanItem,
  RestoreStatus,
} from "../../bindings/types";

/** A status or an action as the restore pages show it: its word and the badge's colour. */
export type Look = { label: string; color: MantineColor };

/**
 * A restore's status: planning and restoring blue (with a spinner), previewed and restored
 * green, a failed preview or restore red, an outdated preview yellow.
 */
export function restoreStatusLook(status: RestoreStatus): Look {
  switch (status) {
    case "planning":
      return { label: "Planning", color: "blue" };
    case "previewed":
      return { label: "Previewed", color: "green" };
    case "preview_failed":
      return { label: "Preview failed", color: "red" };
    case "outdated":
      return { label: "Out of date", color: "yellow" };
    case "executing":
      return { label: "Restoring", color: "blue" };
    case "executed":
      return { label: "Restored", color: "green" };
    case "execute_failed":
      return { label: "Restore failed", color: "red" };
  }
}

/** The plan's actions in the order they are offered: what would be written first, identical last. */
export const ACTIONS: readonly RestoreAction[] = ["create", "update", "delete", "conflict", "skip"];

/**
 * The actions a plan's counts and filters offer: every one but delete, which only undoing a
 * restore plans — offered when the plan deletes something.
 */
export function planActions(counts: PlanCounts): RestoreAction[] {
  return ACTIONS.filter((action) => action !== "delete" || counts.delete > 0);
}

/**
 * What the plan would do to an object: create green, update blue, delete red (destructive),
 * identical grey, conflict red.
 */
export function actionLook(action: RestoreAction): Look {
  switch (action) {
    case "create":
      return { label: "Create", color: "green" };
    case "update":
      return { label: "Update", color: "blue" };
    case "delete":
      return { label: "Delete", color: "red" };
    case "skip":
      return { label: "Identical", color: "gray" };
    case "conflict":
      return { label: "Conflict", color: "red" };
  }
}

/** The headings of the plan's counts, by action. */
export function countTitle(action: RestoreAction): string {
  switch (action) {
    case "create":
      return "To create";
    case "update":
      return "To update";
    case "delete":
      return "To delete";
    case "skip":
      return "Identical";
    case "conflict":
      return "Cannot restore as they are";
  }
}

function plural(value: number, one: string, many: string): string {
  return `${value.toLocaleString()} ${value === 1 ? one : many}`;
}

/** How many objects an action counts, in a plan's counts. */
export function countOf(counts: PlanCounts, action: RestoreAction): number {
  return counts[action];
}

/**
 * A plan's counts in a line: "3 to create, 5 to update, 1 to delete, 60 identical, 2 cannot be
 * restored as they are"; an action nothing falls under is left out, and a plan of nothing says so.
 */
export function countsSentence(counts: PlanCounts): string {
  const parts = [
    counts.create > 0 ? `${counts.create.toLocaleString()} to create` : null,
    counts.update > 0 ? `${counts.update.toLocaleString()} to update` : null,
    counts.delete > 0 ? `${counts.delete.toLocaleString()} to delete` : null,
    counts.skip > 0 ? `${counts.skip.toLocaleString()} identical` : null,
    counts.conflict > 0
      ? `${counts.conflict.toLocaleString()} ${counts.conflict === 1 ? "cannot be restored as it is" : "cannot be restored as they are"}`
      : null,
  ].filter((part): part is string => part !== null);
  return parts.length === 0 ? "No objects" : parts.join(", ");
}

/** Every object a plan counts. */
export function countsTotal(counts: PlanCounts): number {
  return counts.create + counts.update + counts.delete + counts.skip + counts.conflict;
}

/** "+2 groups −1 group": the assignments a restore would add and remove; empty when none. */
export function assignmentWords({ added, removed }: AssignmentChange): string {
  const parts = [
    added.length > 0 ? `+${plural(added.length, "group", "groups")}` : null,
    removed.length > 0 ? `−${plural(removed.length, "group", "groups")}` : null,
  ].filter((part): part is string => part !== null);
  return parts.join(" ");
}

/** Fields named at most in a table cell; the rest are counted. */
const FIELDS_SHOWN = 3;

/** "description, settings and 2 more": a few of the fields whose value would change. */
export function fieldsWords(fields: readonly string[], shown = FIELDS_SHOWN): string {
  if (fields.length <= shown) return fields.join(", ");
  return `${fields.slice(0, shown).join(", ")} and ${(fields.length - shown).toLocaleString()} more`;
}

/** The names the plan's words use: the tenants, the catalog's type labels and the groups the plan knows. */
export type PlanNames = {
  /** The tenant restored onto. */
  target: string;
  /** The tenant the versions were captured from. */
  source: string;
  typeLabel: (key: string) => string;
  /** A source group's name (when its tenant's cache knows it). */
  sourceGroup: (groupId: string) => string | null;
  /** A target group's name (when the plan maps a group onto it). */
  targetGroup: (groupId: string) => string | null;
};

/** The names of the groups a plan maps: source groups by their id, target groups by theirs. */
export function groupNames(plan: Pick<RestorePlan, "groups">): Pick<PlanNames, "sourceGroup" | "targetGroup"> {
  const sources = new Map<string, string>();
  const targets = new Map<string, string>();
  for (const choice of plan.groups) {
    if (choice.source_name !== null) sources.set(choice.source_group_id, choice.source_name);
    if (choice.target.kind === "mapped") targets.set(choice.target.group_id, choice.target.display_name);
  }
  return {
    sourceGroup: (id) => sources.get(id) ?? null,
    targetGroup: (id) => targets.get(id) ?? null,
  };
}

/** One conflict in a few words, for the plan table: "Changed in Contoso since its last sync". */
export function conflictShort(conflict: RestoreConflict, names: Pick<PlanNames, "target">): string {
  switch (conflict.kind) {
    case "changed_since_sync":
      return conflict.synced ? `Changed in ${names.target} since its last sync` : `Never synced from ${names.target}`;
    case "name_collision":
      return `${conflict.matches.toLocaleString()} objects in ${names.target} share its name`;
    case "type_not_writable":
      return "This type is never written";
    case "unresolved_groups":
      return `${plural(conflict.group_ids.length, "group has", "groups have")} no target group`;
    case "secret_values":
      return `${plural(conflict.fields.length, "secret setting was", "secret settings were")} never stored`;
  }
}

/** What a conflict means and what to do about it. */
export type ConflictExplained = {
  title: string;
  /** Why the object cannot be restored as it is. */
  text: string;
  /** The next step, or null when there is none to take. */
  next: string | null;
  /** The conflict is solved by choosing target groups (the page offers the way to the mapping). */
  toMapping: boolean;
};

function nameList(ids: readonly string[], name: (id: string) => string | null): string {
  return ids.map((id) => name(id) ?? id).join(", ");
}

/**
 * A conflict in full: what it is in words (never its code), why it stops the restore and the
 * next step. Says only what a preview can promise: nothing here is written. Undoing a restore
 * (`undo`), an object changed since is neither put back nor deleted.
 */
export function conflictExplained(
  conflict: RestoreConflict,
  item: Pick<RestorePlanItem, "display_name" | "object_type" | "conflicts">,
  names: PlanNames,
  { undo = false }: { undo?: boolean } = {},
): ConflictExplained {
  switch (conflict.kind) {
    case "changed_since_sync":
      return conflict.synced
        ? {
            title: "Changed since the last sync",
            text: undo
              ? `The object in ${names.target} is no longer what TenantAtlas last stored of it: someone changed it since, and putting it back or deleting it would lose a change nobody has reviewed.`
              : `The object in ${names.target} is no longer what its last policy sync captured: someone changed it since, and overwriting it would lose a change nobody has reviewed.`,
            next: `Sync the policies of ${names.target}, check what changed, then preview again.`,
            toMapping: false,
          }
        : {
            title: "Never synced",
            text: `No policy sync has captured the object in ${names.target}, so whether anyone changed it cannot be told, and overwriting it could lose a change nobody has reviewed.`,
            next: `Sync the policies of ${names.target}, check the object, then preview again.`,
            toMapping: false,
          };
    case "name_collision":
      return {
        title: "Name shared by several objects",
        text: `${conflict.matches.toLocaleString()} ${names.typeLabel(item.object_type)} objects in ${names.target} are named “${item.display_name}”, so which one it would overwrite cannot be told.`,
        next: `Rename or remove the duplicates in ${names.target}, sync its policies, then preview again.`,
        toMapping: false,
      };
    case "type_not_writable":
      return {
        title: "A type that is never written",
        text: `TenantAtlas reads ${names.typeLabel(item.object_type)} objects but never writes them: they are built in, managed by the directory or another service, or cannot be written whole from what a backup holds (an app's package, a template-based policy). They cannot be restored from a backup.`,
        next: null,
        toMapping: false,
      };
    case "unresolved_groups":
      return {
        title: "Groups without a target group",
        text: `It is assigned to ${plural(conflict.group_ids.length, "group", "groups")} of ${names.source} with no group in ${names.target} to take ${conflict.group_ids.length === 1 ? "its" : "their"} place: ${nameList(conflict.group_ids, names.sourceGroup)}.`,
        next: "Choose a target group for each, or skip their assignments, in the group mapping, then preview again.",
        toMapping: true,
      };
    case "secret_values":
      return {
        title: "Secret values never stored",
        text: `These settings' values were never stored, so they cannot be restored as they are: ${conflict.fields.join(", ")}.`,
        next:
          item.conflicts.length <= 1
            ? "Type their values when you execute the restore to write it with them; without them it is left alone."
            : "Once its other conflicts are solved, type their values when you execute the restore to write it with them.",
        toMapping: false,
      };
  }
}

/**
 * What restoring would change about one object, for its row: "New in Contoso · +2 groups",
 * "description, settings · +1 group −1 group", "Identical", or its conflicts in a few words.
 */
export function changeSummary(item: RestorePlanItem, names: Pick<PlanNames, "target">): string {
  const assignments = assignmentWords(item.assignments);
  switch (item.action) {
    case "skip":
      return `Identical in ${names.target}`;
    case "create":
      return [`New in ${names.target}`, assignments].filter((part) => part !== "").join(" · ");
    case "update": {
      const fields = item.changed_fields.length === 0 ? "" : `Changes ${fieldsWords(item.changed_fields)}`;
      const parts = [fields, assignments].filter((part) => part !== "");
      return parts.length === 0 ? "Changes its settings" : parts.join(" · ");
    }
    case "delete":
      return `Deletes it from ${names.target} · created by the undone restore`;
    case "conflict":
      return item.conflicts.map((conflict) => conflictShort(conflict, names)).join("; ");
  }
}

/** What the restore would do to the object, in a sentence for its drawer. */
export function actionSentence(item: RestorePlanItem, names: Pick<PlanNames, "target">): string {
  switch (item.action) {
    case "create":
      return `It is not in ${names.target}: restoring would create it.`;
    case "update":
      return `It is in ${names.target} with other settings: restoring would overwrite them with this version's.`;
    case "skip":
      return `It is identical in ${names.target}: restoring would write nothing.`;
    case "delete":
      return `The restore being undone created it in ${names.target}, and nobody has changed it since: undoing would delete it, keeping it as a version first so that this can be undone too.`;
    case "conflict":
      return item.conflicts.length === 1
        ? "It cannot be restored as it is, for the reason below."
        : `It cannot be restored as it is, for the ${item.conflicts.length} reasons below.`;
  }
}

/** Where a source group's assignments would go, in words: a group, skipped, or nowhere yet. */
export function targetWords(choice: GroupChoice): string {
  switch (choice.target.kind) {
    case "mapped":
      return choice.target.display_name;
    case "skip":
      return "Skipped";
    case "unresolved":
      return "No target group";
  }
}

/** Whether the plan maps a group automatically onto the same group (the same tenant), not just the same name. */
export function isSameGroup(choice: GroupChoice): boolean {
  return choice.target.kind === "mapped" && choice.target.group_id === choice.source_group_id;
}

/** Whether the restore goes onto another tenant than the one its versions come from. */
export function isPromote(restore: Pick<Restore, "tenant_id" | "source_tenant_id">): boolean {
  return restore.tenant_id !== restore.source_tenant_id;
}

/** "2 subjects", "every subject": what a baseline source restores (all of its subjects when it names none). */
export function subjectsWords(count: number): string {
  return count === 0 ? "every subject" : plural(count, "subject", "subjects");
}

/** A UUID's first group: enough of a restore's id to name it in words ("restore 3f2a9c1e"). */
const UUID_HEAD = /^([0-9a-f]{8})-[0-9a-f]{4}-/i;

/** A restore's id, shortened to its first eight characters to name it in words (an id that is no UUID whole). */
export function shortRestoreId(id: RestoreId): string {
  return UUID_HEAD.exec(id)?.[1] ?? id;
}

/**
 * What a restore restores, in a few words: "A backup set", "3 chosen versions", "Undo of restore
 * 3f2a9c1e", "Baseline content (2 subjects)".
 */
export function sourceShort(restore: Pick<Restore, "source">): string {
  const { source } = restore;
  switch (source.kind) {
    case "backup_set":
      return "A backup set";
    case "versions":
      return plural(source.version_ids.length, "chosen version", "chosen versions");
    case "undo":
      return `Undo of restore ${shortRestoreId(source.restore_id)}`;
    case "baseline":
      return `Baseline content (${subjectsWords(source.subject_keys.length)})`;
  }
}

/** The number of changes a plan writes (its creates, updates and deletes): what executing it confirms. */
export function changesOf(counts: PlanCounts): number {
  return counts.create + counts.update + counts.delete;
}

/**
 * The groups without a target that keep an object from being written (as the backend's
 * `execute_restore` refuses them): unresolved groups some item's conflict names. Their names, or
 * ids when unnamed.
 */
export function blockingGroups(plan: Pick<RestorePlan, "items" | "groups">): string[] {
  const blocking = new Set<string>();
  for (const item of plan.items) {
    for (const conflict of item.conflicts) {
      if (conflict.kind === "unresolved_groups") for (const id of conflict.group_ids) blocking.add(id);
    }
  }
  return plan.groups
    .filter((choice) => choice.target.kind === "unresolved" && blocking.has(choice.source_group_id))
    .map((choice) => choice.source_name ?? choice.source_group_id);
}

/** "3 policies", "1 policy": the objects a restore writes are called policies in its sentences. */
function policies(value: number): string {
  return plural(value, "policy", "policies");
}

/**
 * What executing a plan does, in the confirmation's words: "Writes 12 changes to Contoso: creates
 * 3 policies, updates 9." — the creates, updates or deletes it has none of are left out. Deletes
 * (undoing a restore) are always named in full: "…, deletes 1 policy the undone restore had
 * created." `withSecrets` objects the operator typed secret values for are written too: "…,
 * writes 2 policies with the secret values you typed." A plan only secret values make write
 * anything says it needs them.
 */
export function executeSentence(counts: PlanCounts, target: string, withSecrets = 0): string {
  const parts = [
    counts.create > 0 ? `creates ${policies(counts.create)}` : null,
    counts.update > 0
      ? `updates ${counts.create > 0 && counts.update > 1 ? counts.update.toLocaleString() : policies(counts.update)}`
      : null,
    counts.delete > 0 ? `deletes ${policies(counts.delete)} the undone restore had created` : null,
    withSecrets > 0 ? `writes ${policies(withSecrets)} with the secret values you typed` : null,
  ].filter((part): part is string => part !== null);
  if (parts.length === 0) return `Writes nothing to ${target} until secret values are typed below.`;
  const changes = changesOf(counts) + withSecrets;
  return `Writes ${plural(changes, "change", "changes")} to ${target}: ${parts.join(", ")}.`;
}

/**
 * Whether, and how, executing a plan can be undone, for its confirmation: a pre-image is kept
 * before each update and delete (undoing puts those back), and undoing deletes the policies it
 * creates unless someone changed them since. A plan only typed secret values make write something
 * may do either.
 */
export function undoNote(counts: PlanCounts): string {
  const kept = [counts.update > 0 ? "update" : null, counts.delete > 0 ? "delete" : null].filter(
    (part): part is string => part !== null,
  );
  const deletesCreated = "deletes the policies it creates, unless someone changed them since";
  if (kept.length === 0 && counts.create > 0) return `This restore can be undone: undoing ${deletesCreated}.`;
  const keeps = `Before each ${kept.length === 0 ? "update" : kept.join(" and ")} the policy as it is now is kept, so this restore can be undone`;
  return counts.create > 0 || kept.length === 0
    ? `${keeps}: undoing puts those back and ${deletesCreated}.`
    : `${keeps}.`;
}

/**
 * What executing leaves alone: "4 objects with conflicts and 50 identical ones are left alone.";
 * empty when every object of the plan is written.
 */
export function leftAloneSentence(counts: PlanCounts): string {
  const parts = [
    counts.conflict > 0 ? `${plural(counts.conflict, "object with conflicts", "objects with conflicts")}` : null,
    counts.skip > 0
      ? counts.conflict > 0
        ? `${counts.skip.toLocaleString()} identical ${counts.skip === 1 ? "one" : "ones"}`
        : plural(counts.skip, "identical object", "identical objects")
      : null,
  ].filter((part): part is string => part !== null);
  if (parts.length === 0) return "";
  const total = counts.conflict + counts.skip;
  return `${parts.join(" and ")} ${total === 1 ? "is" : "are"} left alone.`;
}

/** What executing did to one object, in the order the results list them: failures first. */
export const OUTCOMES: readonly ItemOutcomeKind[] = ["failed", "created", "updated", "deleted", "skipped"];

/**
 * The outcomes a restore's results count and filter by: every one but deleted, which only an
 * undo has — offered when something was deleted.
 */
export function shownOutcomes(counts: Record<ItemOutcomeKind, number>): ItemOutcomeKind[] {
  return OUTCOMES.filter((outcome) => outcome !== "deleted" || counts.deleted > 0);
}

/** An object's outcome: created green, updated blue, deleted red, left alone grey, failed red. */
export function outcomeLook(outcome: ItemOutcomeKind): Look {
  switch (outcome) {
    case "created":
      return { label: "Created", color: "green" };
    case "updated":
      return { label: "Updated", color: "blue" };
    case "deleted":
      return { label: "Deleted", color: "red" };
    case "skipped":
      return { label: "Left alone", color: "gray" };
    case "failed":
      return { label: "Failed", color: "red" };
  }
}

/** How many objects had each outcome. */
export function outcomeCounts(
  outcomes: readonly Pick<RestoreItemOutcome, "outcome">[],
): Record<ItemOutcomeKind, number> {
  const counts: Record<ItemOutcomeKind, number> = { created: 0, updated: 0, deleted: 0, skipped: 0, failed: 0 };
  for (const { outcome } of outcomes) counts[outcome] += 1;
  return counts;
}

/**
 * The outcomes in the order the results show them: failures first, then created, updated,
 * deleted and left alone, each by type label and name.
 */
export function sortedOutcomes(
  outcomes: readonly RestoreItemOutcome[],
  typeLabel: (key: string) => string,
): RestoreItemOutcome[] {
  const rank = (outcome: ItemOutcomeKind) => OUTCOMES.indexOf(outcome);
  return [...outcomes].sort(
    (a, b) =>
      rank(a.outcome) - rank(b.outcome) ||
      typeLabel(a.object_type).localeCompare(typeLabel(b.object_type)) ||
      a.display_name.localeCompare(b.display_name),
  );
}

/**
 * Whether undoing the restore has anything to do (as the backend's `preview_undo` decides):
 * something it overwrote or deleted was kept first, or it created something.
 */
export function canUndo(outcomes: readonly RestoreItemOutcome[] | null): boolean {
  return (outcomes ?? []).some((outcome) => outcome.pre_image_version_id !== null || outcome.outcome === "created");
}

/**
 * What undoing would do, honestly: it puts back the policies the restore overwrote as they were
 * before it, creates again those it deleted (undoing an undo), and deletes those it created —
 * only while nobody has changed them since.
 */
export function undoSentence(outcomes: readonly RestoreItemOutcome[], target: string): string {
  const kept = outcomes.filter((outcome) => outcome.pre_image_version_id !== null);
  const overwritten = kept.filter((outcome) => outcome.outcome !== "deleted").length;
  const deleted = kept.length - overwritten;
  const created = outcomes.filter((outcome) => outcome.outcome === "created").length;
  const parts = [
    overwritten > 0
      ? `putting back the ${policies(overwritten)} this restore overwrote in ${target} as ${overwritten === 1 ? "it was" : "they were"} before it`
      : null,
    deleted > 0
      ? `creating again the ${policies(deleted)} it deleted${overwritten === 0 ? ` in ${target}` : ""}`
      : null,
    created > 0
      ? `deleting the ${policies(created)} it created${overwritten + deleted === 0 ? ` in ${target}` : ""}`
      : null,
  ].filter((part): part is string => part !== null);
  const last = parts.pop() ?? "";
  const what = parts.length === 0 ? last : `${parts.join(", ")}, and ${last}`;
  if (created === 0) return `Previews ${what}.`;
  const unlessChanged =
    created === 1
      ? "If someone has changed it since, it is not deleted."
      : "A policy it created that someone has changed since is not deleted.";
  return `Previews ${what}. ${unlessChanged}`;
}
