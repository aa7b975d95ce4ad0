//! The Yew side, kept thin: `App` adapts the engine (a click names an `Act`, `update` turns it
//! into an engine command and queues what the page must hear; `rendered` carries that out), and
//! the screens render what the state says. Texts from the flow are always rendered as text.

mod app;
mod page;
mod rich;
mod screens;
mod strings;

pub use app::{storage_key, App, AppProps};
pub use page::{fragment, load};
