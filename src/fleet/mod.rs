//! Many storages changed in one pass, the way `storage apply` converges a host on a file
//! (design.md §9). The pipeline, one module a step:
//!
//! 1. `file`: read the apply file into declarations, every entry's shape checked;
//! 2. `resolve`: each declaration becomes the storage it wants to be (schema and provider
//!    limits checked, secrets and tokens read);
//! 3. `plan`: compare with what exists: create / update (these keys) / unchanged / remove;
//! 4. verify the plan's new and changed sections together (`crate::verify::verify_many`);
//! 5. `commit`: under the lock, plan again on the files as they are now and apply it in one
//!    atomic write of each file.
//!
//! `export` goes the other way: the storages that exist, as an apply file.

pub mod commit;
pub mod export;
pub mod file;
pub mod plan;
pub mod resolve;
