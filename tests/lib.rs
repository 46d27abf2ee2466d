//! Helpers shared by the conformance and property tests of kezek.
