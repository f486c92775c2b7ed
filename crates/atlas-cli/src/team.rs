//! `atlas team init` and `atlas member …`: preparing a shared PostgreSQL database for team mode
//! and managing who signs in to it. Run by the database's administrator (the owner of the
//! TenantAtlas tables, with the right to create roles), with `--database-url`.

use atlas_api::{
    team_admin::DEFAULT_ROLE,
    types::{
        AddMemberRequest, MemberDirectory, SetMemberRoleRequest, SetMemberTenantsRequest,
        WorkspaceRequest,
    },
    Actor, Api, ApiError,
};
use atlas_domain::{vocabulary::Presented, Role, UserId, WorkspaceId};
use clap::{Args, Subcommand};

use crate::{lookup, output};

#[derive(Debug, Subcommand)]
pub enum TeamCommand {
    /// Prepare the database for team mode: group roles, grants, row-level security on every
    /// table (idempotent: run it again after every upgrade).
    Init {
        /// Also create a workspace of this name, with you as its owner, unless you have one.
        #[arg(long, value_name = "NAME")]
        workspace: Option<String>,
    },
}

#[derive(Debug, Subcommand)]
pub enum MemberCommand {
    /// Give someone a sign-in (their own PostgreSQL role) and make them a member.
    Add(AddArgs),
    /// Change a member's role (a workspace keeps at least one owner).
    SetRole {
        name: String,
        #[arg(value_parser = parse_role)]
        role: Role,
        #[command(flatten)]
        workspace: WorkspaceArg,
    },
    /// Choose the tenants a member sees: --all, or one or more --tenant.
    Entitle {
        name: String,
        /// Every tenant, including future ones.
        #[arg(long, conflicts_with = "tenant")]
        all: bool,
        /// A tenant (id, name, domain or directory id); repeat for several.
        #[arg(long, value_name = "TENANT", required_unless_present = "all")]
        tenant: Vec<String>,
        #[command(flatten)]
        workspace: WorkspaceArg,
    },
    /// End a membership (the last owner cannot be removed).
    Remove {
        name: String,
        /// Also drop their PostgreSQL role, when `member add` created it and they belong to no
        /// other workspace.
        #[arg(long)]
        drop_role: bool,
        #[command(flatten)]
        workspace: WorkspaceArg,
    },
    /// The workspace's members.
    List(WorkspaceArg),
}

#[derive(Debug, Args)]
pub struct WorkspaceArg {
    /// The workspace (default: your only one).
    #[arg(long, value_name = "ID")]
    workspace: Option<String>,
}

#[derive(Debug, Args)]
pub struct AddArgs {
    /// Their sign-in name: a PostgreSQL role name (lower-case letters, digits, _).
    name: String,
    #[arg(long, default_value_t = DEFAULT_ROLE, value_parser = parse_role)]
    role: Role,
    /// Use a role that exists already (password, certificate or any sign-in the server is set
    /// up for) instead of creating one with a generated password.
    #[arg(long)]
    existing_role: bool,
    /// A headless worker's service role: it may claim any workspace's work and is no member.
    #[arg(long, conflicts_with = "role")]
    worker: bool,
    #[command(flatten)]
    workspace: WorkspaceArg,
}

fn parse_role(raw: &str) -> Result<Role, String> {
    raw.parse::<Role>().map_err(|_| {
        let all: Vec<&str> = Role::ALL.iter().map(|r| r.code()).collect();
        format!("{raw:?} is not a role; use one of {}", all.join(", "))
    })
}

pub async fn team(
    api: &Api,
    actor: &Actor,
    command: &TeamCommand,
    json: bool,
) -> Result<(), ApiError> {
    let TeamCommand::Init { workspace } = command;
    let outcome = api.team_init(actor, workspace.as_deref()).await?;
    if json {
        return output::json(&outcome);
    }
    println!(
        "Team mode is {} on this database: {} tables are under row-level security.",
        if outcome.first_time {
            "set up"
        } else {
            "up to date"
        },
        outcome.tables_guarded
    );
    if let Some(created) = &outcome.workspace {
        println!(
            "Created the workspace {} ({}) with {} as its owner.",
            created.workspace.name, created.workspace.id, outcome.initialised_by
        );
    }
    println!("Next: `atlas member add <name> --role owner` gives a colleague their own sign-in.");
    Ok(())
}

