import { Button, type ButtonProps, Tooltip, VisuallyHidden } from "@mantine/core";
import { IconRestore } from "@tabler/icons-react";
import { useId } from "react";
import type { Remediation } from "./remediation";

type RemediateButtonProps = {
  remediation: Remediation;
  label: string;
  size?: ButtonProps["size"];
  onClick: () => void;
  testId: string;
};

/**
 * "Remediate…": opens the confirmation when the findings can be remediated. Otherwise it looks
 * disabled but stays focusable, so the reason reaches keyboard users too: in a tooltip on hover
 * and focus, and as the button's description.
 */
export function RemediateButton({ remediation, label, size = "xs", onClick, testId }: RemediateButtonProps) {
  const whyId = useId();
  const icon = <IconRestore size={14} aria-hidden />;
  if (remediation.ok) {
    return (
      <Button size={size} variant="light" leftSection={icon} onClick={onClick} data-testid={testId}>
        {label}
      </Button>
    );
  }
  return (
    <>
      <Tooltip label={remediation.why} multiline w={320} withArrow events={{ hover: true, focus: true, touch: true }}>
        <Button
          size={size}
          variant="light"
          leftSection={icon}
          data-disabled
          aria-disabled
          aria-describedby={whyId}
          onClick={(event) => event.preventDefault()}
          data-testid={testId}
          data-why={remediation.why}
        >
          {label}
        </Button>
      </Tooltip>
      <VisuallyHidden id={whyId}>{remediation.why}</VisuallyHidden>
    </>
  );
}
