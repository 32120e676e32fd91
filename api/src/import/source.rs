//! Reading an uploaded file row by row while it is still arriving: the request body comes in
//! chunks through a bounded channel ([`ChannelReader`]), so memory stays flat whatever the size.
//! CSV (`;` or `,`, sniffed from the header line; optional UTF-8 BOM; quoted fields) and NDJSON
//! rows both come out as a JSON object keyed by the input's field names, with their line number.

use std::io::{BufRead, BufReader, Read};
use std::sync::{Arc, Mutex};

use actix_web::web::Bytes;
use serde_json::{Map, Value};

use super::columns::{Columns, cell_value};
use super::{RowError, UploadFailure};

/// What the request side sends to the importing thread.
#[derive(Debug)]
pub enum Chunk {
    Data(Bytes),
    /// The body arrived completely.
    End,
    /// The body did not arrive completely (cut connection, over the size limit).
    Failed(UploadFailure),
}

/// A blocking `Read` over the chunks of a request body. A body that stops without [`Chunk::End`]
/// counts as interrupted, so a half file is never imported as if it were whole.
pub struct ChannelReader {
    receiver: tokio::sync::mpsc::Receiver<Chunk>,
    current: Bytes,
    done: bool,
    failure: Arc<Mutex<Option<UploadFailure>>>,
}

impl ChannelReader {
    pub fn new(
        receiver: tokio::sync::mpsc::Receiver<Chunk>,
        failure: Arc<Mutex<Option<UploadFailure>>>,
    ) -> Self {
        Self {
            receiver,
            current: Bytes::new(),
            done: false,
            failure,
        }
    }

    fn fail(&mut self, failure: UploadFailure) -> std::io::Error {
        if let Ok(mut slot) = self.failure.lock() {
            slot.get_or_insert(failure);
        }
        std::io::Error::other("the upload did not complete")
    }
}

impl Read for ChannelReader {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        while self.current.is_empty() {
            if self.done {
                return Ok(0);
            }
            match self.receiver.blocking_recv() {
                Some(Chunk::Data(bytes)) => self.current = bytes,
                Some(Chunk::End) => self.done = true,
                Some(Chunk::Failed(failure)) => return Err(self.fail(failure)),
                None => return Err(self.fail(UploadFailure::Interrupted)),
            }
        }
        let n = buf.len().min(self.current.len());
        buf[..n].copy_from_slice(&self.current.split_to(n));
        Ok(n)
    }
}

/// Turns CRLF into LF. The csv crate reports the line of a record that follows a CRLF one too
/// low (it counts the `\n` of the previous line terminator into the next record), and Excel
/// writes CRLF: with LF only, reported line numbers are the lines an editor shows.
pub struct LineEndings<R> {
    inner: R,
    /// A `\r` ended the previous read; whether it is dropped depends on the next byte.
    pending_cr: bool,
    /// A converted byte that did not fit a one-byte read.
    carry: Option<u8>,
}

impl<R: Read> LineEndings<R> {
    pub fn new(inner: R) -> Self {
        Self {
            inner,
            pending_cr: false,
            carry: None,
        }
    }
}

impl<R: Read> Read for LineEndings<R> {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        if buf.is_empty() {
            return Ok(0);
        }
        if let Some(b) = self.carry.take() {
            buf[0] = b;
            return Ok(1);
        }
        if buf.len() == 1 {
            // Too small for a held-back `\r` plus the byte after it: convert through two bytes.
            let mut two = [0u8; 2];
            let n = self.convert(&mut two)?;
            if n == 2 {
                self.carry = Some(two[1]);
            }
            buf[0] = two[0];
            return Ok(n.min(1));
        }
        self.convert(buf)
    }
}

impl<R: Read> LineEndings<R> {
    /// Reads into `buf` (at least two bytes long), dropping every `\r` that precedes a `\n`.
    fn convert(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        loop {
            let offset = usize::from(self.pending_cr);
            if self.pending_cr {
                buf[0] = b'\r';
            }
            let n = self.inner.read(&mut buf[offset..])?;
            let total = offset + n;
            self.pending_cr = false;
            if n == 0 {
                return Ok(total);
            }
            let mut written = 0;
            for i in 0..total {
                let b = buf[i];
                if b == b'\r' {
                    if i + 1 == total {
                        self.pending_cr = true;
                        continue;
                    }
                    if buf[i + 1] == b'\n' {
                        continue;
                    }
                }
                buf[written] = b;
                written += 1;
            }
            if written > 0 {
                return Ok(written);
            }
        }
    }
}

/// The next thing a source yields.
pub enum Next {
    Row {
        line: u64,
        fields: Map<String, Value>,
    },
    /// A row that cannot even be read as fields (too many fields, invalid UTF-8, broken JSON).
    Invalid(Vec<RowError>),
    End,
}

