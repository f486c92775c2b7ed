import { useMemo } from "react";
import { useObjectTypes } from "../../api";
import type { ObjectTypeInfo } from "../../bindings/types";
import { categoryLabel } from "../tenant/inventory/inventoryView";

/** Directory objects (groups, roles) are not policies: baselines never cover them. */
const NOT_POLICIES = "directory";

export type PolicyTypes = {
  /** The catalog's policy types, grouped by category, for pickers. */
  options: { group: string; items: { value: string; label: string }[] }[];
  /** A type's label; a key the catalog does not know is shown as it is. */
  label: (key: string) => string;
  /** Whether the catalog has loaded (labels fall back to keys until then). */
  ready: boolean;
};

export function policyTypeOptions(types: ObjectTypeInfo[]): PolicyTypes["options"] {
  const policies = types.filter((type) => type.category !== NOT_POLICIES);
  const categories = [...new Set(policies.map((type) => type.category))];
  return categories.map((category) => ({
    group: categoryLabel(category),
    items: policies
      .filter((type) => type.category === category)
      .map((type) => ({ value: type.key, label: type.label })),
  }));
}

/** The object catalog as baselines and findings use it: policy types and their labels. */
export function usePolicyTypes(): PolicyTypes {
  const types = useObjectTypes();
  return useMemo(() => {
    const list = types.data ?? [];
    const labels = new Map(list.map((type) => [type.key, type.label]));
    return {
      options: policyTypeOptions(list),
      label: (key: string) => labels.get(key) ?? key,
      ready: types.data !== undefined,
    };
  }, [types.data]);
}
