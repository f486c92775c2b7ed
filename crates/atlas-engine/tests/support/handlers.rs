//! Test-only handlers (never shipped): one scripted handler whose behaviour comes from the
//! run's inputs, so a test (or a separate worker process) can make a run succeed, fail, panic,
//! hang, or heartbeat and then hang.
//!
//! Inputs: `{"behavior": "succeed" | "fail" | "panic" | "hang" | "heartbeat_then_hang",
//!           "sleep_ms": n, "steps": n, "record_to": "<file prefix>"}` (one `<prefix>.<pid>` file per process)

use std::{io::Write, time::Duration};

use atlas_domain::{summary::SummaryKey, OperationType};
use atlas_engine::{Handler, HandlerError, HandlerOutcome, RunContext};
use serde::Deserialize;

#[derive(Debug, Clone, Copy)]
pub struct Scripted(pub OperationType);

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Behavior {
    #[default]
    Succeed,
    Fail,
    Panic,
    Hang,
    HeartbeatThenHang,
}

/// What the scripted run does.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(default)]
pub struct Script {
    pub behavior: Behavior,
    pub sleep_ms: u64,
    pub steps: i64,
    pub record_to: Option<String>,
}

#[async_trait::async_trait]
impl Handler for Scripted {
    type Input = Script;

    fn operation(&self) -> OperationType {
        self.0
    }

    async fn execute(
        &self,
        ctx: RunContext,
        script: Script,
    ) -> Result<HandlerOutcome, HandlerError> {
        if let Some(prefix) = &script.record_to {
            // One file per process and one write per line, so lines from concurrent workers
            // never interleave.
            let path = format!("{prefix}.{}", std::process::id());
            let mut file = std::fs::OpenOptions::new()
                .create(true)
                .append(true)
                .open(path)
                .unwrap();
            file.write_all(format!("{}\n", ctx.run.id).as_bytes())
                .unwrap();
        }
        let (sleep_ms, steps) = (script.sleep_ms, script.steps);
        ctx.progress.set(SummaryKey::Total, steps);
        for _ in 0..steps {
            ctx.progress.add(SummaryKey::Processed, 1);
            tokio::time::sleep(Duration::from_millis(sleep_ms / steps.max(1) as u64)).await;
        }
        if steps == 0 && sleep_ms > 0 {
            tokio::time::sleep(Duration::from_millis(sleep_ms)).await;
        }
        match script.behavior {
            Behavior::Fail => Err(HandlerError::new(
                "graph.unavailable",
                "Graph said no: client_secret=hunter2 rejected",
            )),
            Behavior::Panic => panic!("the handler fell over"),
            Behavior::Hang => std::future::pending().await,
            Behavior::HeartbeatThenHang => {
                ctx.progress.add(SummaryKey::Processed, 1);
                tokio::time::sleep(Duration::from_millis(50)).await;
                std::future::pending().await
            }
            Behavior::Succeed => Ok(HandlerOutcome::succeeded()),
        }
    }
}
