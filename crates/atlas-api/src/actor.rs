use atlas_domain::{User, UserId};

/// Who is calling a command. Built by the front end from its authenticated user (the local
/// operator on a workstation), never from request data.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Actor {
    pub user: User,
}

impl Actor {
    pub fn user_id(&self) -> UserId {
        self.user.id
    }
}
