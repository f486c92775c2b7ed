import type { PolicyVersionSummary, Tenant } from "../../bindings/types";

/** How many objects of the type the picker lists at once; more ask for a narrower search. */
export const PICKER_LIMIT = 50;

/** The workspace's other tenants, by name: the ones an object can be compared with. */
export function otherTenants(tenants: readonly Tenant[], current: Tenant): Tenant[] {
  return tenants
    .filter((tenant) => tenant.id !== current.id)
    .sort((a, b) => a.display_name.localeCompare(b.display_name));
}

/** Whether two names are the same but for case and surrounding spaces: the likely counterpart. */
export function sameName(a: string, b: string): boolean {
  return a.trim().toLocaleLowerCase() === b.trim().toLocaleLowerCase();
}

/** `items` with those named like `name` first, otherwise in their order. */
export function sameNameFirst<T extends { display_name: string }>(items: readonly T[], name: string): T[] {
  return [
    ...items.filter((item) => sameName(item.display_name, name)),
    ...items.filter((item) => !sameName(item.display_name, name)),
  ];
}

/** "Contoso Pharma v3": one side of a comparison across tenants. */
export function sideLabel(tenant: Tenant, version: PolicyVersionSummary): string {
  return `${tenant.display_name} v${version.version_number}`;
}

/** Choices of a version select, newest first: "v3 · captured 22 Nov 2026". */
export function versionOptions(versions: readonly PolicyVersionSummary[]): { value: string; label: string }[] {
  const format = new Intl.DateTimeFormat(undefined, { dateStyle: "medium" });
  return versions.map((version) => ({
    value: version.id,
    label: `v${version.version_number} · captured ${format.format(new Date(version.captured_at))}`,
  }));
}
