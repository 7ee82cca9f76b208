//! The page headers of a table file, read before any page is unpacked.
//!
//! A Parquet page says in its header how many bytes it holds once unpacked, and the
//! decoder makes room for that many before it unpacks a byte. Compression lets a few
//! kilobytes declare (and truly hold) gigabytes, so the headers are read first and
//! added up: a file whose pages would unpack to more than its bytes can explain is
//! refused before anything is unpacked.
//!
//! A header is a Thrift struct in the compact protocol; this reads the two fields it
//! needs (the sizes) and steps over the rest, within the bytes of its column chunk
//! and a small nesting depth.

use std::fs::File;
use std::io::{BufReader, Read, Seek, SeekFrom};

use ::parquet::file::metadata::ParquetMetaData;

/// Why the pages of a file could not be walked.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Damage {
    /// The file could not be read where a header stands.
    Io(String),
    /// A header does not read, or a page passes the end of its column chunk.
    Header {
        /// The column's path (`name`, `period.kind`).
        column: String,
    },
}

/// The most structs a header may nest (the format nests three).
const MAX_DEPTH: u32 = 16;

/// What one page header says.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
struct Header {
    /// Bytes once unpacked.
    unpacked: u64,
    /// Bytes of the page after its header.
    packed: u64,
}

/// What the pages of a file declare once unpacked.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub(crate) struct Unpacked {
    /// All pages' bytes.
    pub(crate) total: u64,
    /// The largest page's bytes.
    pub(crate) largest: u64,
    /// The column of the largest page.
    pub(crate) column: String,
}

/// The bytes every page of the file declares once unpacked, summed over all its
/// column chunks, and the largest page.
pub(crate) fn unpacked_bytes(file: &File, metadata: &ParquetMetaData) -> Result<Unpacked, Damage> {
    let mut input = BufReader::with_capacity(4 * 1024, file);
    let mut found = Unpacked::default();
    for group in metadata.row_groups() {
        for chunk in group.columns() {
            let start = chunk
                .dictionary_page_offset()
                .unwrap_or_else(|| chunk.data_page_offset());
            let damaged = || Damage::Header {
                column: chunk.column_path().string(),
            };
            let start = u64::try_from(start).map_err(|_| damaged())?;
            let size = u64::try_from(chunk.compressed_size()).map_err(|_| damaged())?;
            input
                .seek(SeekFrom::Start(start))
                .map_err(|e| Damage::Io(e.to_string()))?;
            let (total, largest) = walk_chunk(&mut input, size).map_err(|e| match e {
                Walk::Io(e) => Damage::Io(e),
                Walk::Damaged => damaged(),
            })?;
            found.total = found.total.saturating_add(total);
            if largest > found.largest {
                found.largest = largest;
                found.column = chunk.column_path().string();
            }
        }
    }
    Ok(found)
}

/// Why walking one chunk stopped.
#[derive(Debug, PartialEq, Eq)]
enum Walk {
    Io(String),
    Damaged,
}

/// Walks every page of one column chunk of `size` bytes from where `input` stands
/// (the decoder may read any page in those bytes, whatever the chunk's count of
/// values says); the bytes its pages declare unpacked, and its largest page's.
fn walk_chunk<R: Read + Seek>(input: &mut R, size: u64) -> Result<(u64, u64), Walk> {
    let mut at = 0u64;
    let (mut total, mut largest) = (0u64, 0u64);
    while at < size {
        let mut reader = Compact {
            input: &mut *input,
            read: 0,
            limit: size - at,
        };
        let header = reader.page_header()?;
        at += reader.read;
        if header.packed > size - at {
            return Err(Walk::Damaged);
        }
        skip(input, header.packed)?;
        at += header.packed;
        total = total.saturating_add(header.unpacked);
        largest = largest.max(header.unpacked);
    }
    Ok((total, largest))
}

/// Moves `input` on by `n` bytes.
fn skip<R: Read + Seek>(input: &mut R, n: u64) -> Result<(), Walk> {
    let n = i64::try_from(n).map_err(|_| Walk::Damaged)?;
    input
        .seek(SeekFrom::Current(n))
        .map(|_| ())
        .map_err(|e| Walk::Io(e.to_string()))
}

