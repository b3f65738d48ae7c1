//! Evaluation harnesses: each reads a data set in the layout of its public dev set, runs the
//! same code path as `dossier analyze`, and scores it the way the data set's reference scorer
//! does. Every report ends with one line `METRIC value`.

pub mod brief;
pub mod claims;
pub mod clustering;
pub mod extraction;
pub mod ner;
pub mod numbers;
pub mod quotes;
pub mod time;
pub mod timeline;
