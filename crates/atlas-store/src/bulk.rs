//! Reads of tens of thousands of rows (a review pack's findings and inventory), each row
//! decoded by one function whichever engine it came from.
//!
//! sqlx's SQLite driver steps a statement on a worker thread of its own and hands every row
//! over to the caller's thread, which costs more than reading the row (about 3 µs a row).
//! Here the connection's handle is locked away from that worker for the length of the read
//! and the statement is stepped right here through rusqlite. Its rows' values are copied into
//! batches of a thousand rows that a second thread decodes meanwhile: decoding (ids, text,
//! times) costs about as much as SQLite's own work, so the two overlap. PostgreSQL rows arrive
//! in the driver's buffers and are decoded as they are.

use std::ops::Range;
use std::sync::mpsc::{sync_channel, Receiver};

use rusqlite::types::ValueRef;
use sqlx::Row as _;

use crate::StoreError;

/// What a row decoder reads: one column at a time, by position, text borrowed from the row.
pub(crate) trait Columns {
    fn text(&self, i: usize) -> Result<&str, StoreError>;
    fn opt_text(&self, i: usize) -> Result<Option<&str>, StoreError>;
    fn int(&self, i: usize) -> Result<i64, StoreError>;
    fn opt_int(&self, i: usize) -> Result<Option<i64>, StoreError>;
}

/// Every row `sqlite` or `postgres` selects (each binds `$1` to `key`), decoded by `decode`
/// as it is read. On SQLite the read runs on the calling thread (tens of milliseconds for tens
/// of thousands of rows): the task awaiting it makes no other progress meanwhile, so a caller
/// that reads other things at the same time reads this on a task of its own. On a
/// multi-threaded runtime the worker's other tasks are handed to another thread first.
pub(crate) async fn rows<T: Send>(
    db: &mut impl crate::Db,
    sqlite: &str,
    postgres: &str,
    key: &str,
    mut decode: impl FnMut(&dyn Columns) -> Result<T, StoreError> + Send,
) -> Result<Vec<T>, StoreError> {
    match db.ex() {
        crate::exec::Ex::Sqlite(c) => {
            let mut handle = c.lock_handle().await?;
            let step = || step_sqlite(&mut handle, sqlite, key, decode);
            match tokio::runtime::Handle::current().runtime_flavor() {
                tokio::runtime::RuntimeFlavor::MultiThread => tokio::task::block_in_place(step),
                _ => step(),
            }
        }
        crate::exec::Ex::Postgres(c) => {
            let rows = sqlx::query(postgres).bind(key).fetch_all(&mut *c).await?;
            rows.iter().map(|row| decode(row)).collect()
        }
    }
}

/// Rows copied into a batch at most.
const BATCH_ROWS: usize = 1024;
/// Batches waiting for the decoder at most.
const QUEUED_BATCHES: usize = 4;

/// Steps `sql` on the locked connection itself, decoding on a second thread.
#[allow(unsafe_code)]
fn step_sqlite<T: Send>(
    handle: &mut sqlx::sqlite::LockedSqliteHandle<'_>,
    sql: &str,
    key: &str,
    decode: impl FnMut(&dyn Columns) -> Result<T, StoreError> + Send,
) -> Result<Vec<T>, StoreError> {
    // SAFETY: the handle stays locked away from sqlx's worker while `conn` lives (it is
    // dropped at the end of this function, before `handle`), so only this thread uses the
    // connection meanwhile; `from_handle` borrows it and never closes it.
    let conn = unsafe { rusqlite::Connection::from_handle(handle.as_raw_handle().as_ptr()) }?;
    let mut statement = conn.prepare(sql)?;
    let columns = statement.column_count();
    let mut rows = statement.query([key])?;
    std::thread::scope(|scope| {
        let (sender, receiver) = sync_channel(QUEUED_BATCHES);
        let decoder = std::thread::Builder::new()
            .name("store-decode".into())
            .spawn_scoped(scope, move || decode_batches(receiver, decode))
            .map_err(|e| StoreError::Database(sqlx::Error::Io(e)))?;
        let mut stepped = || -> Result<(), StoreError> {
            let mut batch = Batch::new(columns);
            while let Some(row) = rows.next()? {
                batch.push(row)?;
                if batch.rows == BATCH_ROWS {
                    let full = std::mem::replace(&mut batch, Batch::new(columns));
                    if sender.send(full).is_err() {
                        // The decoder stopped on a row: its error is the answer.
                        return Ok(());
                    }
                }
            }
            let _ = sender.send(batch);
            Ok(())
        };
        let stepped = stepped();
        drop(sender);
        let decoded = decoder
            .join()
            .unwrap_or_else(|panic| std::panic::resume_unwind(panic));
        stepped?;
        decoded
    })
}

fn decode_batches<T>(
    batches: Receiver<Batch>,
    mut decode: impl FnMut(&dyn Columns) -> Result<T, StoreError>,
) -> Result<Vec<T>, StoreError> {
    let mut out = Vec::new();
    for batch in batches {
        out.reserve(batch.rows);
        for row in 0..batch.rows {
            out.push(decode(&BatchRow { batch: &batch, row })?);
        }
    }
    Ok(out)
}

