//! Zip archives: a WhatsApp export shared as a zip (iOS writes `_chat.txt` inside it, Android
//! "WhatsApp Chat with Sam.txt"), and Google Takeout. Only the members kith reads are
//! decompressed, each up to a limit, so a hostile archive cannot fill the memory.

use crate::report::{ImportError, Place};
use std::io::{Cursor, Read};

/// The most one member may decompress to.
pub const MEMBER_LIMIT: u64 = 1 << 30;

/// The names of the members of the archive, in order.
///
/// # Errors
/// When the bytes are not a readable zip archive.
pub fn names(bytes: &[u8], expected: &'static str) -> Result<Vec<String>, ImportError> {
    let zip = open(bytes, expected)?;
    Ok(zip.file_names().filter_map(Result::ok).map(|n| n.into_owned()).collect())
}

fn open<'a>(
    bytes: &'a [u8],
    expected: &'static str,
) -> Result<zip::ZipArchive<Cursor<&'a [u8]>>, ImportError> {
    zip::ZipArchive::new(Cursor::new(bytes)).map_err(|e| ImportError::WrongFormat {
        expected,
        at: Place::Record(1),
        why: format!("the zip archive cannot be read ({e}); it may be cut short"),
    })
}

/// The member called `name`, decompressed.
///
/// # Errors
/// When it is missing, damaged, or bigger than [`MEMBER_LIMIT`].
pub fn read(bytes: &[u8], name: &str, expected: &'static str) -> Result<Vec<u8>, ImportError> {
    let mut zip = open(bytes, expected)?;
    let bad = |why: String| ImportError::WrongFormat { expected, at: Place::Record(1), why };
    let member =
        zip.by_name(name).map_err(|e| bad(format!("{name} cannot be read from the archive ({e})")))?;
    let mut out = Vec::with_capacity(usize::try_from(member.size().min(MEMBER_LIMIT)).unwrap_or(0));
    member
        .take(MEMBER_LIMIT + 1)
        .read_to_end(&mut out)
        .map_err(|e| bad(format!("{name} in the archive is damaged ({e})")))?;
    if out.len() as u64 > MEMBER_LIMIT {
        return Err(bad(format!("{name} in the archive is bigger than {} MiB", MEMBER_LIMIT >> 20)));
    }
    Ok(out)
}

/// The chat inside a WhatsApp zip: `_chat.txt`, else "WhatsApp Chat with ….txt", else the
/// only `.txt` in it.
///
/// # Errors
/// When the archive has no such member or cannot be read.
pub fn whatsapp_chat(bytes: &[u8], expected: &'static str) -> Result<Vec<u8>, ImportError> {
    let all = names(bytes, expected)?;
    let base = |n: &str| n.rsplit('/').next().unwrap_or(n).to_owned();
    let texts: Vec<&String> = all
        .iter()
        .filter(|n| base(n).to_ascii_lowercase().ends_with(".txt") && !n.starts_with("__MACOSX"))
        .collect();
    let chosen = texts
        .iter()
        .find(|n| base(n) == "_chat.txt")
        .or_else(|| texts.iter().find(|n| base(n).starts_with("WhatsApp Chat")))
        .or_else(|| if texts.len() == 1 { texts.first() } else { None })
        .ok_or_else(|| ImportError::WrongFormat {
            expected,
            at: Place::Record(1),
            why: "the zip archive holds no _chat.txt or \"WhatsApp Chat with ….txt\"".into(),
        })?;
    read(bytes, chosen, expected)
}
