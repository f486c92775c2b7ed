import type { CredentialInput, CredentialKind } from "../../bindings/types";
import { dayjs } from "../../components/dates";

/** What the credential fields hold while the operator types. Lives only in the form's state. */
export type CredentialDraft = {
  kind: CredentialKind;
  secret: string;
  /** When the secret ends ("2027-03-01"), as the app registration shows it; optional. */
  secretEndsOn: string | null;
  certificatePem: string;
  privateKeyPem: string;
};

export const emptyCredential: CredentialDraft = {
  kind: "client_secret",
  secret: "",
  secretEndsOn: null,
  certificatePem: "",
  privateKeyPem: "",
};

export type AddTenantDraft = {
  displayName: string;
  directory: string;
  clientId: string;
  credential: CredentialDraft;
};

export type FieldErrors = Partial<
  Record<
    "displayName" | "directory" | "clientId" | "secret" | "secretEndsOn" | "certificatePem" | "privateKeyPem",
    string
  >
>;

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const MAX_NAME = 120;

export function validateDisplayName(value: string): string | undefined {
  const name = value.trim();
  if (name === "") return "Enter a name for the tenant.";
  if (name.length > MAX_NAME) return `At most ${MAX_NAME} characters (${name.length} now).`;
  return undefined;
}

export function validateClientId(value: string): string | undefined {
  const id = value.trim();
  if (id === "") return "Enter the application (client) id of the app registration.";
  if (!GUID.test(id)) return "The application (client) id is a GUID such as 00000000-0000-0000-0000-000000000000.";
  return undefined;
}

/** Today as the date fields write it ("2026-11-22"), in the operator's zone. */
export function today(): string {
  return dayjs().format("YYYY-MM-DD");
}

/** The latest end date a secret can have: Entra allows at most a few years; ten are refused. */
export function latestSecretEnd(): string {
  return dayjs().add(10, "year").format("YYYY-MM-DD");
}

/** Only that what is needed is there; whether it works is for the backend to say. */
export function validateCredential(credential: CredentialDraft, now: string = today()): FieldErrors {
  if (credential.kind === "client_secret") {
    const errors: FieldErrors = {};
    if (credential.secret.trim() === "") errors.secret = "Paste the client secret's value (not its id).";
    if (credential.secretEndsOn !== null && credential.secretEndsOn < now) {
      errors.secretEndsOn =
        "That date has passed: a secret that has ended no longer signs in. Create a new secret and enter its end date.";
    }
    return errors;
  }
  const errors: FieldErrors = {};
  if (credential.certificatePem.trim() === "") errors.certificatePem = "Paste or load the certificate (PEM).";
  if (credential.privateKeyPem.trim() === "")
    errors.privateKeyPem = "Paste or load the certificate's private key (PEM).";
  return errors;
}

export function validateAddTenant(draft: AddTenantDraft): FieldErrors {
  const errors: FieldErrors = { ...validateCredential(draft.credential) };
  const name = validateDisplayName(draft.displayName);
  if (name !== undefined) errors.displayName = name;
  if (draft.directory.trim() === "") {
    errors.directory = "Enter the directory (tenant) id or a verified domain such as contoso.onmicrosoft.com.";
  }
  const clientId = validateClientId(draft.clientId);
  if (clientId !== undefined) errors.clientId = clientId;
  return errors;
}

/**
 * What the backend is sent. A secret's end date is the end of that day, UTC, as Entra shows end
 * dates (and as the command line reads `--secret-expires`); a certificate's is read from itself.
 */
export function credentialInput(credential: CredentialDraft): CredentialInput {
  if (credential.kind === "certificate") {
    return {
      kind: "certificate",
      certificate_pem: credential.certificatePem,
      private_key_pem: credential.privateKeyPem,
    };
  }
  const secret = credential.secret.trim();
  return credential.secretEndsOn === null
    ? { kind: "client_secret", secret }
    : { kind: "client_secret", secret, expires_at: `${credential.secretEndsOn}T23:59:59.000Z` };
}

/** The fields in the order they appear, to focus the first one that needs attention. */
export const FIELD_ORDER: (keyof FieldErrors)[] = [
  "displayName",
  "directory",
  "clientId",
  "secret",
  "secretEndsOn",
  "certificatePem",
  "privateKeyPem",
];
