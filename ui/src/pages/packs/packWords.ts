import type {
  ApiError,
  PackOptions,
  PackSummary,
  ReviewPack,
  Severity,
  SignatureState,
  Tone,
} from "../../bindings/types";
import { dayjs } from "../../components/dates";
import { fileNameStem } from "../../components/fileNames";

/** Most severe first, as the Findings page orders them. */
const SEVERITY_ORDER: readonly Severity[] = ["critical", "high", "medium", "low", "info"];

/**
 * The name a pack is saved as by default: "Contoso Pharma review pack 2026-11-22.zip", dated
 * the local day it was generated, without characters a file system refuses.
 */
export function packFileName(tenantName: string, generatedAt: string | null): string {
  const day = generatedAt === null ? null : dayjs(generatedAt);
  const date = day?.isValid() ? ` ${day.format("YYYY-MM-DD")}` : "";
  return `${fileNameStem(tenantName)} review pack${date}.zip`;
}

/** "22 Nov 2026": a day in sentences about retention. */
export function dayLabel(at: string): string {
  const day = dayjs(at);
  return day.isValid() ? day.format("D MMM YYYY") : at;
}

/** What the pack does with people's names, in a sentence's words. */
export function namesWords(options: PackOptions): string {
  return options.include_pii ? "People's names included" : "People replaced by pseudonyms";
}

/** Whether the pack lists the tenant's operations of the last 30 days. */
export function operationsWords(options: PackOptions): string {
  return options.include_operations ? "Operations of the last 30 days included" : "Operations left out";
}

/** Both options in a table cell: "Names, operations", "Pseudonyms, no operations". */
export function optionsShort(options: PackOptions): string {
  return `${options.include_pii ? "Names" : "Pseudonyms"}, ${options.include_operations ? "operations" : "no operations"}`;
}

/** How many findings the pack lists as open, over every severity. */
export function openFindingsTotal(summary: Pick<PackSummary, "open_findings">): number {
  return SEVERITY_ORDER.reduce((sum, severity) => sum + (summary.open_findings[severity] ?? 0), 0);
}

/** "1 critical, 2 high, 3 medium", or that none was open. */
export function openFindingsWords(summary: Pick<PackSummary, "open_findings">): string {
  const parts = SEVERITY_ORDER.flatMap((severity) => {
    const count = summary.open_findings[severity] ?? 0;
    return count === 0 ? [] : [`${count.toLocaleString()} ${severity}`];
  });
  return parts.length === 0 ? "No open findings" : parts.join(", ");
}

/** How a pack's signature was judged, in words, with the tone it reads in. */
export type SignatureWords = { label: string; explanation: string; tone: Tone };

const SIGNATURES: Record<SignatureState, SignatureWords> = {
  trusted: {
    label: "Signed by this workspace",
    explanation: "The signature matches the manifest and was made with this workspace's signing key.",
    tone: "success",
  },
  valid_for_pack_key: {
    label: "Signed, key not known here",
    explanation:
      "The signature matches the manifest and the key the pack names. This workspace has no key to compare it with: compare the key's fingerprint with the one your MSP gave you.",
    tone: "info",
  },
  other_key: {
    label: "Signed with another key",
    explanation:
      "The signature was made with a key that is not this workspace's: the pack comes from elsewhere, or was signed again after it left.",
    tone: "warning",
  },
  invalid: {
    label: "Signature does not match",
    explanation: "The signature does not match the manifest: the pack was changed after it was signed.",
    tone: "danger",
  },
  unchecked: {
    label: "Signature not checked",
    explanation: "The signature or its key is missing or unreadable, so who made the pack cannot be told.",
    tone: "warning",
  },
};

export function signatureWords(state: SignatureState): SignatureWords {
  return SIGNATURES[state];
}

/** "11 files match the manifest". */
export function filesCheckedWords(count: number): string {
  if (count === 0) return "No file matches the manifest";
  return `${count.toLocaleString()} ${count === 1 ? "file matches" : "files match"} the manifest`;
}

/**
 * Where an expired pack's file is: deleted (and when), kept until `expires_at` plus the grace
 * period, or, without the settings, kept for the grace period.
 */
export function expiredFileWords(pack: ReviewPack, graceDays: number | null): string {
  if (pack.file_deleted_at !== null) return `Its file was deleted on ${dayLabel(pack.file_deleted_at)}.`;
  if (pack.expires_at !== null && graceDays !== null) {
    const until = dayjs(pack.expires_at).add(graceDays, "day").toISOString();
    return `Its file is kept until ${dayLabel(until)}, then deleted.`;
  }
  return "Its file is kept for the workspace's grace period, then deleted.";
}

/** The settings field an API refusal is about ("Retention must be …"), or null for the form. */
export function settingsErrorField(error: ApiError): "retention" | "grace" | "evidenceAge" | null {
  if (error.code !== "invalid_input") return null;
  if (error.message.startsWith("Retention")) return "retention";
  if (error.message.startsWith("The grace period")) return "grace";
  if (error.message.startsWith("The evidence age for reviews")) return "evidenceAge";
  return null;
}

/** "1 object of 1 type · 2 role assignments · 1 operation": what a pack holds, in counts. */
export function contentsWords(summary: PackSummary): string {
  const count = (n: number, one: string, many: string) => `${n.toLocaleString()} ${n === 1 ? one : many}`;
  const parts = [
    `${count(summary.inventory_items, "object", "objects")} of ${count(summary.policy_types, "type", "types")}`,
    count(summary.role_assignments, "privileged role assignment", "privileged role assignments"),
  ];
  if (summary.operations !== null) parts.push(count(summary.operations, "operation", "operations"));
  return parts.join(" · ");
}
