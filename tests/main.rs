//! The one integration-test binary: every test drives the real `pluton` binary against the real
//! rclone, in a world of its own (see `support`).

mod support;

mod add;
mod apply;
mod cli;
mod compat;
mod completion;
mod device;
mod fleet;
mod health;
mod house;
mod keyring;
mod monitoring;
mod oauth;
mod recovery;
mod safety;
mod secrets;
mod storage;
mod tokens;
mod windows;
mod wizard;
