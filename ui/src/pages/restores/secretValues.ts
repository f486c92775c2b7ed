import type { PolicyVersionId, RestorePlan, RestorePlanItem, SecretValueInput } from "../../bindings/types";

/** An object of a plan that typed secret values can make writable: its only conflict is its secret fields. */
export type SecretItem = { item: RestorePlanItem; fields: string[] };

/**
 * The plan's objects whose ONLY conflict is secret values never stored: typing a value for every
 * one of their fields at execution writes them (as the backend's `execute_restore` accepts them).
 */
export function secretItems(plan: Pick<RestorePlan, "items">): SecretItem[] {
  return plan.items.flatMap((item) => {
    const [only, ...others] = item.conflicts;
    return only?.kind === "secret_values" && others.length === 0 ? [{ item, fields: only.fields }] : [];
  });
}

/** Objects that need secret values but have other conflicts too: typing values does not write them. */
export function lockedSecretItems(plan: Pick<RestorePlan, "items">): number {
  return plan.items.filter(
    (item) => item.conflicts.length > 1 && item.conflicts.some((conflict) => conflict.kind === "secret_values"),
  ).length;
}

/** Values typed so far, by the object's version and the field's path. Lives only as long as the dialog. */
export type SecretDraft = Readonly<Record<PolicyVersionId, Readonly<Record<string, string>>>>;

/** The draft with one value changed. */
export function withValue(draft: SecretDraft, versionId: PolicyVersionId, field: string, value: string): SecretDraft {
  return { ...draft, [versionId]: { ...draft[versionId], [field]: value } };
}

/** The longest value the backend accepts, in bytes (certificates and keys are well below it). */
export const MAX_SECRET_BYTES = 64 * 1024;

/** Whether a value counts as given: the backend refuses blank ones. */
function given(value: string | undefined): value is string {
  return value !== undefined && value.trim() !== "";
}

/** Why a typed value would be refused, or null. */
export function valueError(value: string): string | null {
  return new TextEncoder().encode(value).length > MAX_SECRET_BYTES ? "At most 64 KB." : null;
}

/** How far an object's values are typed: none, some (refused: every field or none) or every one. */
export type Fill = "empty" | "partial" | "full";

export function fillOf({ item, fields }: SecretItem, draft: SecretDraft): Fill {
  const values = draft[item.source_version_id] ?? {};
  const count = fields.filter((field) => given(values[field])).length;
  return count === 0 ? "empty" : count === fields.length ? "full" : "partial";
}

/** How many objects the typed values make writable: those with every field given. */
export function unlockedCount(items: readonly SecretItem[], draft: SecretDraft): number {
  return items.filter((entry) => fillOf(entry, draft) === "full").length;
}

/** Whether some value cannot be sent as it is: an object half filled, or a value too long. */
export function draftBlocked(items: readonly SecretItem[], draft: SecretDraft): boolean {
  return items.some(
    (entry) =>
      fillOf(entry, draft) === "partial" ||
      entry.fields.some((field) => valueError(draft[entry.item.source_version_id]?.[field] ?? "") !== null),
  );
}

/** What the execute call sends: every field of the objects typed in full, nothing of the others. */
export function secretInputs(items: readonly SecretItem[], draft: SecretDraft): SecretValueInput[] {
  return items
    .filter((entry) => fillOf(entry, draft) === "full")
    .flatMap(({ item, fields }) =>
      fields.map((field) => ({
        source_version_id: item.source_version_id,
        field,
        value: draft[item.source_version_id]?.[field] ?? "",
      })),
    );
}

/**
 * A field's path in words, keeping what it says: array elements become rows counted from 1 and
 * nesting an arrow — `omaSettings[0].value` is "OMA-URI setting, row 1 › value",
 * `wifi.preSharedKey` "wifi › preSharedKey". Nothing is guessed beyond the path itself.
 */
export function fieldWords(path: string): string {
  const oma = /^omaSettings\[(\d+)\]\.(.+)$/.exec(path);
  if (oma !== null) return `OMA-URI setting, row ${Number(oma[1]) + 1} › ${nested(oma[2] ?? "")}`;
  return nested(path);
}

function nested(path: string): string {
  return path.replace(/\[(\d+)\]/g, (_, index: string) => `, row ${Number(index) + 1}`).replace(/\./g, " › ");
}
