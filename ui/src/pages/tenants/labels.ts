import type { CredentialKind } from "../../bindings/types";

// Not a status domain (no tone, no icon), so it is not in the generated vocabulary.
export function credentialKindLabel(kind: CredentialKind): string {
  switch (kind) {
    case "client_secret":
      return "Client secret";
    case "certificate":
      return "Certificate";
  }
}

/** Wording of the generated `Tenant.simulated` doc comment, shown wherever the flag is. */
export const SIMULATED_EXPLANATION = "Served by the built-in simulated Microsoft cloud, not by Microsoft.";
