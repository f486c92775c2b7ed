import { Anchor } from "@mantine/core";
import { Link } from "react-router";
import type { RunId } from "../bindings/types";

type RunLinkProps = {
  runId: RunId;
  label?: string;
  /** -1 where the link sits in a table row that is not the keyboard's (see RowControlsTabbable). */
  tabIndex?: number;
};

/** "View run": the one way from a toast or a summary to the run record. */
export function RunLink({ runId, label = "View run", tabIndex }: RunLinkProps) {
  return (
    <Anchor component={Link} to={`/runs/${runId}`} size="sm" fw={500} tabIndex={tabIndex} data-testid="view-run">
      {label}
    </Anchor>
  );
}
