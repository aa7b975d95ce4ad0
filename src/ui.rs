//! The Yew side, kept thin: `App` hands each input to `lld_core::state` and performs the
//! effects it returns; the screens render what the state says. Texts from the flow are always
//! rendered as text.

mod app;
mod page;
mod rich;
mod screens;

pub use app::{App, AppProps};
pub use page::{fragment, load, set_stop};
