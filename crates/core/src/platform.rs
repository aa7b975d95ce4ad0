//! Which device the visitor is on, from the user agent alone (no request): it decides how steps
//! that happen in the LINE app or in a browser are introduced, and which device's route a
//! result shows first. Pure.

use crate::flow::model::Audience;

/// The visitor's device.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Platform {
    /// What kind of device.
    pub device: Device,
    /// Inside LINE's in-app browser (a link opened from a LINE chat).
    pub in_line_app: bool,
}

/// A kind of device.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Device {
    /// iPhone, iPad (also iPadOS, which reports a Mac with a touch screen).
    Ios,
    /// Android phone or tablet.
    Android,
    /// A computer: LINE app steps happen on the visitor's phone.
    #[default]
    Desktop,
}

impl Platform {
    /// Classifies a user agent; `touch_points` is `navigator.maxTouchPoints` (iPadOS tells
    /// itself apart from a Mac only by it).
    pub fn detect(user_agent: &str, touch_points: u32) -> Platform {
        // A byte-window scan: enough for these short needles, and far smaller in the wasm than
        // `str::contains` with a string pattern.
        let has = |needle: &str| {
            user_agent
                .as_bytes()
                .windows(needle.len())
                .any(|w| w == needle.as_bytes())
        };
        let device = if ["iPhone", "iPad", "iPod"].into_iter().any(has)
            || (has("Macintosh") && touch_points > 1)
        {
            Device::Ios
        } else if has("Android") {
            Device::Android
        } else {
            Device::Desktop
        };
        Platform {
            device,
            // LINE's in-app browser appends " Line/<version>" to the system browser's agent.
            in_line_app: has(" Line/"),
        }
    }

    /// On a phone or tablet, where the LINE app steps can be done on this very device.
    pub fn is_mobile(self) -> bool {
        self.device != Device::Desktop
    }

    /// Whose steps the visitor follows: a phone's or tablet's (LINE's in-app browser included),
    /// or a computer's.
    pub fn audience(self) -> Audience {
        if self.is_mobile() {
            Audience::Phone
        } else {
            Audience::Desktop
        }
    }
}