pub async fn member(
    api: &Api,
    actor: &Actor,
    command: &MemberCommand,
    json: bool,
) -> Result<(), ApiError> {
    match command {
        MemberCommand::Add(args) => add(api, actor, args, json).await,
        MemberCommand::SetRole {
            name,
            role,
            workspace,
        } => {
            let ws = lookup::workspace(api, actor, workspace.workspace.as_deref()).await?;
            let user_id = named(api, name).await?;
            let directory = api
                .set_member_role(
                    actor,
                    SetMemberRoleRequest {
                        workspace_id: ws,
                        user_id,
                        role: *role,
                    },
                )
                .await?;
            print_directory(&directory, json)
        }
        MemberCommand::Entitle {
            name,
            all,
            tenant,
            workspace,
        } => {
            let ws = lookup::workspace(api, actor, workspace.workspace.as_deref()).await?;
            let user_id = named(api, name).await?;
            let mut tenant_ids = Vec::with_capacity(tenant.len());
            let in_workspace = ws.to_string();
            for query in tenant {
                tenant_ids.push(
                    lookup::tenant(api, actor, query, Some(&in_workspace))
                        .await?
                        .id,
                );
            }
            let directory = api
                .set_member_tenants(
                    actor,
                    SetMemberTenantsRequest {
                        workspace_id: ws,
                        user_id,
                        all_tenants: *all,
                        tenant_ids,
                    },
                )
                .await?;
            print_directory(&directory, json)
        }
        MemberCommand::Remove {
            name,
            drop_role,
            workspace,
        } => {
            let ws = lookup::workspace(api, actor, workspace.workspace.as_deref()).await?;
            let user_id = named(api, name).await?;
            let dropped = api
                .remove_sign_in(actor, ws, user_id, name, *drop_role)
                .await?;
            if json {
                return output::json(
                    &serde_json::json!({ "removed": name, "role_dropped": dropped }),
                );
            }
            println!(
                "{name} is no longer a member.{}",
                if dropped {
                    " Their PostgreSQL role was dropped."
                } else {
                    ""
                }
            );
            Ok(())
        }
        MemberCommand::List(workspace) => {
            let ws = lookup::workspace(api, actor, workspace.workspace.as_deref()).await?;
            let directory = api
                .member_directory(actor, WorkspaceRequest { workspace_id: ws })
                .await?;
            print_directory(&directory, json)
        }
    }
}

async fn add(api: &Api, actor: &Actor, args: &AddArgs, json: bool) -> Result<(), ApiError> {
    // Check the workspace before creating anything.
    let ws: Option<WorkspaceId> = match args.worker {
        true => None,
        false => Some(lookup::workspace(api, actor, args.workspace.workspace.as_deref()).await?),
    };
    let sign_in = api
        .create_sign_in(&args.name, args.existing_role, args.worker)
        .await?;
    if let Some(ws) = ws {
        api.add_member(
            actor,
            AddMemberRequest {
                workspace_id: ws,
                name: args.name.clone(),
                role: args.role,
            },
        )
        .await?;
    }
    if json {
        return output::json(&sign_in);
    }
    match args.worker {
        true => println!(
            "{} may now run `atlas worker` against this database.",
            args.name
        ),
        false => println!(
            "{} is now a member ({}).",
            args.name,
            args.role.presentation().label
        ),
    }
    if let Some(password) = &sign_in.password {
        println!("Their password (shown once; it is not stored anywhere): {password}");
        println!(
            "They connect with --database-url postgres://{}:<password>@<host>/<database>",
            args.name
        );
    }
    Ok(())
}

async fn named(api: &Api, name: &str) -> Result<UserId, ApiError> {
    api.operator_named(name).await?.ok_or_else(|| {
        ApiError::invalid(format!(
            "nobody signs in as {name:?}; see `atlas member list`"
        ))
    })
}

fn print_directory(directory: &MemberDirectory, json: bool) -> Result<(), ApiError> {
    if json {
        return output::json(directory);
    }
    let rows: Vec<Vec<String>> = directory
        .members
        .iter()
        .map(|m| {
            vec![
                m.user.display_name.clone(),
                m.role.presentation().label.to_owned(),
                match m.all_tenants {
                    true => "all".to_owned(),
                    false => format!("{} chosen", m.tenant_ids.len()),
                },
                m.last_activity_at
                    .map(|t| t.to_string())
                    .unwrap_or_else(|| "—".into()),
            ]
        })
        .collect();
    output::table(&["NAME", "ROLE", "TENANTS", "LAST ACTIVITY"], &rows);
    Ok(())
}
