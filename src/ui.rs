//! The Yew side, kept thin: `App` adapts the engine through a reducer (state is plain data,
//! actions are an enum, effects such as focus and events live outside the reducer), and the
//! screens render what the state says. Texts from the flow are always rendered as text.

mod app;
mod page;
mod rich;
mod screens;
mod strings;

pub use app::{storage_key, App, AppProps};
pub use page::{fragment, load};
