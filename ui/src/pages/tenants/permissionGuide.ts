import type { Feature, FeatureRequirement } from "../../bindings/types";

/**
 * What an optional feature adds, and what still works without its permissions; features not
 * listed are needed for TenantAtlas's syncs. Reading the credential's end from the app
 * registration needs `Application.Read.All`, which reads every app registration of the directory:
 * some customers will not grant it, and a certificate's end (read from the certificate) and a
 * secret's end date entered with it still warn. Restore needs write permissions, which a customer
 * who wants TenantAtlas to only read does not grant: every sync works without them.
 */
const OPTIONAL: Partial<Record<Feature, string>> = {
  credential_expiry:
    "Optional: without it, a certificate's end is still read from the certificate, and a secret's from the end date entered with it.",
  restore:
    "Optional: without it, TenantAtlas only reads this tenant — a restore can still be previewed, but Microsoft Graph refuses its writes.",
};

/** Whether TenantAtlas's syncs work without the feature's permissions. */
export function isOptionalFeature(feature: Feature): boolean {
  return OPTIONAL[feature] !== undefined;
}

/** For an optional feature: that it is optional, and what still works without it. */
export function optionalFeatureNote(feature: Feature): string | null {
  return OPTIONAL[feature] ?? null;
}

/** Features that need exactly the same permissions, listed together with each one's purpose. */
export type PermissionGroup = {
  permissions: string[];
  features: Pick<FeatureRequirement, "feature" | "label" | "purpose">[];
};

/**
 * The guide's features grouped by the permissions they need, in the guide's order: inventory,
 * versions and baselines read the same configuration, so their five permissions are listed once.
 */
export function groupByPermissions(features: readonly FeatureRequirement[]): PermissionGroup[] {
  const groups: PermissionGroup[] = [];
  for (const { feature, label, purpose, permissions } of features) {
    const key = [...permissions].sort().join("\n");
    const group = groups.find((candidate) => [...candidate.permissions].sort().join("\n") === key);
    if (group === undefined) groups.push({ permissions: [...permissions], features: [{ feature, label, purpose }] });
    else group.features.push({ feature, label, purpose });
  }
  return groups;
}

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
/** A directory as the sign-in address takes it: a GUID or a domain name, nothing else. */
const DIRECTORY = /^[a-z0-9]([a-z0-9-]*[a-z0-9])?(\.[a-z0-9]([a-z0-9-]*[a-z0-9])?)+$/i;

/**
 * Where the customer's admin grants the app its permissions, from what was typed into the form:
 * null until the directory (a tenant id or a domain) and the client id look like what they are.
 */
export function adminConsentUrl(directory: string, clientId: string): string | null {
  const dir = directory.trim();
  const client = clientId.trim();
  if (!GUID.test(client) || !(GUID.test(dir) || DIRECTORY.test(dir))) return null;
  return `https://login.microsoftonline.com/${encodeURIComponent(dir)}/adminconsent?client_id=${encodeURIComponent(client)}`;
}
