import type { CredentialExpiry, CredentialKind, ExpirySource, ExpiryWarning, Timestamp } from "../../bindings/types";
import { credentialKindLabel } from "./labels";

/** How many days ahead a credential's end is warned about (the backend's `CREDENTIAL_WARNING_DAYS`). */
export const CREDENTIAL_WARNING_DAYS = 30;

const DAY_MS = 86_400_000;

/**
 * What an operator should know about a credential's end now, by the backend's rule: ended, or
 * ending within 30 days (days rounded up, so the last day is "1 day"); null when it is further off.
 */
export function expiryWarning(expiry: CredentialExpiry, now: Date): ExpiryWarning | null {
  const left = Date.parse(expiry.expires_at) - now.getTime();
  if (left <= 0) return { state: "expired" };
  const days = Math.ceil(left / DAY_MS);
  return days <= CREDENTIAL_WARNING_DAYS ? { state: "expires_soon", days } : null;
}

/** The end date as the app registration shows it: "2027-03-01" (UTC). */
export function expiryDate(at: Timestamp): string {
  return new Date(at).toISOString().slice(0, 10);
}

/** Where the end date is known from, as the end of a sentence. */
export function expirySourceWords(source: ExpirySource): string {
  switch (source) {
    case "certificate":
      return "read from the certificate";
    case "app_registration":
      return "from the app registration";
    case "entered":
      return "as entered with the secret";
  }
}

function days(count: number): string {
  return `${count.toLocaleString()} ${count === 1 ? "day" : "days"}`;
}

/** "2027-03-01 (in 86 days)", "2026-11-01 (21 days ago)", "2026-11-22 (today)". */
export function expiryWhen(expiry: CredentialExpiry, now: Date): string {
  const date = expiryDate(expiry.expires_at);
  const left = Date.parse(expiry.expires_at) - now.getTime();
  if (left > 0) return `${date} (in ${days(Math.ceil(left / DAY_MS))})`;
  const ago = Math.floor(-left / DAY_MS);
  return `${date} (${ago === 0 ? "today" : `${days(ago)} ago`})`;
}

/**
 * The credential's end in one sentence: "Client secret ends 2027-03-01 (in 86 days) — from the
 * app registration"; "Certificate ended 2026-11-01 (21 days ago) — read from the certificate".
 */
export function expirySentence(kind: CredentialKind, expiry: CredentialExpiry, now: Date): string {
  const ended = Date.parse(expiry.expires_at) <= now.getTime();
  return `${credentialKindLabel(kind)} ${ended ? "ended" : "ends"} ${expiryWhen(expiry, now)} — ${expirySourceWords(expiry.source)}`;
}

/** A warning as a headline: "Client secret ends in 12 days", "Certificate has ended". */
export function warningHeadline(kind: CredentialKind, warning: ExpiryWarning): string {
  const label = credentialKindLabel(kind);
  return warning.state === "expired" ? `${label} has ended` : `${label} ends in ${days(warning.days)}`;
}

/** What to do about a credential that ends soon or has ended: a new one, then the tenant's connection. */
export function expiryNextStep(kind: CredentialKind): string {
  return kind === "client_secret"
    ? "Create a new client secret in the app registration (Certificates & secrets), then update this tenant's connection with it — Edit › Replace the credential — and enter its end date."
    : "Create a new certificate, upload it to the app registration (Certificates & secrets), then update this tenant's connection with it and its private key — Edit › Replace the credential.";
}
