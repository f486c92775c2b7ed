include!("../build-support/commit.rs");

fn main() {
    record_commit(".");
    tauri_build::build()
}
