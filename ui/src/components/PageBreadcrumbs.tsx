import { Anchor, Breadcrumbs, Text } from "@mantine/core";
import { Link } from "react-router";

export type Crumb = { label: string; to?: string };

/** Where a detail page sits: each step back is a link, the page itself is plain text. */
export function PageBreadcrumbs({ items }: { items: Crumb[] }) {
  return (
    <Breadcrumbs separatorMargin={6} aria-label="Breadcrumb" styles={{ root: { flexWrap: "wrap" } }}>
      {items.map((item) =>
        item.to === undefined ? (
          <Text key={item.label} size="sm" c="dimmed" lineClamp={1}>
            {item.label}
          </Text>
        ) : (
          <Anchor key={item.label} component={Link} to={item.to} size="sm">
            {item.label}
          </Anchor>
        ),
      )}
    </Breadcrumbs>
  );
}
