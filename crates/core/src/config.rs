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
    /// Query parameters added to the call-to-action's link on a result: the result id under
    /// `cta-result-param` (default `lld_result`, empty = none) and `utm-source`, `utm-medium`,
    /// `utm-campaign` as `utm_source`… when set.
    pub cta_params: Vec<(String, String)>,
    /// `data-layer` present: also push every event to `window.dataLayer`.
    pub data_layer: bool,
    /// `history` present: each move is a browser history entry, so the phone's back gesture
    /// steps back inside the diagnosis before it leaves the page.
    pub history: bool,
}

impl Config {
    /// The call-to-action's link for a result, carrying the diagnosis (see [`with_query`]).
    pub fn cta_link(&self, result: &str) -> Option<String> {
        let href = self.cta_href.as_deref()?;
        let params: Vec<(&str, &str)> = self
            .cta_params
            .iter()
            .map(|(k, v)| (k.as_str(), if v.is_empty() { result } else { v.as_str() }))
            .collect();
        Some(with_query(href, &params))
    }
}

/// Appends query parameters to a link, keeping its query and fragment: `https://a/b?x=1#f` +
/// `[(lld_result, r)]` → `https://a/b?x=1&lld_result=r#f`. A parameter the link already has is
/// left as the marketer wrote it; an in-page `#anchor` gets none (a query would reload the page).
pub fn with_query(href: &str, params: &[(&str, &str)]) -> String {
    if href.starts_with('#') {
        return href.to_owned();
    }
    let (base, fragment) = href.split_at(href.find('#').unwrap_or(href.len()));
    let existing: Vec<&str> = base
        .split_once('?')
        .map(|(_, q)| {
            q.split('&')
                .map(|kv| kv.split('=').next().unwrap_or(""))
                .collect()
        })
        .unwrap_or_default();
    let mut out = base.to_owned();
    for (key, value) in params {
        if existing.contains(key) {
            continue;
        }
        if !out.contains('?') {
            out.push('?');
        } else if !out.ends_with(['?', '&']) {
            out.push('&');
        }
        encode(&mut out, key);
        out.push('=');
        encode(&mut out, value);
    }
    out.push_str(fragment);
    out
}

/// Percent-encodes a query component (RFC 3986 unreserved characters stay as they are).
fn encode(out: &mut String, s: &str) {
    const HEX: &[u8; 16] = b"0123456789ABCDEF";
    for b in s.bytes() {
        if b.is_ascii_alphanumeric() || matches!(b, b'-' | b'.' | b'_' | b'~') {
            out.push(b as char);
        } else {
            out.push('%');
            out.push(HEX[(b >> 4) as usize] as char);
            out.push(HEX[(b & 15) as usize] as char);
        }
    }
}

/// Every attribute the element reads (the README documents each).
pub const ATTRIBUTES: [&str; 10] = [
    "lang",
    "theme",
    "cta-href",
    "cta-label",
    "cta-result-param",
    "utm-source",
    "utm-medium",
    "utm-campaign",
    "data-layer",
    "history",
];

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
    // The result id goes under this name (empty value: filled with the result by cta_link).
    let mut cta_params = Vec::new();
    match get("cta-result-param").map(|v| v.trim().to_owned()) {
        None => cta_params.push(("lld_result".to_owned(), String::new())),
        Some(name) if name.is_empty() => {}
        Some(name)
            if name
                .bytes()
                .all(|b| b.is_ascii_alphanumeric() || b == b'_' || b == b'-') =>
        {
            cta_params.push((name, String::new()))
        }
        Some(other) => {
            warn(
                "cta-result-param",
                &other,
                "letters, digits, '_' and '-', or empty for none",
                "\"lld_result\"",
            );
            cta_params.push(("lld_result".to_owned(), String::new()));
        }
    }
    for name in ["utm-source", "utm-medium", "utm-campaign"] {
        if let Some(value) = get(name)
            .map(|v| v.trim().to_owned())
            .filter(|v| !v.is_empty())
        {
            cta_params.push((name.replace('-', "_"), value));
        }
    }
    (
        Config {
            lang,
            theme,
            cta_href,
            cta_label,
            cta_params,
            data_layer: get("data-layer").is_some(),
            history: get("history").is_some(),
        },
        warnings,
    )
}
