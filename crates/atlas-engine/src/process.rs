//! Which process holds a lease, in a form that can be checked later: a lease owner is
//! `<host>/<pid>/<instance>-<worker>`, where the instance ties the pid to one start of one
//! process on one boot of one machine. A restarted app can then tell at once that a run's owner
//! was an earlier process of this machine that no longer lives — a pid alone cannot, since pids
//! are reused — instead of waiting for the lease.

use std::sync::OnceLock;

use atlas_domain::normalize::canonical_hash;

/// This process, as named in the leases it takes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ProcessIdentity {
    pub host: String,
    pub pid: u32,
    /// `<machine>.<boot>.<start>`: a short hash of the machine id, the first part of the boot
    /// id, and the process's start time in clock ticks since boot. `unknown` where the platform
    /// does not tell.
    pub instance: String,
}

/// What can be said about the process that owns a lease.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum OwnerState {
    /// Another process, or this one, that still runs; or an owner on another machine.
    AliveOrRemote,
    /// An earlier process of this machine that has ended (or the machine rebooted since).
    Ended { pid: u32, instance: String },
    /// The owner is not in this format (older versions, test workers).
    Unknown,
}

impl ProcessIdentity {
    /// The identity of the running process (computed once).
    pub fn current() -> &'static ProcessIdentity {
        static CURRENT: OnceLock<ProcessIdentity> = OnceLock::new();
        CURRENT.get_or_init(|| {
            let pid = std::process::id();
            let instance = match (machine_tag(), boot_tag(), start_ticks(pid)) {
                (Some(m), Some(b), Some(t)) => format!("{m}.{b}.{t}"),
                _ => "unknown".into(),
            };
            ProcessIdentity {
                host: host_name(),
                pid,
                instance,
            }
        })
    }

    /// The prefix the worker pool appends `-<n>` to.
    pub fn worker_prefix(&self) -> String {
        format!("{}/{}/{}", self.host, self.pid, self.instance)
    }

    /// Reads a lease owner written by [`Self::worker_prefix`] plus `-<n>`.
    pub fn parse_owner(owner: &str) -> Option<ProcessIdentity> {
        let (prefix, worker) = owner.rsplit_once('-')?;
        worker.parse::<u32>().ok()?;
        let mut parts = prefix.rsplitn(3, '/');
        let instance = parts.next()?.to_owned();
        let pid = parts.next()?.parse().ok()?;
        let host = parts.next()?.to_owned();
        if host.is_empty() || instance.is_empty() || instance.contains('-') {
            return None;
        }
        Some(ProcessIdentity {
            host,
            pid,
            instance,
        })
    }

    /// Judges `owner` from this process: only owners of this machine (same machine hash) can
    /// be judged ended — by a different boot, or by a pid that no longer runs the same process.
    pub fn owner_state(&self, owner: &str) -> OwnerState {
        let Some(other) = Self::parse_owner(owner) else {
            return OwnerState::Unknown;
        };
        if other == *self {
            return OwnerState::AliveOrRemote;
        }
        let mine: Vec<&str> = self.instance.split('.').collect();
        let theirs: Vec<&str> = other.instance.split('.').collect();
        let ([machine, boot, _], [their_machine, their_boot, _]) = (&mine[..], &theirs[..]) else {
            return OwnerState::Unknown;
        };
        if machine != their_machine {
            return OwnerState::AliveOrRemote;
        }
        let ended = OwnerState::Ended {
            pid: other.pid,
            instance: other.instance.clone(),
        };
        if boot != their_boot {
            return ended;
        }
        match start_ticks(other.pid) {
            Some(ticks) if format!("{machine}.{boot}.{ticks}") == other.instance => {
                OwnerState::AliveOrRemote
            }
            _ => ended,
        }
    }
}

pub(crate) fn host_name() -> String {
    let name = std::fs::read_to_string("/proc/sys/kernel/hostname")
        .ok()
        .or_else(|| std::env::var("HOSTNAME").ok())
        .or_else(|| std::env::var("COMPUTERNAME").ok())
        .unwrap_or_else(|| "localhost".into());
    // '/' separates the parts of a lease owner; host names never contain it.
    name.trim().replace('/', "_")
}

/// A short hash of the machine id: stable across reboots, distinct between machines that
/// happen to share a host name.
fn machine_tag() -> Option<String> {
    let id = ["/etc/machine-id", "/var/lib/dbus/machine-id"]
        .iter()
        .find_map(|p| std::fs::read_to_string(p).ok())
        .map(|s| s.trim().to_owned())
        .filter(|s| !s.is_empty())?;
    // Hashed: the machine id itself is meant to stay on the machine.
    Some(canonical_hash(&serde_json::Value::String(id))[..8].to_owned())
}

fn boot_tag() -> Option<String> {
    let boot = std::fs::read_to_string("/proc/sys/kernel/random/boot_id").ok()?;
    let tag: String = boot.trim().chars().filter(|c| *c != '-').take(8).collect();
    (tag.len() == 8).then_some(tag)
}

/// The process's start time in clock ticks since boot (`/proc/<pid>/stat`, field 22); `None`
/// when no such process runs.
fn start_ticks(pid: u32) -> Option<u64> {
    let stat = std::fs::read_to_string(format!("/proc/{pid}/stat")).ok()?;
    // The command name (field 2) is in parentheses and may contain spaces or ')'.
    let after_name = &stat[stat.rfind(')')? + 1..];
    after_name.split_whitespace().nth(19)?.parse().ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_owner_round_trips_and_other_names_are_unknown() {
        let me = ProcessIdentity::current();
        let owner = format!("{}-3", me.worker_prefix());
        assert_eq!(ProcessIdentity::parse_owner(&owner).as_ref(), Some(me));
        assert_eq!(me.owner_state(&owner), OwnerState::AliveOrRemote);
        for legacy in ["worker-1", "host-123-0", "w", "a/b/c-x"] {
            assert_eq!(me.owner_state(legacy), OwnerState::Unknown, "{legacy}");
        }
    }

    #[cfg(target_os = "linux")]
    #[test]
    fn an_ended_process_of_this_machine_is_recognised_and_another_machine_is_not() {
        let me = ProcessIdentity::current();
        let [machine, boot, _] = me.instance.split('.').collect::<Vec<_>>()[..] else {
            panic!("no instance on Linux: {me:?}");
        };
        // A child that has exited: its pid no longer runs the same process.
        let mut child = std::process::Command::new("true").spawn().unwrap();
        let pid = child.id();
        let ticks = start_ticks(pid);
        child.wait().unwrap();
        let ticks = ticks.unwrap_or(1);
        let dead = format!("{}/{pid}/{machine}.{boot}.{ticks}-0", me.host);
        assert!(matches!(me.owner_state(&dead), OwnerState::Ended { pid: p, .. } if p == pid));

        let rebooted = format!("{}/{}/{machine}.00000000.1-0", me.host, me.pid);
        assert!(matches!(
            me.owner_state(&rebooted),
            OwnerState::Ended { .. }
        ));

        let remote = format!("{}/{pid}/ffffffff.{boot}.{ticks}-0", me.host);
        assert_eq!(me.owner_state(&remote), OwnerState::AliveOrRemote);
    }
}
