//! The built-in diagnosis files, for native code: tests, benchmarks and tools read them here.
//!
//! The widget does not compile them in: the release build validates and compiles each one
//! (`flow::compiled`, scripts/post-build.mjs), and `embed.js` fetches the one language a page
//! needs next to the wasm, in parallel with it. That keeps the other language out of every page
//! load (about 10 KB gzip each).

use crate::config::Lang;
use crate::flow::valid::ValidFlow;
#[cfg(feature = "json")]
use crate::flow::validate::{parse, LoadError};

/// The Japanese flow file.
pub const JA: &str = include_str!("../../../content/line-login.ja.json");
/// The English flow file.
pub const EN: &str = include_str!("../../../content/line-login.en.json");

/// The file of a language.
pub fn source(lang: Lang) -> &'static str {
    match lang {
        Lang::Ja => JA,
        Lang::En => EN,
    }
}

/// Parses and validates the built-in flow of a language.
#[cfg(feature = "json")]
pub fn builtin(lang: Lang) -> Result<ValidFlow, LoadError> {
    parse(source(lang))
}
