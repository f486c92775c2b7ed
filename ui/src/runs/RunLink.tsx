import { Anchor } from "@mantine/core";
import { Link } from "react-router";
import type { RunId } from "../bindings/types";

/** "View run": the one way from a toast or a summary to the run record. */
export function RunLink({ runId, label = "View run" }: { runId: RunId; label?: string }) {
  return (
    <Anchor component={Link} to={`/runs/${runId}`} size="sm" fw={500} data-testid="view-run">
      {label}
    </Anchor>
  );
}
