import { Alert, List, Text } from "@mantine/core";
import { IconAlertTriangle } from "@tabler/icons-react";
import type { AmbiguousSubject } from "../../bindings/types";
import { ambiguousSentence, plural } from "./baselineWords";
import { usePolicyTypes } from "./policyTypes";

/** Subjects left out because several policies share their name: evidence gaps, never guessed at. */
export function AmbiguousSubjects({ subjects }: { subjects: AmbiguousSubject[] }) {
  const types = usePolicyTypes();
  if (subjects.length === 0) return null;
  return (
    <Alert
      color="yellow"
      variant="light"
      icon={<IconAlertTriangle aria-hidden />}
      title={`Set aside: ${plural(subjects.length, "name", "names")} shared by several policies`}
      data-testid="ambiguous-subjects"
    >
      <Text size="sm" mb={4}>
        Names must be unique to compare. Rename the policies in the tenant, then capture or compare again.
      </Text>
      <List size="sm" spacing={2}>
        {subjects.map((subject) => (
          <List.Item key={subject.subject_key} data-testid="ambiguous-subject">
            {ambiguousSentence(subject, types.label)}
          </List.Item>
        ))}
      </List>
    </Alert>
  );
}