/// A reader of Thrift's compact protocol over at most `limit` bytes.
struct Compact<R> {
    input: R,
    read: u64,
    limit: u64,
}

/// Compact protocol type codes.
const BOOL_TRUE: u8 = 1;
const BOOL_FALSE: u8 = 2;
const BYTE: u8 = 3;
const I16: u8 = 4;
const I32: u8 = 5;
const I64: u8 = 6;
const DOUBLE: u8 = 7;
const BINARY: u8 = 8;
const LIST: u8 = 9;
const SET: u8 = 10;
const MAP: u8 = 11;
const STRUCT: u8 = 12;

impl<R: Read + Seek> Compact<R> {
    fn byte(&mut self) -> Result<u8, Walk> {
        if self.read >= self.limit {
            return Err(Walk::Damaged);
        }
        let mut one = [0u8; 1];
        match self.input.read_exact(&mut one) {
            Ok(()) => {}
            Err(e) if e.kind() == std::io::ErrorKind::UnexpectedEof => return Err(Walk::Damaged),
            Err(e) => return Err(Walk::Io(e.to_string())),
        }
        self.read += 1;
        Ok(one[0])
    }

    fn bytes(&mut self, n: u64) -> Result<(), Walk> {
        if n > self.limit - self.read {
            return Err(Walk::Damaged);
        }
        // Read, not sought: a seek would drop what is buffered after a few bytes.
        let copied = std::io::copy(&mut (&mut self.input).take(n), &mut std::io::sink())
            .map_err(|e| Walk::Io(e.to_string()))?;
        if copied < n {
            return Err(Walk::Damaged);
        }
        self.read += n;
        Ok(())
    }

    fn varint(&mut self) -> Result<u64, Walk> {
        let mut value = 0u64;
        for shift in (0..70).step_by(7) {
            let b = self.byte()?;
            value |= u64::from(b & 0x7f) << shift;
            if b & 0x80 == 0 {
                return Ok(value);
            }
        }
        Err(Walk::Damaged)
    }

    fn zigzag(&mut self) -> Result<i64, Walk> {
        let v = self.varint()?;
        Ok(((v >> 1) as i64) ^ -((v & 1) as i64))
    }

    /// A non-negative 32-bit field.
    fn size(&mut self) -> Result<u64, Walk> {
        let v = self.zigzag()?;
        i32::try_from(v)
            .ok()
            .and_then(|v| u64::try_from(v).ok())
            .ok_or(Walk::Damaged)
    }

    /// The next field's id and type, or none at the struct's end.
    fn field(&mut self, last: &mut i16) -> Result<Option<(i16, u8)>, Walk> {
        let b = self.byte()?;
        if b == 0 {
            return Ok(None);
        }
        let ty = b & 0x0f;
        let delta = b >> 4;
        let id = if delta == 0 {
            i16::try_from(self.zigzag()?).map_err(|_| Walk::Damaged)?
        } else {
            last.checked_add(i16::from(delta)).ok_or(Walk::Damaged)?
        };
        *last = id;
        Ok(Some((id, ty)))
    }

    /// Steps over a value of type `ty` (`element`: inside a list, where a boolean
    /// takes a byte).
    fn skip_value(&mut self, ty: u8, element: bool, depth: u32) -> Result<(), Walk> {
        if depth > MAX_DEPTH {
            return Err(Walk::Damaged);
        }
        match ty {
            BOOL_TRUE | BOOL_FALSE if !element => Ok(()),
            BOOL_TRUE | BOOL_FALSE | BYTE => self.byte().map(drop),
            I16 | I32 | I64 => self.varint().map(drop),
            DOUBLE => self.bytes(8),
            BINARY => {
                let n = self.varint()?;
                self.bytes(n)
            }
            LIST | SET => {
                let head = self.byte()?;
                let n = match head >> 4 {
                    15 => self.varint()?,
                    n => u64::from(n),
                };
                for _ in 0..n {
                    self.skip_value(head & 0x0f, true, depth + 1)?;
                }
                Ok(())
            }
            MAP => {
                let n = self.varint()?;
                if n > 0 {
                    let types = self.byte()?;
                    for _ in 0..n {
                        self.skip_value(types >> 4, true, depth + 1)?;
                        self.skip_value(types & 0x0f, true, depth + 1)?;
                    }
                }
                Ok(())
            }
            STRUCT => {
                let mut last = 0;
                while let Some((_, ty)) = self.field(&mut last)? {
                    self.skip_value(ty, false, depth + 1)?;
                }
                Ok(())
            }
            _ => Err(Walk::Damaged),
        }
    }

