//! Schedules: work the product starts by itself at times given as a cron expression in an IANA
//! time zone ("0 3 * * 1-5" in Europe/Berlin: 03:00 Berlin time on weekdays, across DST
//! changes). Parsed with `croner` and `chrono-tz`, never by hand. A schedule due while nothing
//! ran starts once when something runs again, not once per missed slot: its next time is always
//! computed from now.

use chrono::{DateTime, Utc};
use chrono_tz::Tz;
use croner::Cron;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::{DomainError, OperationType, ScheduleId, TenantId, Timestamp, UserId, WorkspaceId};

/// The shortest time between two starts a schedule may ask for: syncs read a tenant's whole
/// configuration within Microsoft's request limits.
pub const MIN_INTERVAL_MINUTES: i64 = 15;

/// A schedule as stored.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct Schedule {
    pub id: ScheduleId,
    pub workspace_id: WorkspaceId,
    /// The tenant it syncs; `None`: every active tenant of the workspace.
    pub tenant_id: Option<TenantId>,
    pub operation: OperationType,
    /// The handler inputs of each run it starts.
    pub inputs: serde_json::Value,
    pub cron: String,
    pub time_zone: String,
    pub enabled: bool,
    /// When it starts next; `None` while disabled.
    pub next_run_at: Option<Timestamp>,
    pub last_run_at: Option<Timestamp>,
    pub created_by: UserId,
    pub created_at: Timestamp,
    pub updated_at: Timestamp,
}

/// A cron expression in a time zone, checked.
#[derive(Debug, Clone)]
pub struct When {
    cron: Cron,
    zone: Tz,
}

/// The first field of a five-field expression that is wrong on its own: its position (from 1),
/// its name and its text.
fn bad_field(expression: &str) -> Option<(usize, &'static str, &str)> {
    const NAMES: [&str; 5] = ["minute", "hour", "day of month", "month", "day of week"];
    let fields: Vec<&str> = expression.split_whitespace().collect();
    fields.iter().enumerate().find_map(|(i, field)| {
        let mut probe = ["*"; 5];
        probe[i] = field;
        probe
            .join(" ")
            .parse::<Cron>()
            .is_err()
            .then_some((i + 1, NAMES[i], *field))
    })
}

impl When {
    /// Parses and checks a schedule: a standard five-field cron expression (minute hour day
    /// month weekday) and an IANA zone; refused when it would start more often than every
    /// [`MIN_INTERVAL_MINUTES`] minutes or never.
    pub fn parse(cron: &str, zone: &str) -> Result<Self, DomainError> {
        let expression = cron.trim();
        if expression.split_whitespace().count() != 5 {
            return Err(DomainError::invalid(
                "schedule",
                "write five fields: minute hour day-of-month month day-of-week (e.g. \"0 3 * * *\" for 03:00 every day)",
            ));
        }
        let cron: Cron = expression.parse().map_err(|e| {
            DomainError::invalid(
                "schedule",
                match bad_field(expression) {
                    Some((position, name, field)) => format!(
                        "field {position} ({name}) of \"{expression}\", \"{field}\", is not valid ({e})"
                    ),
                    None => format!("\"{expression}\" is not a cron expression ({e})"),
                },
            )
        })?;
        let zone: Tz = zone.trim().parse().map_err(|_| {
            DomainError::invalid(
                "time zone",
                format!(
                    "\"{}\" is not an IANA time zone such as Europe/Berlin or America/New_York",
                    zone.trim()
                ),
            )
        })?;
        let when = Self { cron, zone };
        let starts = when.upcoming(Timestamp::now(), 20);
        if starts.is_empty() {
            return Err(DomainError::invalid("schedule", "it never starts"));
        }
        let too_close = starts
            .windows(2)
            .any(|w| w[1].unix_millis() - w[0].unix_millis() < MIN_INTERVAL_MINUTES * 60_000);
        if too_close {
            return Err(DomainError::invalid(
                "schedule",
                format!("it would start more often than every {MIN_INTERVAL_MINUTES} minutes"),
            ));
        }
        Ok(when)
    }

