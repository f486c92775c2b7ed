import { useSearchParams } from "react-router";
import type { PolicyVersionId, PolicyVersionSummary } from "../../bindings/types";
import { COMPARE_PARAM, readCompare } from "./objectLinks";

/**
 * The versions ticked for comparison, kept in the address (`compare`) so a link can open on a
 * pair and the pair survives going back. Without one, the two newest are ticked; ids the object
 * does not have are ignored. A third pick replaces the one picked longest ago.
 */
export function useVersionSelection(versions: readonly PolicyVersionSummary[]) {
  const [params, setParams] = useSearchParams();
  const known = new Set(versions.map((version) => version.id));
  const requested = readCompare(params);
  const selected = [...new Set(requested ?? versions.slice(0, 2).map((version) => version.id))]
    .filter((id) => known.has(id))
    .slice(-2);

  const toggle = (id: PolicyVersionId, on: boolean) => {
    const next = on ? [...selected.filter((v) => v !== id), id].slice(-2) : selected.filter((v) => v !== id);
    setParams(
      (current) => {
        const updated = new URLSearchParams(current);
        updated.set(COMPARE_PARAM, next.join(","));
        return updated;
      },
      { replace: true },
    );
  };
  return { selected, toggle };
}
