//! Snapshots that arrive without their own completion proof — made from another tool's backup,
//! or from older data — classified by SPEC §6.7's fixed decision table. The first rule that
//! matches wins, and the rule is recorded with the snapshot so the operator sees why it is (or
//! is not) trusted for compare.

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::{codes::code_enum, SnapshotState};

code_enum! {
    /// The rule of the decision table that classified a snapshot.
    pub enum ProofRule as "proof_rule" {
        /// The source declares how many items it holds, and exactly that many were stored.
        ExactCount => "exact_count",
        /// The run that produced the source succeeded, and its item count matches.
        RunSuccessCountMatch => "run_success_count_match",
        /// The source proves it held nothing, and nothing was stored.
        ProvenEmpty => "proven_empty",
        /// Some evidence exists but disagrees, or part of the source could not be taken over.
        ContradictoryEvidence => "contradictory_evidence",
        /// Nothing proves the source complete: recapture before compare.
        NoProof => "no_proof",
    }
}

/// The run that produced a source, when it is known.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct ProducingRun {
    pub succeeded: bool,
    /// Items it says it wrote.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub items: Option<i64>,
}

/// What is known about a source without completion proof.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize, TS)]
pub struct HistoryEvidence {
    /// Items the source declares it holds (a tool's own summary), if it says.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub declared_items: Option<i64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub producing_run: Option<ProducingRun>,
    /// Items of the source read and stored.
    pub found_items: i64,
    /// Part of the source could not be taken over (files not imported, subjects ambiguous).
    pub gaps: bool,
}

impl HistoryEvidence {
    /// The snapshot's lifecycle and the rule that decided it (first match wins).
    pub fn classify(&self) -> (SnapshotState, ProofRule) {
        use ProofRule as R;
        let found = self.found_items;
        let clean = !self.gaps;
        let run_items = self
            .producing_run
            .filter(|r| r.succeeded)
            .and_then(|r| r.items);
        let rule = if clean && found > 0 && self.declared_items == Some(found) {
            R::ExactCount
        } else if clean && found > 0 && run_items == Some(found) {
            R::RunSuccessCountMatch
        } else if clean
            && found == 0
            && (self.declared_items == Some(0) || run_items == Some(0))
            && self.declared_items.unwrap_or(0) == 0
        {
            R::ProvenEmpty
        } else if self.gaps || self.declared_items.is_some() || self.producing_run.is_some() {
            R::ContradictoryEvidence
        } else {
            R::NoProof
        };
        let state = match rule {
            R::ExactCount | R::RunSuccessCountMatch | R::ProvenEmpty => SnapshotState::Complete,
            R::ContradictoryEvidence | R::NoProof => SnapshotState::Incomplete,
        };
        (state, rule)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn evidence(
        declared: Option<i64>,
        run: Option<(bool, Option<i64>)>,
        found: i64,
        gaps: bool,
    ) -> HistoryEvidence {
        HistoryEvidence {
            declared_items: declared,
            producing_run: run.map(|(succeeded, items)| ProducingRun { succeeded, items }),
            found_items: found,
            gaps,
        }
    }

    #[test]
    fn each_row_of_the_table_and_first_match_wins() {
        use ProofRule as R;
        use SnapshotState::{Complete, Incomplete};
        let rows = [
            // 1. Exact count proof, also when a run says something else (first match wins).
            (evidence(Some(12), None, 12, false), Complete, R::ExactCount),
            (
                evidence(Some(12), Some((false, Some(3))), 12, false),
                Complete,
                R::ExactCount,
            ),
            // 2. The producing run succeeded and its count matches.
            (
                evidence(None, Some((true, Some(7))), 7, false),
                Complete,
                R::RunSuccessCountMatch,
            ),
            // 3. Proven empty: the source says zero and nothing was found.
            (evidence(Some(0), None, 0, false), Complete, R::ProvenEmpty),
            (
                evidence(None, Some((true, Some(0))), 0, false),
                Complete,
                R::ProvenEmpty,
            ),
            // 4. Contradictory or partial evidence.
            (
                evidence(Some(12), None, 11, false),
                Incomplete,
                R::ContradictoryEvidence,
            ),
            (
                evidence(Some(12), None, 12, true),
                Incomplete,
                R::ContradictoryEvidence,
            ),
            (
                evidence(None, Some((false, Some(7))), 7, false),
                Incomplete,
                R::ContradictoryEvidence,
            ),
            (
                evidence(None, Some((true, None)), 7, false),
                Incomplete,
                R::ContradictoryEvidence,
            ),
            (
                evidence(Some(0), None, 3, false),
                Incomplete,
                R::ContradictoryEvidence,
            ),
            (
                evidence(None, None, 5, true),
                Incomplete,
                R::ContradictoryEvidence,
            ),
            // 5. No proof at all: never trusted, however many items were found.
            (evidence(None, None, 40, false), Incomplete, R::NoProof),
            (evidence(None, None, 0, false), Incomplete, R::NoProof),
        ];
        for (input, state, rule) in rows {
            assert_eq!(input.classify(), (state, rule), "{input:?}");
        }
    }
}