    /// The first start after `after`.
    pub fn next_after(&self, after: Timestamp) -> Option<Timestamp> {
        let local = after.as_datetime().with_timezone(&self.zone);
        let next = self.cron.find_next_occurrence(&local, false).ok()?;
        Some(Timestamp::from_datetime(next.with_timezone(&Utc)))
    }

    /// The next `count` starts after `after`.
    pub fn upcoming(&self, after: Timestamp, count: usize) -> Vec<Timestamp> {
        let mut out = Vec::with_capacity(count);
        let mut from = after;
        while out.len() < count {
            match self.next_after(from) {
                Some(next) => {
                    out.push(next);
                    from = next;
                }
                None => break,
            }
        }
        out
    }

    /// A start time as the schedule's zone shows it ("Sun 2026-03-29 03:00 CEST").
    pub fn local_text(&self, at: Timestamp) -> String {
        let local: DateTime<Tz> = at.as_datetime().with_timezone(&self.zone);
        local.format("%a %Y-%m-%d %H:%M %Z").to_string()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(text: &str) -> Timestamp {
        serde_json::from_value(serde_json::Value::String(text.into())).unwrap()
    }

    #[test]
    fn starts_follow_the_zone_across_a_dst_change() {
        let when = When::parse("0 3 * * *", "Europe/Berlin").unwrap();
        let starts = when.upcoming(at("2026-03-27T12:00:00Z"), 3);
        let utc: Vec<String> = starts.iter().map(Timestamp::to_rfc3339).collect();
        // 03:00 CET is 02:00 UTC; from 29 March, 03:00 CEST is 01:00 UTC.
        assert_eq!(
            utc,
            [
                "2026-03-28T02:00:00.000Z",
                "2026-03-29T01:00:00.000Z",
                "2026-03-30T01:00:00.000Z"
            ]
        );
        assert_eq!(when.local_text(starts[1]), "Sun 2026-03-29 03:00 CEST");
    }

    #[test]
    fn starts_follow_a_second_zone_across_its_own_dst_change() {
        let when = When::parse("30 22 * * *", "America/New_York").unwrap();
        let starts = when.upcoming(at("2026-10-31T12:00:00Z"), 3);
        let utc: Vec<String> = starts.iter().map(Timestamp::to_rfc3339).collect();
        // 22:30 EDT is 02:30 UTC the next day; from 1 November, 22:30 EST is 03:30 UTC.
        assert_eq!(
            utc,
            [
                "2026-11-01T02:30:00.000Z",
                "2026-11-02T03:30:00.000Z",
                "2026-11-03T03:30:00.000Z"
            ]
        );
        assert_eq!(when.local_text(starts[1]), "Sun 2026-11-01 22:30 EST");
    }

    #[test]
    fn bad_schedules_are_refused_with_what_is_wrong() {
        let message = |cron: &str, zone: &str| When::parse(cron, zone).unwrap_err().to_string();
        assert!(message("0 3 * *", "UTC").contains("five fields"));
        let minute = message("61 3 * * *", "UTC");
        assert!(
            minute.contains("field 1 (minute)") && minute.contains("\"61\""),
            "{minute}"
        );
        assert!(message("0 3 * 13 *", "UTC").contains("field 4 (month)"));
        assert!(message("0 3 * * *", "Mars/Olympus").contains("IANA time zone"));
        assert!(message("*/5 * * * *", "UTC").contains("every 15 minutes"));
        assert!(When::parse("*/15 * * * *", "UTC").is_ok());
        assert!(When::parse(" 30 2 * * 1-5 ", " America/New_York ").is_ok());
    }

    #[test]
    fn a_missed_slot_is_not_repeated_the_next_start_is_after_now() {
        let when = When::parse("0 * * * *", "UTC").unwrap();
        let now = at("2026-12-05T10:20:00Z");
        assert_eq!(
            when.next_after(now).unwrap().to_rfc3339(),
            "2026-12-05T11:00:00.000Z"
        );
    }
}
