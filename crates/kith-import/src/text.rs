//! Turning a file's bytes into text, once for every format: UTF-8 with or without a byte
//! order mark, UTF-16 little- or big-endian (with a mark, or recognised by its zero bytes, as
//! Windows tools write it), and lines that are not UTF-8 at all read as Windows-1252 (the
//! superset of Latin-1 that old phones and Outlook write vCard 2.1 in when they name no
//! `CHARSET`).

use std::io::Read;

/// The text of a file, whatever of the encodings above it is in. Nothing is ever refused: a
/// broken UTF-16 half becomes `�`.
pub fn decode(bytes: &[u8]) -> String {
    match utf16(bytes) {
        Some((big_endian, skip)) => from_utf16(&bytes[skip..], big_endian),
        None => from_8bit(bytes.strip_prefix(b"\xef\xbb\xbf").unwrap_or(bytes)),
    }
}

/// [`decode`], taking the bytes: UTF-8 text is used where it lies, without a copy, which
/// halves the memory a long chat export needs while it is read.
pub fn decode_owned(mut bytes: Vec<u8>) -> String {
    if utf16(&bytes).is_some() {
        return decode(&bytes);
    }
    if bytes.starts_with(b"\xef\xbb\xbf") {
        bytes.drain(..3);
    }
    String::from_utf8(bytes).unwrap_or_else(|e| from_8bit(e.as_bytes()))
}

/// Whether `head` (a file's first bytes) is UTF-16, and if so whether big-endian and how many
/// bytes of byte order mark to skip.
pub fn utf16(head: &[u8]) -> Option<(bool, usize)> {
    match head {
        [0xff, 0xfe, ..] => return Some((false, 2)),
        [0xfe, 0xff, ..] => return Some((true, 2)),
        _ => {}
    }
    // Without a mark: text in the ASCII range has a zero in every other byte.
    let sample = &head[..head.len().min(512) & !1];
    if sample.len() < 4 {
        return None;
    }
    let pairs = sample.len() / 2;
    let zero_at = |odd: usize| sample.iter().skip(odd).step_by(2).filter(|b| **b == 0).count();
    let (even, odd) = (zero_at(0), zero_at(1));
    if odd * 10 >= pairs * 7 && even * 10 < pairs {
        Some((false, 0))
    } else if even * 10 >= pairs * 7 && odd * 10 < pairs {
        Some((true, 0))
    } else {
        None
    }
}

fn from_utf16(bytes: &[u8], big_endian: bool) -> String {
    let units = bytes.chunks_exact(2).map(|p| {
        let pair = [p[0], p[1]];
        if big_endian { u16::from_be_bytes(pair) } else { u16::from_le_bytes(pair) }
    });
    let mut text: String =
        char::decode_utf16(units).map(|c| c.unwrap_or(char::REPLACEMENT_CHARACTER)).collect();
    if bytes.len() % 2 == 1 {
        text.push(char::REPLACEMENT_CHARACTER);
    }
    text.strip_prefix('\u{feff}').map(str::to_owned).unwrap_or(text)
}

/// UTF-8 where it is UTF-8, line by line, and Windows-1252 where it is not: an export can
/// mix cards written at different times.
fn from_8bit(bytes: &[u8]) -> String {
    if let Ok(text) = std::str::from_utf8(bytes) {
        return text.to_owned();
    }
    let mut out = String::with_capacity(bytes.len() + bytes.len() / 8);
    for line in bytes.split_inclusive(|b| *b == b'\n') {
        match std::str::from_utf8(line) {
            Ok(text) => out.push_str(text),
            Err(_) => out.extend(line.iter().map(|b| windows_1252(*b))),
        }
    }
    out
}

/// One Windows-1252 byte as a character: Latin-1, except the printable characters Windows
/// put in 0x80 to 0x9F (the euro sign, curly quotes, dashes).
fn windows_1252(b: u8) -> char {
    const HIGH: [char; 32] = [
        '€', '\u{81}', '‚', 'ƒ', '„', '…', '†', '‡', 'ˆ', '‰', 'Š', '‹', 'Œ', '\u{8d}', 'Ž', '\u{8f}',
        '\u{90}', '‘', '’', '“', '”', '•', '–', '—', '˜', '™', 'š', '›', 'œ', '\u{9d}', 'ž', 'Ÿ',
    ];
    match b {
        0x80..=0x9f => HIGH[usize::from(b - 0x80)],
        _ => char::from(b),
    }
}

/// A reader for the streamed formats (SMS backups, which can be hundreds of megabytes): UTF-8
/// passes through as it is read, without its byte order mark; UTF-16 is read whole and
/// turned into UTF-8 first.
///
/// # Errors
/// When reading the first bytes fails.
pub fn utf8_reader<'r>(mut input: impl Read + Send + 'r) -> std::io::Result<Box<dyn Read + Send + 'r>> {
    let mut head = Vec::with_capacity(512);
    (&mut input).take(512).read_to_end(&mut head)?;
    if utf16(&head).is_some() {
        let mut all = head;
        input.read_to_end(&mut all)?;
        return Ok(Box::new(std::io::Cursor::new(decode(&all).into_bytes())));
    }
    let start = if head.starts_with(b"\xef\xbb\xbf") { 3 } else { 0 };
    head.drain(..start);
    Ok(Box::new(std::io::Cursor::new(head).chain(input)))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn utf16le(text: &str, bom: bool) -> Vec<u8> {
        let mut out = if bom { vec![0xff, 0xfe] } else { Vec::new() };
        out.extend(text.encode_utf16().flat_map(u16::to_le_bytes));
        out
    }

    #[test]
    fn every_encoding_reads_as_the_same_text() {
        let text = "BEGIN:VCARD\r\nFN:Jürgen Müller 😀\r\nEND:VCARD\r\n";
        let mut be = vec![0xfe, 0xff];
        be.extend(text.encode_utf16().flat_map(u16::to_be_bytes));
        let mut bom8 = b"\xef\xbb\xbf".to_vec();
        bom8.extend(text.as_bytes());
        for bytes in [text.as_bytes().to_vec(), bom8, utf16le(text, true), utf16le(text, false), be] {
            assert_eq!(decode(&bytes), text, "{:?}", &bytes[..6]);
            assert_eq!(decode_owned(bytes.clone()), text, "owned: {:?}", &bytes[..6]);
        }
    }

    #[test]
    fn lines_that_are_not_utf8_are_read_as_windows_1252() {
        let bytes = b"FN:Bj\xf6rn \x96 \x80\r\nNOTE:caf\xc3\xa9\r\n";
        assert_eq!(decode(bytes), "FN:Björn – €\r\nNOTE:café\r\n");
        let mut marked = b"\xef\xbb\xbf".to_vec();
        marked.extend(bytes);
        assert_eq!(decode_owned(marked), "FN:Björn – €\r\nNOTE:café\r\n");
    }

    #[test]
    fn a_stream_loses_its_mark_and_utf16_becomes_utf8() {
        let mut out = String::new();
        utf8_reader(&b"\xef\xbb\xbf<smses/>"[..]).expect("reads").read_to_string(&mut out).expect("utf-8");
        assert_eq!(out, "<smses/>");
        out.clear();
        let wide = utf16le("<smses count=\"0\"/>", true);
        utf8_reader(&wide[..]).expect("reads").read_to_string(&mut out).expect("utf-8");
        assert_eq!(out, "<smses count=\"0\"/>");
    }
}
