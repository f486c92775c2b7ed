//! Benchmark reports: each benchmark owns one `## ` section of `BENCHMARKS.md`.

use std::path::Path;

const HEADER: &str = "# Benchmarks\n\nWritten by `scripts/bench.sh`; each figure is a ratio to a \
                      reference measured in the same run, so it survives a noisy machine.\n\n";

/// Replaces the section that starts with `heading` (e.g. `## Engine`) in the file at `path`
/// with `section` (moved to the end), creating the file when missing; other sections stay.
pub fn write_section(path: &Path, heading: &str, section: &str) {
    let existing = std::fs::read_to_string(path).unwrap_or_else(|_| HEADER.into());
    let kept = match existing.find(heading) {
        Some(start) => {
            let end = existing[start + 1..]
                .find("\n## ")
                .map(|i| start + 1 + i + 1)
                .unwrap_or(existing.len());
            format!("{}{}", &existing[..start], &existing[end..])
        }
        None => existing,
    };
    std::fs::write(path, format!("{}\n\n{section}", kept.trim_end()))
        .unwrap_or_else(|e| panic!("writing {}: {e}", path.display()));
}
