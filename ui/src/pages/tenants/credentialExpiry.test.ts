import { describe, expect, it } from "vitest";
import type { CredentialExpiry } from "../../bindings/types";
import {
  expiryDate,
  expiryNextStep,
  expirySentence,
  expiryWarning,
  expiryWhen,
  warningHeadline,
} from "./credentialExpiry";

const now = new Date("2026-12-05T10:00:00.000Z");
const ends = (expires_at: string, source: CredentialExpiry["source"] = "app_registration"): CredentialExpiry => ({
  expires_at,
  source,
});

describe("credential expiry", () => {
  it("warns 30 days ahead and once ended, as the backend does", () => {
    expect(expiryWarning(ends("2027-03-01T23:59:59.000Z"), now)).toBeNull();
    expect(expiryWarning(ends("2027-01-04T10:00:00.000Z"), now)).toEqual({ state: "expires_soon", days: 30 });
    expect(expiryWarning(ends("2026-12-05T10:00:01.000Z"), now)).toEqual({ state: "expires_soon", days: 1 });
    expect(expiryWarning(ends("2026-12-05T10:00:00.000Z"), now)).toEqual({ state: "expired" });
  });

  it("says when and how the end is known, in one sentence", () => {
    expect(expiryDate("2027-03-01T23:59:59.000Z")).toBe("2027-03-01");
    expect(expirySentence("client_secret", ends("2027-03-01T23:59:59.000Z"), now)).toBe(
      "Client secret ends 2027-03-01 (in 87 days) — from the app registration",
    );
    expect(expirySentence("certificate", ends("2026-11-14T08:00:00.000Z", "certificate"), now)).toBe(
      "Certificate ended 2026-11-14 (21 days ago) — read from the certificate",
    );
    expect(expiryWhen(ends("2026-12-05T09:00:00.000Z", "entered"), now)).toBe("2026-12-05 (today)");
    expect(expiryWhen(ends("2026-12-06T09:00:00.000Z", "entered"), now)).toBe("2026-12-06 (in 1 day)");
  });

  it("names the warning and the next step for each kind of credential", () => {
    expect(warningHeadline("client_secret", { state: "expires_soon", days: 12 })).toBe("Client secret ends in 12 days");
    expect(warningHeadline("certificate", { state: "expired" })).toBe("Certificate has ended");
    expect(expiryNextStep("client_secret")).toMatch(/^Create a new client secret .+ enter its end date\.$/);
    expect(expiryNextStep("certificate")).toMatch(/^Create a new certificate, upload it/);
  });
});
