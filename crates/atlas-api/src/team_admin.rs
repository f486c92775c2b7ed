//! Preparing a shared database and signing members in (`atlas team init`, `atlas member add`):
//! what a database administrator does from the command line. Creating and dropping PostgreSQL
//! roles is deliberately not a command of the app: it needs the administrator's connection.

use atlas_domain::{Role, Timestamp, UserId, WorkspaceId};
use atlas_store::{
    team::{self, InitReport, Login},
    users, Backend,
};
use serde::Serialize;

use crate::{
    commands::members::{login_for, MemberRequest},
    types::{CreateWorkspaceRequest, WorkspaceSummary},
    Actor, Api, ApiError,
};

/// What `team init` did.
#[derive(Debug, Clone, Serialize)]
pub struct TeamInitOutcome {
    pub tables_guarded: usize,
    pub first_time: bool,
    pub initialised_by: String,
    /// The workspace created for the administrator (asked for by name, and absent before).
    pub workspace: Option<WorkspaceSummary>,
}

/// A member's new sign-in.
#[derive(Debug, Clone, Serialize)]
pub struct NewSignIn {
    pub role_name: String,
    pub user_id: UserId,
    /// Shown once, never stored: `None` when an existing role was used.
    pub password: Option<String>,
}

impl Api {
    fn team_only(&self) -> Result<(), ApiError> {
        match self.store.backend() {
            Backend::Postgres => Ok(()),
            Backend::Sqlite => Err(ApiError::invalid(
                "team mode needs a shared PostgreSQL database: give it with --database-url \
                 (or TENANTATLAS_DATABASE_URL)",
            )),
        }
    }

    /// Prepares the database for team mode (idempotent) and, when `workspace` names one the
    /// administrator does not have yet, creates it with them as owner.
    pub async fn team_init(
        &self,
        actor: &Actor,
        workspace: Option<&str>,
    ) -> Result<TeamInitOutcome, ApiError> {
        self.team_only()?;
        let InitReport {
            tables,
            first_time,
            initialised_by,
        } = team::init(&self.store)
            .await
            .map_err(|e| ApiError::invalid(e.to_string()))?;
        let created = match workspace {
            Some(name) => {
                let existing = self.list_workspaces(actor).await?;
                match existing.iter().any(|s| s.workspace.name == name.trim()) {
                    true => None,
                    false => Some(
                        self.create_workspace(
                            actor,
                            CreateWorkspaceRequest {
                                name: name.to_owned(),
                            },
                        )
                        .await?,
                    ),
                }
            }
            None => None,
        };
        Ok(TeamInitOutcome {
            tables_guarded: tables.len(),
            first_time,
            initialised_by,
            workspace: created,
        })
    }

    /// Gives `name` a sign-in (a new login role with a generated password, or the existing
    /// role) and registers them as an operator; a worker's role joins the worker group instead.
    pub async fn create_sign_in(
        &self,
        name: &str,
        existing_role: bool,
        worker: bool,
    ) -> Result<NewSignIn, ApiError> {
        self.team_only()?;
        team::check_role_name(name).map_err(|e| ApiError::invalid(e.to_string()))?;
        let password =
            match existing_role {
                true => None,
                false => Some(team::generate_password().map_err(|e| {
                    ApiError::invalid(format!("no password could be generated: {e}"))
                })?),
            };
        let login = match &password {
            Some(p) => Login::NewPassword(p.clone()),
            None => Login::Existing,
        };
        team::add_login_role(&self.store, name, &login, worker)
            .await
            .map_err(|e| match e {
                atlas_store::StoreError::Conflict(what) => ApiError::conflict(format!(
                    "{what} already exists; add --existing-role to make it a member as it is"
                )),
                atlas_store::StoreError::NotFound(what) => ApiError::invalid(format!(
                    "{what} does not exist; leave out --existing-role to create it"
                )),
                other => ApiError::invalid(other.to_string()),
            })?;
        let mut db = self.store.conn().await?;
        let user = users::upsert_by_login(
            &mut db,
            &login_for(Backend::Postgres, name),
            name,
            Timestamp::now(),
        )
        .await?;
        Ok(NewSignIn {
            role_name: name.to_owned(),
            user_id: user.id,
            password,
        })
    }

    /// The operator who signs in as `name`, if registered.
    pub async fn operator_named(&self, name: &str) -> Result<Option<UserId>, ApiError> {
        let mut db = self.store.conn().await?;
        let login = login_for(self.store.backend(), name);
        Ok(users::find_by_login(&mut db, &login).await?.map(|u| u.id))
    }

    /// Ends `user`'s membership of `workspace`; with `drop_role`, and when they belong to no
    /// other workspace and their role is one `create_sign_in` made, drops the role too.
    /// Returns whether the role was dropped.
    pub async fn remove_sign_in(
        &self,
        actor: &Actor,
        workspace: WorkspaceId,
        user: UserId,
        name: &str,
        drop_role: bool,
    ) -> Result<bool, ApiError> {
        self.remove_member(
            actor,
            MemberRequest {
                workspace_id: workspace,
                user_id: user,
            },
        )
        .await?;
        if !drop_role || self.store.backend() != Backend::Postgres {
            return Ok(false);
        }
        let mut db = self.store.conn().await?;
        let elsewhere = atlas_store::workspaces::list_for_user(&mut db, user).await?;
        drop(db);
        if !elsewhere.is_empty() || !team::is_own_login_role(&self.store, name).await? {
            return Ok(false);
        }
        team::remove_login_role(&self.store, name, true).await?;
        Ok(true)
    }
}

/// The role a member is given by default.
pub const DEFAULT_ROLE: Role = Role::Operator;
