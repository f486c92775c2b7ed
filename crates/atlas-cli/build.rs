include!("../../build-support/commit.rs");

fn main() {
    record_commit("../..");
}
