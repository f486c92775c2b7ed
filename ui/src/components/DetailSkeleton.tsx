import { Skeleton, Stack } from "@mantine/core";
import { slots } from "./slots";

type DetailSkeletonProps = { lines?: number; "data-testid"?: string };

/** A page's shape while its record loads: a title, a line of facts, then content. */
export function DetailSkeleton({ lines = 6, "data-testid": testId = "detail-loading" }: DetailSkeletonProps) {
  return (
    <Stack gap="sm" aria-busy="true" data-testid={testId}>
      <Skeleton height={14} width={180} radius="sm" />
      <Skeleton height={28} width={360} radius="sm" />
      <Skeleton height={16} width={520} radius="sm" />
      <Stack gap={8} mt="md">
        {slots(lines).map((line) => (
          <Skeleton key={line} height={18} radius="sm" />
        ))}
      </Stack>
    </Stack>
  );
}
