//! Helpers shared by the test and benchmark targets of the desktop package.

pub mod app;
