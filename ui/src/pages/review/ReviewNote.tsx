import { Button, Group, Stack, Text, Textarea } from "@mantine/core";
import { useState } from "react";
import { useUpdateReviewNote } from "../../api";
import type { Tenant, TenantReview } from "../../bindings/types";
import { RelativeTime } from "../../components/RelativeTime";

type ReviewNoteProps = { review: TenantReview; tenant: Tenant; canEdit: boolean };

/** The operator's note for the customer: editable by members who may manage review packs, read by others. */
export function ReviewNote({ review, tenant, canEdit }: ReviewNoteProps) {
  if (canEdit) return <NoteEditor key={`${review.id}:${review.updated_at}`} review={review} tenant={tenant} />;
  return (
    <Stack gap={2} data-testid="review-note-read-only">
      <Text size="sm" fw={500}>
        Note for the customer
      </Text>
      <Text size="sm" c={review.note === "" ? "dimmed" : undefined} style={{ whiteSpace: "pre-wrap" }}>
        {review.note === "" ? "No note yet." : review.note}
      </Text>
    </Stack>
  );
}

/** The note, saved when changed; the backend's refusal shows under the field. */
function NoteEditor({ review, tenant }: { review: TenantReview; tenant: Tenant }) {
  const [draft, setDraft] = useState(review.note);
  const save = useUpdateReviewNote(tenant);
  return (
    <Stack gap={6}>
      <Textarea
        label="Note for the customer"
        description="Your own words, shown with the review (up to 10,000 characters)."
        value={draft}
        onChange={(event) => {
          setDraft(event.currentTarget.value);
          if (save.isError) save.reset();
        }}
        rows={4}
        error={save.error?.message}
        data-testid="review-note"
      />
      <Group gap="xs">
        <Button
          size="xs"
          onClick={() => save.mutate({ review_id: review.id, note: draft })}
          disabled={draft === review.note}
          loading={save.isPending}
          data-testid="save-review-note"
        >
          Save note
        </Button>
        {review.note_updated_by !== null && (
          <Text size="xs" c="dimmed">
            Changed <RelativeTime value={review.updated_at} size="xs" span />
          </Text>
        )}
      </Group>
    </Stack>
  );
}
