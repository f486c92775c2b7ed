//! The ZIP's deflating half, on a thread of its own: the pack's files are produced (serialised,
//! hashed) on the caller's thread while the previous chunk is compressed here, so writing a
//! pack costs the larger of the two rather than their sum. Chunks travel through a small
//! bounded channel, so memory stays a few chunks whatever the pack's size.

use std::fs::File;
use std::io::{self, BufReader, BufWriter, Write};
use std::path::PathBuf;
use std::sync::mpsc::{sync_channel, Receiver, SyncSender};
use std::thread::JoinHandle;

use zip::write::SimpleFileOptions;
use zip::{ZipArchive, ZipWriter};

use crate::PackError;

/// Bytes gathered before a chunk is handed over.
const CHUNK_BYTES: usize = 256 * 1024;
/// Chunks waiting at most (about 1 MB).
const QUEUED_CHUNKS: usize = 4;

enum Message {
    Start(String),
    Bytes(Vec<u8>),
    /// Copy the entries of the finished ZIP at this path as they are (compressed), then
    /// remove it.
    Merge(PathBuf),
    /// Write the ZIP's directory; fsync the file when `durable`.
    Finish {
        durable: bool,
    },
}

/// The sending side: entries are started and fed in order; `finish` writes the ZIP's
/// directory and fsyncs the file.
pub(super) struct Compressor {
    sender: Option<SyncSender<Message>>,
    thread: Option<JoinHandle<Result<(), PackError>>>,
    pending: Vec<u8>,
}

impl Compressor {
    pub(super) fn spawn(file: File, options: SimpleFileOptions) -> Result<Self, PackError> {
        let (sender, receiver) = sync_channel(QUEUED_CHUNKS);
        let thread = std::thread::Builder::new()
            .name("pack-deflate".into())
            .spawn(move || compress(receiver, file, options))
            .map_err(PackError::Write)?;
        Ok(Self {
            sender: Some(sender),
            thread: Some(thread),
            pending: Vec::with_capacity(CHUNK_BYTES),
        })
    }

    /// Ends the entry being written (if any) and starts `name`.
    pub(super) fn start(&mut self, name: &str) -> Result<(), PackError> {
        self.flush_pending()?;
        self.send(Message::Start(name.to_owned()))
    }

    /// Ends the entry being written (if any) and copies in the entries of the finished ZIP at
    /// `path`, which is removed afterwards.
    pub(super) fn merge(&mut self, path: PathBuf) -> Result<(), PackError> {
        self.flush_pending()?;
        self.send(Message::Merge(path))
    }

    /// Adds the ZIP's directory, fsyncs the file when `durable`, and waits for the thread.
    pub(super) fn finish(mut self, durable: bool) -> Result<(), PackError> {
        self.flush_pending()?;
        self.send(Message::Finish { durable })?;
        self.sender = None;
        self.join()
    }

    fn flush_pending(&mut self) -> Result<(), PackError> {
        if self.pending.is_empty() {
            return Ok(());
        }
        let chunk = std::mem::replace(&mut self.pending, Vec::with_capacity(CHUNK_BYTES));
        self.send(Message::Bytes(chunk))
    }

    /// Hands a message over; when the thread has stopped, its own error is the answer.
    fn send(&mut self, message: Message) -> Result<(), PackError> {
        let sent = self
            .sender
            .as_ref()
            .is_some_and(|sender| sender.send(message).is_ok());
        if sent {
            return Ok(());
        }
        self.sender = None;
        match self.join() {
            Err(error) => Err(error),
            Ok(()) => Err(PackError::Write(io::Error::other(
                "the compressing thread stopped early",
            ))),
        }
    }

    fn join(&mut self) -> Result<(), PackError> {
        match self.thread.take() {
            Some(thread) => thread.join().unwrap_or_else(|_| {
                Err(PackError::Write(io::Error::other(
                    "the compressing thread panicked",
                )))
            }),
            None => Ok(()),
        }
    }
}

impl Write for Compressor {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        let room = CHUNK_BYTES - self.pending.len();
        let taken = buf.len().min(room);
        self.pending.extend_from_slice(&buf[..taken]);
        if self.pending.len() == CHUNK_BYTES {
            self.flush_pending().map_err(into_io)?;
        }
        Ok(taken)
    }

    fn flush(&mut self) -> io::Result<()> {
        // Chunks are handed over when full or when the entry ends: a flush in the middle of a
        // file (a serialiser's own buffer) must not send a small chunk.
        Ok(())
    }
}

/// Stops the thread before the caller removes an unfinished file: dropping the sender ends
/// its loop, and nothing is written after this returns.
impl Drop for Compressor {
    fn drop(&mut self) {
        self.sender = None;
        let _ = self.join();
    }
}

fn into_io(error: PackError) -> io::Error {
    match error {
        PackError::Write(io) | PackError::Read(io) => io,
        other => io::Error::other(other.to_string()),
    }
}

fn compress(
    receiver: Receiver<Message>,
    file: File,
    options: SimpleFileOptions,
) -> Result<(), PackError> {
    let mut zip = ZipWriter::new(BufWriter::with_capacity(256 * 1024, file));
    for message in receiver {
        match message {
            Message::Start(name) => zip.start_file(name, options).map_err(zip_error)?,
            Message::Bytes(bytes) => zip.write_all(&bytes).map_err(PackError::Write)?,
            Message::Merge(path) => {
                let part = File::open(&path).map_err(PackError::Write)?;
                let part = ZipArchive::new(BufReader::new(part)).map_err(zip_error)?;
                zip.merge_archive(part).map_err(zip_error)?;
                std::fs::remove_file(&path).map_err(PackError::Write)?;
            }
            Message::Finish { durable } => {
                let file = zip
                    .finish()
                    .map_err(zip_error)?
                    .into_inner()
                    .map_err(|e| PackError::Write(e.into_error()))?;
                return match durable {
                    true => file.sync_all().map_err(PackError::Write),
                    false => Ok(()),
                };
            }
        }
    }
    // The sender went away without finishing: the file is unfinished and the caller removes it.
    Err(PackError::Write(io::Error::other(
        "the pack was abandoned before it was finished",
    )))
}

pub(super) fn zip_error(error: zip::result::ZipError) -> PackError {
    match error {
        zip::result::ZipError::Io(io) => PackError::Write(io),
        other => PackError::Write(io::Error::other(other.to_string())),
    }
}
