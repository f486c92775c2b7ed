import { vi } from "vitest";
import type { Commands } from "../bindings/commands";
import type {
  ApiError,
  MemberDirectory,
  MemberView,
  Tenant,
  TenantId,
  User,
  UserId,
  WorkspaceSummary,
} from "../bindings/types";
import { alan, demoTenants, grace, memberDirectory, memberView, workspaceSummary } from "./fixtures";

/** What the fake membership backend holds; tests build it, pass it in and read it back. */
export type MemberState = {
  /** The members, what the operator may change and the mode, as `memberDirectory` answers. */
  directory: MemberDirectory;
  /** The workspace, as renaming it answers. */
  workspace: WorkspaceSummary;
  /** Operators who have signed in before, by sign-in name (their PostgreSQL role): who can be added. */
  known: Record<string, User>;
  /** The workspace's tenants: members may be entitled to these only. */
  tenants: Tenant[];
};

/** Team mode with Ada as owner, Grace and Alan (see `memberDirectory`); Ada and Linus have signed in before. */
export function memberState(initial: Partial<MemberState> = {}): MemberState {
  return {
    directory: memberDirectory(),
    workspace: workspaceSummary(),
    known: {
      grace,
      alan,
      linus: { id: "u4", login: "pg:linus", display_name: "Linus Torvalds" },
    },
    tenants: demoTenants,
    ...initial,
  };
}

type MemberCommands = Pick<
  Commands,
  "memberDirectory" | "addMember" | "setMemberRole" | "setMemberTenants" | "removeMember" | "renameWorkspace"
>;

const WORKSPACE_NAME_MAX = 100;

function refusal(code: ApiError["code"], message: string): ApiError {
  return { code, message };
}

/**
 * The membership commands over `state`, with the backend's rules and words: only owners change
 * anything, solo mode adds nobody, only operators who have signed in before can be added, a
 * workspace keeps at least one owner, members are entitled to its own tenants only, and a name
 * is 1–100 characters once trimmed. Changes are written to `state`.
 */
export function fakeMembers(state: MemberState = memberState()): MemberCommands {
  const answer = (): MemberDirectory => ({ ...state.directory, members: [...state.directory.members] });
  const mayManage = (action: string) => {
    if (!state.directory.may_manage) throw refusal("forbidden", `You do not have permission to ${action}.`);
  };
  const member = (userId: UserId): MemberView => {
    const found = state.directory.members.find((entry) => entry.user.id === userId);
    if (found === undefined) throw refusal("not_found", "Member was not found.");
    return found;
  };
  const owners = () => state.directory.members.filter((entry) => entry.role === "owner").length;
  const replace = (changed: MemberView) => {
    state.directory = {
      ...state.directory,
      members: state.directory.members.map((entry) => (entry.user.id === changed.user.id ? changed : entry)),
    };
  };
  return {
    memberDirectory: vi.fn(async () => answer()),
    addMember: vi.fn(async ({ name, role }) => {
      mayManage("manage members");
      if (!state.directory.team_mode) {
        throw refusal(
          "invalid_input",
          "solo mode has one operator; members are added in team mode (a shared PostgreSQL database)",
        );
      }
      const signIn = name.trim();
      const user = state.known[signIn];
      if (user === undefined) {
        throw refusal(
          "invalid_input",
          `nobody signs in as "${signIn}" yet: the database administrator creates the role with \`atlas member add ${signIn} --workspace …\`, or the operator opens TenantAtlas once with it`,
        );
      }
      if (state.directory.members.some((entry) => entry.user.id === user.id)) {
        throw refusal("conflict", `${signIn} is already a member`);
      }
      const added = memberView(user, { role, is_you: false });
      state.directory = { ...state.directory, members: [...state.directory.members, added] };
      return added;
    }),
    setMemberRole: vi.fn(async ({ user_id, role }) => {
      mayManage("manage members");
      const found = member(user_id);
      if (found.role === role) return answer();
      if (found.role === "owner" && owners() <= 1) {
        throw refusal("conflict", "a workspace keeps at least one owner: make someone else owner first");
      }
      replace({ ...found, role });
      return answer();
    }),
    setMemberTenants: vi.fn(async ({ user_id, all_tenants, tenant_ids }) => {
      mayManage("manage members");
      const found = member(user_id);
      const chosen = [...new Set<TenantId>(tenant_ids)].sort();
      if (!all_tenants) {
        const foreign = chosen.find((id) => !state.tenants.some((tenant) => tenant.id === id));
        if (foreign !== undefined) {
          throw refusal("invalid_input", `tenant ${foreign} is not a tenant of this workspace`);
        }
      }
      replace({ ...found, all_tenants, tenant_ids: all_tenants ? [] : chosen });
      return answer();
    }),
    removeMember: vi.fn(async ({ user_id }) => {
      mayManage("manage members");
      const found = member(user_id);
      if (found.role === "owner" && owners() <= 1) {
        throw refusal("conflict", "the last owner cannot be removed: make someone else owner first");
      }
      state.directory = {
        ...state.directory,
        members: state.directory.members.filter((entry) => entry.user.id !== user_id),
      };
      return answer();
    }),
    renameWorkspace: vi.fn(async ({ name }) => {
      const trimmed = name.trim();
      if (trimmed === "") throw refusal("invalid_input", "name must not be empty");
      const length = [...trimmed].length;
      if (length > WORKSPACE_NAME_MAX) {
        throw refusal("invalid_input", `name is too long (${length} characters, at most ${WORKSPACE_NAME_MAX})`);
      }
      mayManage("manage members");
      state.workspace = {
        ...state.workspace,
        workspace: { ...state.workspace.workspace, name: trimmed, updated_at: "2026-11-22T10:00:00.000Z" },
      };
      return state.workspace;
    }),
  };
}