/// Rows' values copied out of the statement: text as bytes in one buffer, checked as UTF-8
/// where it is decoded.
struct Batch {
    columns: usize,
    rows: usize,
    cells: Vec<Cell>,
    bytes: Vec<u8>,
}

enum Cell {
    Null,
    Int(i64),
    Text(Range<usize>),
    /// A real or a blob: no bulk read selects one.
    Other,
}

impl Batch {
    fn new(columns: usize) -> Self {
        Self {
            columns,
            rows: 0,
            cells: Vec::with_capacity(columns * BATCH_ROWS),
            bytes: Vec::with_capacity(64 * BATCH_ROWS),
        }
    }

    fn push(&mut self, row: &rusqlite::Row<'_>) -> Result<(), StoreError> {
        for i in 0..self.columns {
            let cell = match row.get_ref(i)? {
                ValueRef::Null => Cell::Null,
                ValueRef::Integer(n) => Cell::Int(n),
                ValueRef::Text(text) => {
                    let start = self.bytes.len();
                    self.bytes.extend_from_slice(text);
                    Cell::Text(start..self.bytes.len())
                }
                ValueRef::Real(_) | ValueRef::Blob(_) => Cell::Other,
            };
            self.cells.push(cell);
        }
        self.rows += 1;
        Ok(())
    }
}

struct BatchRow<'a> {
    batch: &'a Batch,
    row: usize,
}

impl BatchRow<'_> {
    fn cell(&self, i: usize) -> &Cell {
        &self.batch.cells[self.row * self.batch.columns + i]
    }

    fn unexpected(&self, i: usize, expected: &str) -> StoreError {
        StoreError::invalid_data(format!("column {i} of a bulk read is not {expected}"))
    }
}

impl Columns for BatchRow<'_> {
    fn text(&self, i: usize) -> Result<&str, StoreError> {
        self.opt_text(i)?
            .ok_or_else(|| self.unexpected(i, "text (it is NULL)"))
    }

    fn opt_text(&self, i: usize) -> Result<Option<&str>, StoreError> {
        match self.cell(i) {
            Cell::Null => Ok(None),
            Cell::Text(range) => std::str::from_utf8(&self.batch.bytes[range.clone()])
                .map(Some)
                .map_err(StoreError::invalid_data),
            Cell::Int(_) | Cell::Other => Err(self.unexpected(i, "text")),
        }
    }

    fn int(&self, i: usize) -> Result<i64, StoreError> {
        self.opt_int(i)?
            .ok_or_else(|| self.unexpected(i, "an integer (it is NULL)"))
    }

    fn opt_int(&self, i: usize) -> Result<Option<i64>, StoreError> {
        match self.cell(i) {
            Cell::Null => Ok(None),
            Cell::Int(n) => Ok(Some(*n)),
            Cell::Text(_) | Cell::Other => Err(self.unexpected(i, "an integer")),
        }
    }
}

impl Columns for sqlx::postgres::PgRow {
    fn text(&self, i: usize) -> Result<&str, StoreError> {
        Ok(self.try_get(i)?)
    }

    fn opt_text(&self, i: usize) -> Result<Option<&str>, StoreError> {
        Ok(self.try_get(i)?)
    }

    fn int(&self, i: usize) -> Result<i64, StoreError> {
        Ok(self.try_get(i)?)
    }

    fn opt_int(&self, i: usize) -> Result<Option<i64>, StoreError> {
        Ok(self.try_get(i)?)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// One row of text, NULL, an integer, a real and bytes that are not UTF-8.
    fn batch() -> Batch {
        let mut batch = Batch::new(5);
        batch.bytes.extend_from_slice(b"caf\xc3\xa9\xff");
        batch.cells.extend([
            Cell::Text(0..5),
            Cell::Null,
            Cell::Int(42),
            Cell::Other,
            Cell::Text(5..6),
        ]);
        batch.rows = 1;
        batch
    }

    #[test]
    fn a_batch_row_reads_each_column_as_what_it_holds() {
        let batch = batch();
        let row = BatchRow {
            batch: &batch,
            row: 0,
        };
        assert_eq!(row.text(0).unwrap(), "café");
        assert_eq!(row.opt_text(0).unwrap(), Some("café"));
        assert_eq!(row.opt_text(1).unwrap(), None);
        assert_eq!(row.opt_int(1).unwrap(), None);
        assert_eq!(row.int(2).unwrap(), 42);
    }

    #[test]
    fn a_column_of_another_kind_is_invalid_data_naming_it() {
        let batch = batch();
        let row = BatchRow {
            batch: &batch,
            row: 0,
        };
        for error in [
            row.text(1).unwrap_err(),
            row.int(1).unwrap_err(),
            row.text(2).unwrap_err(),
            row.int(0).unwrap_err(),
            row.text(3).unwrap_err(),
            row.text(4).unwrap_err(),
        ] {
            assert!(matches!(error, StoreError::InvalidData(_)), "{error}");
        }
        assert!(row.text(1).unwrap_err().to_string().contains("column 1"));
    }
}
