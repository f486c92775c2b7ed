import type { PrincipalType } from "../../bindings/types";

export function principalTypeLabel(type: PrincipalType | null): string {
  switch (type) {
    case "user":
      return "User";
    case "group":
      return "Group";
    case "servicePrincipal":
      return "Service principal";
    case null:
      return "Unknown kind";
  }
}

/** "/" is the whole directory; anything else names an administrative unit or an object. */
export function scopeLabel(scope: string): string {
  if (scope === "/" || scope === "") return "Whole directory";
  const unit = /^\/administrativeUnits\/(.+)$/.exec(scope);
  if (unit?.[1] !== undefined) return `Administrative unit ${unit[1]}`;
  return scope;
}
