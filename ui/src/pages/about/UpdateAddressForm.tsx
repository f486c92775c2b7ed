import { Button, Group, Stack, TextInput } from "@mantine/core";
import { notifications } from "@mantine/notifications";
import { IconDeviceFloppy, IconPlugConnectedX } from "@tabler/icons-react";
import { type FormEvent, useState } from "react";
import { useSetUpdateUrl } from "../../api";
import { FailureAlert } from "../../components/FailureAlert";
import { useFieldError } from "../../components/useFieldError";

/**
 * The update address: Save (the backend accepts https only and says why not under the field) and,
 * while one is set, Turn off. A refused address changes nothing: the setting above stays.
 */
export function UpdateAddressForm({ url }: { url: string | null }) {
  const [value, setValue] = useState(url ?? "");
  const field = useFieldError();
  const save = useSetUpdateUrl();

  const send = (next: string | null) => {
    save.mutate(next, {
      onSuccess: (info) => {
        notifications.show(
          info.update_url === null
            ? { color: "gray", title: "Update checks are off", message: "TenantAtlas no longer asks for new versions." }
            : {
                color: "green",
                title: "Update address saved",
                message: `TenantAtlas asks ${info.update_url} for new versions.`,
              },
        );
      },
      onError: (error) => {
        // A refusal of the address belongs under the field; anything else is said above the buttons.
        if (error.code === "invalid_input") {
          field.refuse(error.message);
        }
      },
    });
  };
  const submit = (event: FormEvent) => {
    event.preventDefault();
    const trimmed = value.trim();
    send(trimmed === "" ? null : trimmed);
  };

  const busy = save.isPending;
  const unchanged = value.trim() === (url ?? "");
  const otherError = save.error !== null && save.error.code !== "invalid_input" ? save.error : null;
  return (
    <form onSubmit={submit} noValidate data-testid="update-url-form">
      <Stack gap="sm" maw={640}>
        <TextInput
          ref={field.input}
          label="Update address"
          description="The https address of the update manifest (latest.json) your administrator publishes."
          placeholder="https://updates.example.com/tenantatlas/latest.json"
          value={value}
          onChange={(event) => {
            setValue(event.currentTarget.value);
            field.clear();
          }}
          error={field.error}
          errorProps={{ "data-testid": "update-url-field-error" }}
          disabled={busy}
          type="url"
          inputMode="url"
          autoComplete="off"
          spellCheck={false}
          data-testid="update-url-input"
        />
        {otherError !== null && (
          <FailureAlert title="The update setting was not changed" data-testid="update-url-error">
            {otherError.message}
          </FailureAlert>
        )}
        <Group gap="sm">
          <Button
            type="submit"
            loading={busy && save.variables !== null}
            disabled={unchanged || (busy && save.variables === null)}
            leftSection={<IconDeviceFloppy size={16} aria-hidden />}
            data-testid="update-url-save"
          >
            Save
          </Button>
          {url !== null && (
            <Button
              variant="default"
              loading={busy && save.variables === null}
              disabled={busy && save.variables !== null}
              leftSection={<IconPlugConnectedX size={16} aria-hidden />}
              onClick={() => send(null)}
              data-testid="update-url-off"
            >
              Turn off
            </Button>
          )}
        </Group>
      </Stack>
    </form>
  );
}
