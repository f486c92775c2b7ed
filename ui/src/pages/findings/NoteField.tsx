import { Textarea } from "@mantine/core";

/** The longest acknowledgement note the backend accepts. */
export const NOTE_MAX = 2_000;

/** Why a note cannot be sent, or null. */
export function noteError(note: string): string | null {
  if (note.trim() === "") return "Say why this drift is accepted: the note is required.";
  if (note.trim().length > NOTE_MAX) return `Use at most ${NOTE_MAX.toLocaleString()} characters.`;
  return null;
}

type NoteFieldProps = {
  value: string;
  onChange: (value: string) => void;
  /** Shown once the operator has tried to submit. */
  error: string | null;
  "data-testid"?: string;
};

/** Why a difference is accepted for this customer: required, up to 2,000 characters. */
export function NoteField({ value, onChange, error, "data-testid": testId = "ack-note" }: NoteFieldProps) {
  return (
    <Textarea
      label="Note"
      description={`Why this difference is accepted for the customer (${value.trim().length.toLocaleString()} of ${NOTE_MAX.toLocaleString()} characters).`}
      placeholder="e.g. Customer runs a stricter BitLocker policy by contract."
      required
      autosize
      minRows={3}
      maxRows={8}
      maxLength={NOTE_MAX}
      value={value}
      onChange={(event) => onChange(event.currentTarget.value)}
      error={error}
      data-testid={testId}
    />
  );
}