    /// A page header's sizes (fields 2 and 3); every other field is stepped over.
    fn page_header(&mut self) -> Result<Header, Walk> {
        let (mut unpacked, mut packed) = (None, None);
        let mut last = 0;
        while let Some((id, ty)) = self.field(&mut last)? {
            match (id, ty) {
                (2, I32) => unpacked = Some(self.size()?),
                (3, I32) => packed = Some(self.size()?),
                _ => self.skip_value(ty, false, 1)?,
            }
        }
        Ok(Header {
            unpacked: unpacked.ok_or(Walk::Damaged)?,
            packed: packed.ok_or(Walk::Damaged)?,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::Cursor;

    /// A compact-protocol field header of a short delta.
    fn field(delta: u8, ty: u8) -> u8 {
        (delta << 4) | ty
    }

    fn zigzag(v: i64) -> Vec<u8> {
        let mut v = ((v << 1) ^ (v >> 63)) as u64;
        let mut out = Vec::new();
        loop {
            let b = (v & 0x7f) as u8;
            v >>= 7;
            if v == 0 {
                out.push(b);
                return out;
            }
            out.push(b | 0x80);
        }
    }

    /// A data page header (version 1) with its sizes and values, and a field the
    /// walker does not know (a binary, as statistics would be).
    fn data_page(unpacked: i64, packed: i64, values: i64) -> Vec<u8> {
        let mut h = vec![field(1, I32)];
        h.extend(zigzag(0));
        h.push(field(1, I32));
        h.extend(zigzag(unpacked));
        h.push(field(1, I32));
        h.extend(zigzag(packed));
        h.push(field(2, STRUCT));
        h.push(field(1, I32));
        h.extend(zigzag(values));
        h.push(field(1, I32));
        h.extend(zigzag(0));
        h.push(field(3, STRUCT));
        h.push(field(3, BINARY));
        h.extend([3, b'a', b'b', b'c']);
        h.push(0);
        h.push(0);
        h.push(0);
        h.extend(std::iter::repeat_n(0xAA, usize::try_from(packed).unwrap()));
        h
    }

    #[test]
    fn pages_are_walked_and_their_sizes_summed() {
        let mut bytes = data_page(1000, 5, 10);
        bytes.extend(data_page(24, 3, 7));
        bytes.extend(data_page(4000, 2, 1));
        let size = bytes.len() as u64;
        // Every page of the chunk, whatever values they hold.
        assert_eq!(walk_chunk(&mut Cursor::new(&bytes), size), Ok((5024, 4000)));
    }

    #[test]
    fn damaged_headers_are_refused() {
        let page = data_page(1000, 5, 10);
        let size = page.len() as u64;
        // Cut short: the page passes the chunk's end.
        assert_eq!(
            walk_chunk(&mut Cursor::new(&page), size - 1),
            Err(Walk::Damaged)
        );
        // A negative size.
        let bad = data_page(-4, 5, 10);
        assert_eq!(
            walk_chunk(&mut Cursor::new(&bad), bad.len() as u64),
            Err(Walk::Damaged)
        );
        // Structs nested past the limit.
        let deep: Vec<u8> = std::iter::repeat_n(field(1, STRUCT), 40).collect();
        assert_eq!(
            walk_chunk(&mut Cursor::new(&deep), deep.len() as u64),
            Err(Walk::Damaged)
        );
        // A list declaring more elements than the chunk holds.
        let mut list = vec![field(9, LIST), 0xF0 | BYTE];
        list.extend(zigzag(1 << 40));
        assert_eq!(
            walk_chunk(&mut Cursor::new(&list), list.len() as u64),
            Err(Walk::Damaged)
        );
    }
}
