//! kith's importers and exporters: pure parsers that turn real files (iCalendar, vCard,
//! WhatsApp, SMS Backup & Restore, Telegram, Messenger and Instagram, Google Chat, Google Voice) into plain records, with a report of every
//! record skipped and why, and writers for the `ics`, `vcf` and `csv` exports.
//!
//! Nothing here touches a database, a clock or the network: the binary reads the file,
//! passes "now" and the user's zone in, matches the records to people and writes them in one
//! transaction.

pub mod archive;
pub mod chat;
pub mod detect;
pub mod google_chat;
pub mod google_voice;
pub mod ics;
pub mod messenger;
pub mod report;
pub mod sms;
pub mod telegram;
pub mod text;
pub mod vcf;
pub mod whatsapp;
pub mod write;

pub use chat::{ChatCall, ChatDay, ChatLog, ChatMessage, Direction};
pub use report::{ImportError, Place, Skip};