/// Why reading stopped before the end: the header is unusable, or the upload broke off.
pub enum Stop {
    Invalid(Vec<RowError>),
    Upload,
}

pub trait Source {
    fn next_row(&mut self) -> Result<Next, Stop>;
}

const BOM: &[u8] = b"\xEF\xBB\xBF";
/// Reading buffer: large enough that the channel's chunks are consumed in few calls.
const BUFFER: usize = 64 * 1024;

fn io_stop(_: std::io::Error) -> Stop {
    Stop::Upload
}

/// The already-read header line chained in front of the rest of the upload.
type Rejoined<R> = std::io::Chain<std::io::Cursor<Vec<u8>>, BufReader<LineEndings<R>>>;

/// A CSV file with a header line naming the columns.
pub struct CsvSource<R: Read> {
    reader: csv::Reader<Rejoined<R>>,
    /// Column index in the input for each column of the file.
    header: Vec<usize>,
    columns: Columns,
    record: csv::ByteRecord,
}

/// The separator with more occurrences outside quotes in the header line.
fn sniff_separator(line: &[u8]) -> Option<u8> {
    let (mut semicolons, mut commas, mut quoted) = (0, 0, false);
    for &b in line {
        match b {
            b'"' => quoted = !quoted,
            b';' if !quoted => semicolons += 1,
            b',' if !quoted => commas += 1,
            _ => {}
        }
    }
    match (semicolons, commas) {
        (0, 0) => None,
        (s, c) if s >= c => Some(b';'),
        _ => Some(b','),
    }
}

impl<R: Read> CsvSource<R> {
    pub fn open(reader: R, columns: Columns) -> Result<Self, Stop> {
        let mut buffered = BufReader::with_capacity(BUFFER, LineEndings::new(reader));
        let mut first = Vec::new();
        buffered.read_until(b'\n', &mut first).map_err(io_stop)?;
        if first.starts_with(BOM) {
            first.drain(..BOM.len());
        }
        let header_error = |message: String| Stop::Invalid(vec![RowError::row(1, message)]);
        if first.iter().all(u8::is_ascii_whitespace) {
            return Err(header_error(
                "the file is empty: the first line must name the columns".into(),
            ));
        }
        let Some(separator) = sniff_separator(&first) else {
            return Err(header_error(
                "the header line has neither ';' nor ',' between the column names: \
                 save the file as CSV with ';' or ',' as separator"
                    .into(),
            ));
        };
        let mut reader = csv::ReaderBuilder::new()
            .delimiter(separator)
            .flexible(true)
            .has_headers(true)
            .from_reader(std::io::Cursor::new(first).chain(buffered));
        let names = reader.byte_headers().map_err(|_| Stop::Upload)?.clone();
        let other = if separator == b';' { ',' } else { ';' };
        let mut errors = Vec::new();
        let mut header = Vec::with_capacity(names.len());
        for raw in &names {
            let Ok(name) = std::str::from_utf8(raw) else {
                errors.push(RowError::row(1, "a column name is not valid UTF-8".into()));
                continue;
            };
            let name = name.trim();
            match columns.index_of(name) {
                Some(_) if header.iter().any(|&i| columns.names[i] == name) => {
                    errors.push(RowError::field(1, name, "the column appears twice".into()))
                }
                Some(i) => header.push(i),
                None if name.contains(other) => errors.push(RowError::field(
                    1,
                    name,
                    format!(
                        "unknown column; the header is read with '{}' as separator, but this \
                         name contains '{other}': use one separator throughout",
                        separator as char
                    ),
                )),
                None => errors.push(RowError::field(
                    1,
                    name,
                    format!(
                        "unknown column; the columns are: {}",
                        columns.names.join(", ")
                    ),
                )),
            }
        }
        for required in &columns.required {
            if !header.iter().any(|&i| &columns.names[i] == required) {
                errors.push(RowError::field(
                    1,
                    required,
                    "required column is missing".into(),
                ));
            }
        }
        if !errors.is_empty() {
            return Err(Stop::Invalid(errors));
        }
        Ok(Self {
            reader,
            header,
            columns,
            record: csv::ByteRecord::new(),
        })
    }
}

