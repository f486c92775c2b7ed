import { Button, FileButton, Group, PasswordInput, SegmentedControl, Stack, Text, Textarea } from "@mantine/core";
import { DateInput } from "@mantine/dates";
import { IconCalendar, IconFileUpload } from "@tabler/icons-react";
import { useState } from "react";
import type { CredentialKind } from "../../bindings/types";
import classes from "./CredentialFields.module.css";
import { type CredentialDraft, type FieldErrors, latestSecretEnd, today } from "./tenantForm";

type CredentialFieldsProps = {
  value: CredentialDraft;
  onChange: (value: CredentialDraft) => void;
  errors: FieldErrors;
  disabled?: boolean;
  /** The kind is the connection's and cannot be changed here: no choice between the two is offered. */
  fixedKind?: boolean;
  /** Whether a secret's end date is asked for: not where the entry only reaches a keyring and records nothing. */
  withEndDate?: boolean;
};

/**
 * Client secret or certificate. The secret is a password field; the private key is masked the
 * same way (it is multi-line, so it cannot be a password input). Neither is ever shown back. A
 * secret may carry its end date, so TenantAtlas warns before it ends; a certificate needs none:
 * its end is read from the certificate.
 */
export function CredentialFields({
  value,
  onChange,
  errors,
  disabled = false,
  fixedKind = false,
  withEndDate = true,
}: CredentialFieldsProps) {
  const set = (patch: Partial<CredentialDraft>) => onChange({ ...value, ...patch });
  return (
    <Stack gap="sm">
      {!fixedKind && (
        <Stack gap={4}>
          <Text size="sm" fw={500} id="credential-kind-label">
            Credential
          </Text>
          <SegmentedControl
            aria-labelledby="credential-kind-label"
            value={value.kind}
            onChange={(kind) => set({ kind: kind as CredentialKind })}
            data={[
              { value: "client_secret", label: "Client secret" },
              { value: "certificate", label: "Certificate" },
            ]}
            disabled={disabled}
            fullWidth
          />
        </Stack>
      )}
      {value.kind === "client_secret" ? (
        <>
          <PasswordInput
            label="Client secret value"
            description="Stored in the system keyring only; TenantAtlas never shows it again."
            value={value.secret}
            onChange={(event) => set({ secret: event.currentTarget.value })}
            error={errors.secret}
            autoComplete="off"
            spellCheck={false}
            disabled={disabled}
            withAsterisk
            data-field="secret"
          />
          {withEndDate && (
            <DateInput
              label="Secret ends on"
              description="Optional: the “Expires” date the app registration shows under Certificates & secrets. TenantAtlas warns 30 days ahead; with Application.Read.All granted, a verify reads it from the registration instead."
              placeholder="YYYY-MM-DD"
              valueFormat="YYYY-MM-DD"
              value={value.secretEndsOn}
              onChange={(secretEndsOn) => set({ secretEndsOn })}
              minDate={today()}
              maxDate={latestSecretEnd()}
              error={errors.secretEndsOn}
              leftSection={<IconCalendar size={16} aria-hidden />}
              clearable
              disabled={disabled}
              data-field="secretEndsOn"
              data-testid="secret-ends-on"
            />
          )}
        </>
      ) : (
        <>
          <PemField
            label="Certificate (PEM)"
            description="The public certificate uploaded to the app registration. Its end date is read from it: TenantAtlas warns 30 days ahead."
            value={value.certificatePem}
            onChange={(certificatePem) => set({ certificatePem })}
            error={errors.certificatePem}
            disabled={disabled}
            field="certificatePem"
            placeholder="-----BEGIN CERTIFICATE-----"
          />
          <PemField
            label="Private key (PEM)"
            description="Stored in the system keyring only; it is masked here and never shown again."
            value={value.privateKeyPem}
            onChange={(privateKeyPem) => set({ privateKeyPem })}
            error={errors.privateKeyPem}
            disabled={disabled}
            field="privateKeyPem"
            placeholder="-----BEGIN PRIVATE KEY-----"
            masked
          />
        </>
      )}
    </Stack>
  );
}

type PemFieldProps = {
  label: string;
  description: string;
  value: string;
  onChange: (value: string) => void;
  error: string | undefined;
  disabled: boolean;
  field: string;
  placeholder: string;
  masked?: boolean;
};

function PemField({
  label,
  description,
  value,
  onChange,
  error,
  disabled,
  field,
  placeholder,
  masked = false,
}: PemFieldProps) {
  const [fileError, setFileError] = useState<string | null>(null);
  const load = (file: File | null) => {
    if (file === null) return;
    setFileError(null);
    file.text().then(onChange, () => setFileError(`${file.name} could not be read.`));
  };
  return (
    <Stack gap={4}>
      <Textarea
        label={label}
        description={description}
        value={value}
        onChange={(event) => onChange(event.currentTarget.value)}
        error={error ?? fileError}
        placeholder={placeholder}
        autosize
        minRows={3}
        maxRows={6}
        autoComplete="off"
        spellCheck={false}
        disabled={disabled}
        withAsterisk
        classNames={masked ? { input: classes.masked } : undefined}
        styles={{
          input: { fontFamily: "var(--mantine-font-family-monospace)", fontSize: "var(--mantine-font-size-xs)" },
        }}
        data-field={field}
      />
      <Group gap="xs">
        <FileButton onChange={load} accept=".pem,.crt,.cer,.key,.txt,application/x-pem-file">
          {(props) => (
            <Button
              {...props}
              size="xs"
              variant="default"
              leftSection={<IconFileUpload size={14} aria-hidden />}
              disabled={disabled}
            >
              Load from file…
            </Button>
          )}
        </FileButton>
        {value !== "" && (
          <Text size="xs" c="dimmed">
            {value.length.toLocaleString()} characters
          </Text>
        )}
      </Group>
    </Stack>
  );
}
