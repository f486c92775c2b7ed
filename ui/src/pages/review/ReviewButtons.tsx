import { Button, type ButtonProps } from "@mantine/core";
import { IconCameraCheck, IconFileText } from "@tabler/icons-react";
import type { ReviewStarts } from "./useReviewStarts";

type StartButtonProps = {
  starts: ReviewStarts;
  size?: "xs" | "sm";
  variant?: ButtonProps["variant"];
  disabled?: boolean;
};

/** Starts an evidence snapshot of the tenant, with its intent toast. */
export function GenerateEvidenceButton({ starts, size = "xs", variant, disabled = false }: StartButtonProps) {
  return (
    <Button
      size={size}
      variant={variant}
      leftSection={<IconCameraCheck size={size === "xs" ? 14 : 16} aria-hidden />}
      onClick={starts.generate}
      loading={starts.generating}
      disabled={disabled}
      data-testid="generate-evidence"
    >
      Generate evidence snapshot
    </Button>
  );
}

/** Composes a review of the tenant from its newest complete evidence, with its intent toast. */
export function ComposeReviewButton({ starts, size = "xs", variant, disabled = false }: StartButtonProps) {
  return (
    <Button
      size={size}
      variant={variant}
      leftSection={<IconFileText size={size === "xs" ? 14 : 16} aria-hidden />}
      onClick={starts.compose}
      loading={starts.composing}
      disabled={disabled}
      data-testid="compose-review"
    >
      Compose review
    </Button>
  );
}
