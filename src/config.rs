//! The element's attributes → a [`Config`], with one warning per attribute that had to fall back
//! to its default. Pure: it receives the attribute values, it never reads the DOM itself.

use crate::flow::validate::is_safe_href;

/// The widget's language.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub enum Lang {
    /// Japanese (default).
    #[default]
    Ja,
    /// English.
    En,
}

impl Lang {
    /// The BCP 47 tag.
    pub fn tag(self) -> &'static str {
        match self {
            Lang::Ja => "ja",
            Lang::En => "en",
        }
    }
}

/// The colour scheme.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub enum Theme {
    /// Light colours (default): most landing pages are light.
    #[default]
    Light,
    /// Dark colours.
    Dark,
    /// Follow the visitor's system setting (`prefers-color-scheme`).
    Auto,
}

impl Theme {
    /// The value as written in the attribute.
    pub fn name(self) -> &'static str {
        match self {
            Theme::Light => "light",
            Theme::Dark => "dark",
            Theme::Auto => "auto",
        }
    }
}

/// Everything the attributes configure.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Config {
    /// `lang`: `ja` (default) or `en`.
    pub lang: Lang,
    /// `theme`: `light` (default), `dark` or `auto`.
    pub theme: Theme,
    /// `cta-href`: where the call-to-action leads (`https:`, relative or `#anchor`); none → no CTA.
    pub cta_href: Option<String>,
    /// `cta-label`: the call-to-action's text; none → a default in the widget's language.
    pub cta_label: Option<String>,
}

/// Every attribute the element reads, for `observedAttributes` and the docs.
pub const ATTRIBUTES: [&str; 4] = ["lang", "theme", "cta-href", "cta-label"];

/// Builds the config from attribute values (`get(name)` → the attribute, if present).
/// Returns the warnings to print: one per attribute whose value was not allowed.
pub fn from_attributes(get: impl Fn(&str) -> Option<String>) -> (Config, Vec<String>) {
    let mut warnings = Vec::new();
    let mut warn = |name: &str, value: &str, allowed: &str, default: &str| {
        warnings.push(format!(
            "<line-login-diagnosis>: {name}=\"{value}\" is not allowed; allowed: {allowed}. Using {default}."
        ));
    };

    let lang = match get("lang").as_deref().map(str::trim) {
        None | Some("ja") => Lang::Ja,
        Some("en") => Lang::En,
        Some(other) => {
            warn("lang", other, "\"ja\", \"en\"", "\"ja\"");
            Lang::Ja
        }
    };
    let theme = match get("theme").as_deref().map(str::trim) {
        None | Some("light") => Theme::Light,
        Some("dark") => Theme::Dark,
        Some("auto") => Theme::Auto,
        Some(other) => {
            warn("theme", other, "\"light\", \"dark\", \"auto\"", "\"light\"");
            Theme::Light
        }
    };
    let cta_href = match get("cta-href").map(|v| v.trim().to_owned()) {
        None => None,
        Some(href) if is_safe_href(&href) => Some(href),
        Some(other) => {
            warn(
                "cta-href",
                &other,
                "an https: URL, a relative URL or #anchor",
                "no call-to-action",
            );
            None
        }
    };
    let cta_label = match get("cta-label") {
        None => None,
        Some(label) if !label.trim().is_empty() => Some(label.trim().to_owned()),
        Some(other) => {
            warn("cta-label", &other, "a non-empty text", "the default label");
            None
        }
    };
    (
        Config {
            lang,
            theme,
            cta_href,
            cta_label,
        },
        warnings,
    )
}
