//! Following runs to their end: waits on the API's run events and shows each run's progress
//! (`summary_counts`: processed of total steps, objects so far) as an `indicatif` bar per run
//! on a terminal, as plain lines when stdout is a file or a pipe, or not at all for `--json`.
//! Ctrl-C (or SIGTERM) stops the waiting; the caller then shuts the engine down.

use std::{
    collections::HashMap,
    io::IsTerminal,
    time::{Duration, Instant},
};

use atlas_api::{types::GetRunRequest, Actor, Api, ApiError};
use atlas_domain::{summary, RunStatus};
use indicatif::{MultiProgress, ProgressBar, ProgressDrawTarget, ProgressStyle};

use crate::{
    output::{duration, thousands},
    runs::{outcome_label, Followed},
};

/// Runs this process does not execute (deduped onto another workstation's or a worker's run)
/// announce nothing here: every unfinished run is also re-read this often.
const REREAD: Duration = Duration::from_secs(5);
/// Plain-line mode prints a run's progress at most this often (state changes always).
const LINE_EVERY: Duration = Duration::from_secs(2);

/// How progress is shown.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Display {
    Bars,
    Lines,
    Silent,
}

impl Display {
    /// Nothing for `--json`; bars on a terminal; plain lines otherwise.
    pub fn for_stdout(json: bool) -> Self {
        if json {
            Self::Silent
        } else if std::io::stdout().is_terminal() {
            Self::Bars
        } else {
            Self::Lines
        }
    }
}

/// How following ended.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Waited {
    /// Every run completed.
    Finished,
    /// The operator pressed Ctrl-C (or the process got SIGTERM) first.
    Interrupted,
}

/// Follows every unfinished run until all are completed or the operator interrupts.
pub async fn follow(
    api: &Api,
    actor: &Actor,
    runs: &mut [Followed],
    display: Display,
) -> Result<Waited, ApiError> {
    let mut view = View::new(display, runs);
    let mut events = api.subscribe(actor);
    // Anything that happened before the subscription existed is read once.
    reread(api, actor, runs).await?;
    let stop = crate::maintenance::wait_for_signal();
    tokio::pin!(stop);
    let mut reread_at = tokio::time::Instant::now() + REREAD;
    loop {
        view.show(runs);
        if runs.iter().all(Followed::is_done) {
            view.close();
            return Ok(Waited::Finished);
        }
        tokio::select! {
            () = &mut stop => {
                view.abandon(runs);
                view.close();
                return Ok(Waited::Interrupted);
            }
            batch = events.next_visible() => match batch {
                Some(batch) if !batch.lagged => {
                    for event in batch.events {
                        if let Some(f) = runs.iter_mut().find(|f| f.run.id == event.run.id) {
                            if event.run.status >= f.run.status {
                                f.run = event.run;
                            }
                        }
                    }
                }
                // Events were dropped (or the engine stopped announcing): read the truth.
                _ => reread(api, actor, runs).await?,
            },
            () = tokio::time::sleep_until(reread_at) => {
                reread(api, actor, runs).await?;
                reread_at = tokio::time::Instant::now() + REREAD;
            }
        }
    }
}

/// Reads every unfinished run from the store.
async fn reread(api: &Api, actor: &Actor, runs: &mut [Followed]) -> Result<(), ApiError> {
    for f in runs.iter_mut().filter(|f| !f.is_done()) {
        f.run = api
            .get_run(actor, GetRunRequest { run_id: f.run.id })
            .await?;
    }
    Ok(())
}

/// The label of a run: the tenant, and the kind when several kinds are followed at once.
fn labels(runs: &[Followed]) -> Vec<String> {
    let mixed = runs.windows(2).any(|w| w[0].kind != w[1].kind);
    runs.iter()
        .map(|f| {
            if mixed {
                format!("{} · {}", f.tenant, f.kind.code())
            } else {
                f.tenant.clone()
            }
        })
        .collect()
}

