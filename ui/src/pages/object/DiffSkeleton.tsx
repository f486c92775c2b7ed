import { Skeleton, Stack } from "@mantine/core";
import { slots } from "../../components/slots";

/** A comparison on its way: a heading and a few rows. */
export function DiffSkeleton() {
  return (
    <Stack gap={8} data-testid="diff-loading" aria-busy="true">
      <Skeleton height={24} width={280} radius="sm" />
      {slots(5).map((line) => (
        <Skeleton key={line} height={20} radius="sm" />
      ))}
    </Stack>
  );
}
