//! Shared by the property-test files.

use proptest::test_runner::Config;

/// 64 cases by default, for a quick `cargo test`; `PROPTEST_CASES` (CI sets 10000) overrides.
pub fn proptest_config() -> Config {
    let mut config = Config::default();
    if std::env::var_os("PROPTEST_CASES").is_none() {
        config.cases = 64;
    }
    config
}
