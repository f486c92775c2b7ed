import { Alert, Stack, Text } from "@mantine/core";
import { IconFingerprint } from "@tabler/icons-react";
import type { Finding } from "../../bindings/types";
import { DiffTable } from "../object/DiffTable";

/** What a compare of this kind found, in one sentence. */
function kindSentence(finding: Finding): string {
  switch (finding.kind) {
    case "missing":
      return "This policy is in the baseline but not in the tenant.";
    case "unexpected":
      return "This policy is in the tenant but not in the baseline.";
    case "drifted":
      return "This policy is in both, configured differently.";
  }
}

/**
 * The finding's evidence: the settings that differ side by side (baseline, tenant), the
 * baseline's settings for a missing policy, the tenant's for an unexpected one — or, for a
 * metadata baseline, why no settings are shown.
 */
export function FindingEvidence({ finding }: { finding: Finding }) {
  const { rows, reference_only: referenceOnly } = finding.evidence;
  return (
    <Stack gap="sm" data-testid="finding-evidence" data-kind={finding.kind}>
      <Text size="sm" data-testid="finding-kind-sentence">
        {kindSentence(finding)}
      </Text>
      {referenceOnly ? (
        <Alert
          color="blue"
          variant="light"
          icon={<IconFingerprint aria-hidden />}
          title="Settings not recorded"
          data-testid="evidence-reference-only"
        >
          {finding.kind === "drifted"
            ? "This baseline was captured in metadata mode: the configuration differs, but which settings is not recorded. Capture in full-content mode to see setting-level evidence."
            : "This baseline was captured in metadata mode, so the policy's settings are not recorded. Capture in full-content mode to see setting-level evidence."}
        </Alert>
      ) : rows.length === 0 ? (
        <Text size="sm" c="dimmed" data-testid="evidence-empty">
          The policy holds no configured settings.
        </Text>
      ) : finding.kind === "missing" ? (
        <DiffTable
          rows={rows}
          beforeLabel="Baseline"
          afterLabel="Tenant"
          aria-label="Baseline settings"
          only="before"
        />
      ) : finding.kind === "unexpected" ? (
        <DiffTable rows={rows} beforeLabel="Baseline" afterLabel="Tenant" aria-label="Tenant settings" only="after" />
      ) : (
        <DiffTable rows={rows} beforeLabel="Baseline" afterLabel="Tenant" aria-label="Settings that differ" />
      )}
    </Stack>
  );
}
