//! The built-in diagnosis, compiled into the binary and checked through `validate` like any
//! other flow. `cargo test` proves these files valid; at run time a failure is still reported,
//! never assumed away.

use crate::config::Lang;
use crate::flow::validate::{parse, LoadError, ValidFlow};

/// The Japanese flow file.
pub const JA: &str = include_str!("../content/line-login.ja.json");
/// The English flow file.
pub const EN: &str = include_str!("../content/line-login.en.json");

/// The file of a language.
pub fn source(lang: Lang) -> &'static str {
    match lang {
        Lang::Ja => JA,
        Lang::En => EN,
    }
}

/// Parses and validates the built-in flow of a language.
pub fn builtin(lang: Lang) -> Result<ValidFlow, LoadError> {
    parse(source(lang))
}
