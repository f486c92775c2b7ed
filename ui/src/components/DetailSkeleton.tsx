import { Skeleton, Stack } from "@mantine/core";

/** A page's shape while its record loads: a title, a line of facts, then content. */
export function DetailSkeleton({ lines = 6, "data-testid": testId = "detail-loading" }: { lines?: number; "data-testid"?: string }) {
  return (
    <Stack gap="sm" aria-busy="true" data-testid={testId}>
      <Skeleton height={14} width={180} radius="sm" />
      <Skeleton height={28} width={360} radius="sm" />
      <Skeleton height={16} width={520} radius="sm" />
      <Stack gap={8} mt="md">
        {Array.from({ length: lines }, (_, line) => (
          <Skeleton key={line} height={18} radius="sm" />
        ))}
      </Stack>
    </Stack>
  );
}