/// What a run's progress says besides the bar.
fn message(f: &Followed) -> String {
    match f.run.status {
        RunStatus::Queued => "queued".into(),
        RunStatus::Running => format!("{} objects", thousands(f.objects())),
        RunStatus::Completed => format!(
            "{} — {} objects{}",
            outcome_label(&f.run),
            thousands(f.objects()),
            f.duration()
                .map(|d| format!(" in {}", duration(d)))
                .unwrap_or_default()
        ),
    }
}

enum View {
    Bars {
        _multi: MultiProgress,
        bars: Vec<ProgressBar>,
    },
    Lines {
        labels: Vec<String>,
        /// Per run: the last (status, processed) printed and when.
        printed: HashMap<usize, (RunStatus, i64, Instant)>,
    },
    Silent,
}

impl View {
    fn new(display: Display, runs: &[Followed]) -> Self {
        let labels = labels(runs);
        match display {
            Display::Silent => Self::Silent,
            Display::Lines => Self::Lines {
                labels,
                printed: HashMap::new(),
            },
            Display::Bars => {
                let multi = MultiProgress::with_draw_target(ProgressDrawTarget::stdout());
                let width = labels.iter().map(|l| l.chars().count()).max().unwrap_or(0);
                let style = ProgressStyle::with_template(&format!(
                    "{{prefix:{width}}} [{{bar:30.cyan/blue}}] {{pos:>3}}/{{len:<3}} {{msg}}"
                ))
                .unwrap_or_else(|_| ProgressStyle::default_bar())
                .progress_chars("=> ");
                let bars = labels
                    .into_iter()
                    .map(|label| {
                        let bar = multi.add(ProgressBar::new(0));
                        bar.set_style(style.clone());
                        bar.set_prefix(label);
                        bar
                    })
                    .collect();
                Self::Bars {
                    _multi: multi,
                    bars,
                }
            }
        }
    }

    fn show(&mut self, runs: &[Followed]) {
        match self {
            Self::Silent => {}
            Self::Bars { bars, .. } => {
                for (bar, f) in bars.iter().zip(runs) {
                    if bar.is_finished() {
                        continue;
                    }
                    let total = f.count(summary::TOTAL);
                    if total > 0 {
                        bar.set_length(total as u64);
                        bar.set_position(f.count(summary::PROCESSED).clamp(0, total) as u64);
                    }
                    if f.is_done() {
                        if total == 0 {
                            bar.set_length(1);
                            bar.set_position(1);
                        }
                        bar.finish_with_message(message(f));
                    } else {
                        bar.set_message(message(f));
                    }
                }
            }
            Self::Lines { labels, printed } => {
                for (i, f) in runs.iter().enumerate() {
                    let processed = f.count(summary::PROCESSED);
                    let now = Instant::now();
                    let print = match printed.get(&i) {
                        // The start was already announced; say something once it moves.
                        None => f.run.status != RunStatus::Queued,
                        Some((status, _, _)) if *status != f.run.status => true,
                        Some((RunStatus::Completed, _, _)) => false,
                        Some((_, last, at)) => {
                            *last != processed && now.duration_since(*at) >= LINE_EVERY
                        }
                    };
                    if print {
                        let steps = match f.count(summary::TOTAL) {
                            0 => String::new(),
                            total => format!(" {processed}/{total},"),
                        };
                        let text = match f.run.status {
                            RunStatus::Running => format!("running,{steps} {}", message(f)),
                            _ => message(f),
                        };
                        println!("{}: {text}", labels[i]);
                        printed.insert(i, (f.run.status, processed, now));
                    }
                }
            }
        }
    }

    /// Leaves the cursor below the last bar (indicatif leaves it at the end of that line).
    fn close(&self) {
        if let Self::Bars { .. } = self {
            println!();
        }
    }

    fn abandon(&mut self, runs: &[Followed]) {
        if let Self::Bars { bars, .. } = self {
            for (bar, f) in bars.iter().zip(runs) {
                if !bar.is_finished() {
                    bar.abandon_with_message(format!("{} — stopped waiting", message(f)));
                }
            }
        }
    }
}
