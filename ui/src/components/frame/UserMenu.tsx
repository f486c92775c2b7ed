import { Button, Menu, Text } from "@mantine/core";
import { IconChevronDown, IconInfoCircle, IconUser } from "@tabler/icons-react";
import { Link } from "react-router";
import type { User } from "../../bindings/types";

/** The operator's name in the header, opening what concerns the app itself: About TenantAtlas. */
export function UserMenu({ user }: { user: User }) {
  return (
    <Menu position="bottom-end" width={240} withinPortal>
      <Menu.Target>
        <Button
          variant="subtle"
          color="gray"
          size="compact-sm"
          leftSection={<IconUser size={16} aria-hidden />}
          rightSection={<IconChevronDown size={14} aria-hidden />}
          aria-label={`${user.display_name}, account menu`}
          data-testid="user-menu"
        >
          <Text span size="sm" c="var(--mantine-color-text)" data-testid="current-user">
            {user.display_name}
          </Text>
        </Button>
      </Menu.Target>
      <Menu.Dropdown>
        <Menu.Label>Signed in as {user.login}</Menu.Label>
        <Menu.Item
          component={Link}
          to="/about"
          leftSection={<IconInfoCircle size={16} aria-hidden />}
          data-testid="open-about"
        >
          About TenantAtlas
        </Menu.Item>
      </Menu.Dropdown>
    </Menu>
  );
}
