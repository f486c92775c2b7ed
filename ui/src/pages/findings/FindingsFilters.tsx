import { Group, MultiSelect, TextInput } from "@mantine/core";
import { IconSearch } from "@tabler/icons-react";
import type { ReactNode } from "react";
import type { BaselineProfileView, Tenant } from "../../bindings/types";
import type { VocabularyDomain } from "../../bindings/vocabulary";
import { useDebouncedSearch } from "../../components/useDebouncedSearch";
import { present, type VocabularyCode } from "../../vocabulary";
import type { PolicyTypes } from "../baselines/policyTypes";
import { FINDING_KINDS, FINDING_STATUSES, SEVERITIES } from "./codes";
import type { FindingsView } from "./findingsView";

function options<D extends VocabularyDomain>(domain: D, codes: readonly VocabularyCode<D>[]) {
  return codes.map((code) => ({ value: code, label: present(domain, code).label }));
}

function pick<T extends string>(allowed: readonly T[], values: string[]): T[] {
  return values.filter((value): value is T => allowed.some((a) => a === value));
}

type FindingsFiltersProps = {
  view: FindingsView;
  onChange: (view: FindingsView) => void;
  types: PolicyTypes;
  /** The tenants to filter by; null on a tenant's own page, where the tenant is fixed. */
  tenants: Tenant[] | null;
  profiles: BaselineProfileView[];
  /** Shown after the filters: the saved filters. */
  children?: ReactNode;
};

/** Severity, kind, status, type, tenant, profile and a name search (applied once typing pauses). */
export function FindingsFilters({ view, onChange, types, tenants, profiles, children }: FindingsFiltersProps) {
  const [text, setText] = useDebouncedSearch(view, onChange);

  const tenantOptions = [...(tenants ?? [])]
    .sort((a, b) => a.display_name.localeCompare(b.display_name))
    .map((tenant) => ({ value: tenant.id, label: tenant.display_name }));
  const profileOptions = [...profiles]
    .sort((a, b) => a.profile.name.localeCompare(b.profile.name))
    .map(({ profile }) => ({ value: profile.id, label: profile.name }));

  return (
    <Group gap="sm" wrap="wrap" align="flex-end" data-testid="findings-filters">
      <TextInput
        w={220}
        placeholder="Policy name"
        aria-label="Search findings"
        leftSection={<IconSearch size={14} aria-hidden />}
        value={text}
        onChange={(event) => setText(event.currentTarget.value)}
        data-testid="findings-search"
      />
      <MultiSelect
        w={170}
        placeholder={view.severities.length === 0 ? "Any severity" : undefined}
        aria-label="Severity"
        data={options("severity", SEVERITIES)}
        value={view.severities}
        onChange={(values) => onChange({ ...view, severities: pick(SEVERITIES, values) })}
        clearable
        data-testid="findings-filter-severity"
      />
      <MultiSelect
        w={170}
        placeholder={view.kinds.length === 0 ? "Any kind" : undefined}
        aria-label="Kind"
        data={options("finding_kind", FINDING_KINDS)}
        value={view.kinds}
        onChange={(values) => onChange({ ...view, kinds: pick(FINDING_KINDS, values) })}
        clearable
        data-testid="findings-filter-kind"
      />
      <MultiSelect
        w={210}
        placeholder={view.statuses.length === 0 ? "Any status" : undefined}
        aria-label="Status"
        data={options("finding_status", FINDING_STATUSES)}
        value={view.statuses}
        onChange={(values) => onChange({ ...view, statuses: pick(FINDING_STATUSES, values) })}
        clearable
        data-testid="findings-filter-status"
      />
      <MultiSelect
        w={210}
        placeholder={view.types.length === 0 ? "All policy types" : undefined}
        aria-label="Policy type"
        data={types.options}
        value={view.types}
        onChange={(values) => onChange({ ...view, types: values })}
        clearable
        searchable
        nothingFoundMessage="No policy type with that name"
        data-testid="findings-filter-type"
      />
      {tenants !== null && (
        <MultiSelect
          w={200}
          placeholder={view.tenants.length === 0 ? "All tenants" : undefined}
          aria-label="Tenant"
          data={tenantOptions}
          value={view.tenants}
          onChange={(values) => onChange({ ...view, tenants: values })}
          clearable
          searchable
          nothingFoundMessage="No tenant with that name"
          data-testid="findings-filter-tenant"
        />
      )}
      {profileOptions.length > 0 && (
        <MultiSelect
          w={200}
          placeholder={view.profiles.length === 0 ? "All baselines" : undefined}
          aria-label="Baseline profile"
          data={profileOptions}
          value={view.profiles}
          onChange={(values) => onChange({ ...view, profiles: values })}
          clearable
          searchable
          nothingFoundMessage="No profile with that name"
          data-testid="findings-filter-profile"
        />
      )}
      {children}
    </Group>
  );
}
