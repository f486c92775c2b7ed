//! Test-only handlers (never shipped): one scripted handler whose behaviour comes from the
//! run's inputs, so a test (or a separate worker process) can make a run succeed, fail, panic,
//! hang, or heartbeat and then hang.
//!
//! Inputs: `{"behavior": "succeed" | "fail" | "panic" | "hang" | "heartbeat_then_hang",
//!           "sleep_ms": n, "steps": n, "record_to": "<file prefix>"}` (one `<prefix>.<pid>` file per process)

use std::{io::Write, time::Duration};

use atlas_domain::{summary, OperationType};
use atlas_engine::{Handler, HandlerError, HandlerOutcome, RunContext};

#[derive(Debug, Clone, Copy)]
pub struct Scripted(pub OperationType);

#[async_trait::async_trait]
impl Handler for Scripted {
    fn operation(&self) -> OperationType {
        self.0
    }

    fn validate_inputs(&self, inputs: &serde_json::Value) -> Result<(), String> {
        match inputs.get("behavior").and_then(|b| b.as_str()) {
            None | Some("succeed" | "fail" | "panic" | "hang" | "heartbeat_then_hang") => Ok(()),
            Some(other) => Err(format!("unknown behavior {other:?}")),
        }
    }

    async fn execute(&self, ctx: RunContext) -> Result<HandlerOutcome, HandlerError> {
        let inputs = ctx.inputs().clone();
        if let Some(prefix) = inputs.get("record_to").and_then(|p| p.as_str()) {
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
        let sleep_ms = inputs.get("sleep_ms").and_then(|v| v.as_u64()).unwrap_or(0);
        let steps = inputs.get("steps").and_then(|v| v.as_i64()).unwrap_or(0);
        ctx.progress.set(summary::TOTAL, steps);
        for _ in 0..steps {
            ctx.progress.add(summary::PROCESSED, 1);
            tokio::time::sleep(Duration::from_millis(sleep_ms / steps.max(1) as u64)).await;
        }
        if steps == 0 && sleep_ms > 0 {
            tokio::time::sleep(Duration::from_millis(sleep_ms)).await;
        }
        match inputs
            .get("behavior")
            .and_then(|b| b.as_str())
            .unwrap_or("succeed")
        {
            "fail" => Err(HandlerError::new(
                "graph.unavailable",
                "Graph said no: client_secret=hunter2 rejected",
            )),
            "panic" => panic!("the handler fell over"),
            "hang" => std::future::pending().await,
            "heartbeat_then_hang" => {
                ctx.progress.add(summary::PROCESSED, 1);
                tokio::time::sleep(Duration::from_millis(50)).await;
                std::future::pending().await
            }
            _ => Ok(HandlerOutcome::succeeded().with_result(serde_json::json!({"done": true}))),
        }
    }
}
