import type { CredentialInput, CredentialKind } from "../../bindings/types";

/** What the credential fields hold while the operator types. Lives only in the form's state. */
export type CredentialDraft = {
  kind: CredentialKind;
  secret: string;
  certificatePem: string;
  privateKeyPem: string;
};

export const emptyCredential: CredentialDraft = {
  kind: "client_secret",
  secret: "",
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
  Record<"displayName" | "directory" | "clientId" | "secret" | "certificatePem" | "privateKeyPem", string>
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

/** Only that what is needed is there; whether it works is for the backend to say. */
export function validateCredential(credential: CredentialDraft): FieldErrors {
  if (credential.kind === "client_secret") {
    return credential.secret.trim() === "" ? { secret: "Paste the client secret's value (not its id)." } : {};
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

export function credentialInput(credential: CredentialDraft): CredentialInput {
  return credential.kind === "client_secret"
    ? { kind: "client_secret", secret: credential.secret.trim() }
    : { kind: "certificate", certificate_pem: credential.certificatePem, private_key_pem: credential.privateKeyPem };
}

/** The fields in the order they appear, to focus the first one that needs attention. */
export const FIELD_ORDER: (keyof FieldErrors)[] = [
  "displayName",
  "directory",
  "clientId",
  "secret",
  "certificatePem",
  "privateKeyPem",
];