impl<R: Read> Source for CsvSource<R> {
    fn next_row(&mut self) -> Result<Next, Stop> {
        let more = match self.reader.read_byte_record(&mut self.record) {
            Ok(more) => more,
            Err(e) => {
                return match e.kind() {
                    csv::ErrorKind::Io(_) => Err(Stop::Upload),
                    _ => {
                        let line = e.position().map_or(0, csv::Position::line);
                        Ok(Next::Invalid(vec![RowError::row(line, e.to_string())]))
                    }
                };
            }
        };
        if !more {
            return Ok(Next::End);
        }
        let line = self.record.position().map_or(0, csv::Position::line);
        if self.record.len() != self.header.len() {
            // A single empty field is a blank line in the middle of the file: skip it.
            if self.record.len() == 1 && self.record[0].iter().all(u8::is_ascii_whitespace) {
                return self.next_row();
            }
            let separator = self.reader_separator_hint();
            return Ok(Next::Invalid(vec![RowError::row(
                line,
                format!(
                    "the row has {} fields, the header has {}{separator}",
                    self.record.len(),
                    self.header.len()
                ),
            )]));
        }
        let mut fields = Map::new();
        let mut errors = Vec::new();
        for (raw, &column) in self.record.iter().zip(&self.header) {
            let name = &self.columns.names[column];
            match std::str::from_utf8(raw) {
                // An empty cell is an absent field: the input's default (or "is required").
                Ok("") => {}
                Ok(text) => {
                    fields.insert(name.clone(), cell_value(self.columns.kinds[column], text));
                }
                Err(_) => errors.push(RowError::field(
                    line,
                    name,
                    "is not valid UTF-8 (save the file as UTF-8)".into(),
                )),
            }
        }
        if errors.is_empty() {
            Ok(Next::Row { line, fields })
        } else {
            Ok(Next::Invalid(errors))
        }
    }
}

impl<R: Read> CsvSource<R> {
    /// One field where many were expected usually means another separator in the rows.
    fn reader_separator_hint(&self) -> &'static str {
        if self.record.len() == 1 && self.header.len() > 1 {
            " (is the row written with another separator than the header?)"
        } else {
            ""
        }
    }
}

/// Newline-delimited JSON: one object per line.
pub struct NdjsonSource<R: Read> {
    reader: BufReader<R>,
    line: u64,
    buffer: Vec<u8>,
}

impl<R: Read> NdjsonSource<R> {
    pub fn open(reader: R) -> Self {
        Self {
            reader: BufReader::with_capacity(BUFFER, reader),
            line: 0,
            buffer: Vec::new(),
        }
    }
}

impl<R: Read> Source for NdjsonSource<R> {
    fn next_row(&mut self) -> Result<Next, Stop> {
        loop {
            self.buffer.clear();
            let n = self
                .reader
                .read_until(b'\n', &mut self.buffer)
                .map_err(io_stop)?;
            if n == 0 {
                return Ok(Next::End);
            }
            self.line += 1;
            let mut bytes = self.buffer.as_slice();
            if self.line == 1 && bytes.starts_with(BOM) {
                bytes = &bytes[BOM.len()..];
            }
            if bytes.iter().all(u8::is_ascii_whitespace) {
                continue;
            }
            let line = self.line;
            let Ok(text) = std::str::from_utf8(bytes) else {
                return Ok(Next::Invalid(vec![RowError::row(
                    line,
                    "is not valid UTF-8".into(),
                )]));
            };
            return Ok(match serde_json::from_str::<Value>(text) {
                Ok(Value::Object(fields)) => Next::Row { line, fields },
                Ok(_) => Next::Invalid(vec![RowError::row(
                    line,
                    "each line must be one JSON object".into(),
                )]),
                Err(e) => Next::Invalid(vec![RowError::row(line, format!("not valid JSON: {e}"))]),
            });
        }
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    #[test]
    fn crlf_becomes_lf_across_reads() {
        // One byte at a time: every CR is at the end of a read.
        struct Trickle(Vec<u8>, usize);
        impl Read for Trickle {
            fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
                if self.1 == self.0.len() {
                    return Ok(0);
                }
                buf[0] = self.0[self.1];
                self.1 += 1;
                Ok(1)
            }
        }
        let mut out = String::new();
        LineEndings::new(Trickle(b"a;b\r\nc\rd\r\n\r".to_vec(), 0))
            .read_to_string(&mut out)
            .unwrap();
        assert_eq!(out, "a;b\nc\rd\n\r");
    }

    #[test]
    fn crlf_becomes_lf_through_one_byte_reads() {
        let mut reader = LineEndings::new(&b"a\r\nb\rc\r\n\r"[..]);
        let mut out = Vec::new();
        let mut one = [0u8; 1];
        while reader.read(&mut one).unwrap() == 1 {
            out.push(one[0]);
        }
        assert_eq!(out, b"a\nb\rc\n\r");
    }

    #[test]
    fn separator_is_the_one_outside_quotes() {
        assert_eq!(sniff_separator(b"a;b;c\n"), Some(b';'));
        assert_eq!(sniff_separator(b"a,b,c\n"), Some(b','));
        assert_eq!(sniff_separator(b"\"a;x\",b,c\n"), Some(b','));
        assert_eq!(sniff_separator(b"a\tb\n"), None);
    }
}
