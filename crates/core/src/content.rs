//! The built-in diagnosis files, for native code: tests and benchmarks read them from here.
//!
//! The widget does not compile them in: `embed.js` fetches the one language a page needs from
//! `content/` next to the wasm (in parallel with it), and `embed::mount` validates it with the
//! same rules. That keeps the other language out of every page load (about 9 KB gzip each).

use crate::config::Lang;
use crate::flow::validate::{parse, LoadError, ValidFlow};

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
pub fn builtin(lang: Lang) -> Result<ValidFlow, LoadError> {
    parse(source(lang))
}
