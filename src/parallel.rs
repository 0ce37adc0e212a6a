//! Work on many files at once, results in order.
//!
//! Store-wide commands read thousands of logs. Each log is turned into a
//! chunk of output by one of a few worker threads, and the chunks are handed
//! to the consumer in the logs' order, as soon as each is ready: the output
//! is the same as a sequential run, and streams. Workers run at most a few
//! items ahead of the consumer, so memory stays bounded.

use std::collections::BTreeMap;
use std::ops::ControlFlow;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::mpsc::SyncSender;
use std::sync::{Condvar, Mutex, mpsc};

/// How many worker threads to use.
pub fn threads() -> usize {
    std::thread::available_parallelism().map_or(1, |n| n.get()).min(8)
}

/// A batch size for many small items (the tree's logs): large enough that
/// thousands of them do not cost a thread hand-over each.
pub fn small_items(count: usize) -> usize {
    (count / (threads() * 32)).clamp(1, 64)
}

/// A batch size for logs whose results are about as large as the logs
/// themselves (records as JSON, sessions): as many logs as make about
/// 4 MiB, so that a store of small logs costs few thread hand-overs while a
/// store of large ones is held a few logs at a time.
pub fn logs_of(count: usize, total_bytes: u64) -> usize {
    let average = total_bytes / count.max(1) as u64;
    let by_bytes = usize::try_from((4 << 20) / average.max(1)).unwrap_or(usize::MAX);
    by_bytes.clamp(1, small_items(count))
}

/// Runs `work` on every item on worker threads and gives the results to
/// `consume` in the items' order. Workers take `batch` items at a time and
/// run at most two batches each ahead of the consumer, so at most
/// `4 × threads × batch` results wait in memory: use a batch of 1 when each
/// result is large (a log's records). When `consume` fails, the workers stop
/// and its error is returned.
pub fn map_ordered<I, T, E>(
    items: &[I],
    batch: usize,
    work: impl Fn(&I) -> T + Sync,
    mut consume: impl FnMut(usize, T) -> Result<(), E>,
) -> Result<(), E>
where
    I: Sync,
    T: Send,
{
    let threads = threads().min(items.len()).max(1);
    let batch = batch.max(1);
    let batches = items.len().div_ceil(batch);
    let ahead = threads * 2;
    let next = AtomicUsize::new(0);
    let stop = AtomicBool::new(false);
    let consumed = Mutex::new(0usize);
    let progressed = Condvar::new();
    let (send, receive) = mpsc::channel::<(usize, Vec<T>)>();
    std::thread::scope(|scope| {
        for _ in 0..threads {
            let send = send.clone();
            let (next, stop, consumed, progressed, work) = (&next, &stop, &consumed, &progressed, &work);
            scope.spawn(move || {
                loop {
                    let index = next.fetch_add(1, Ordering::Relaxed);
                    if index >= batches {
                        break;
                    }
                    {
                        let mut done = consumed.lock().unwrap_or_else(|e| e.into_inner());
                        while index >= *done + ahead && !stop.load(Ordering::Relaxed) {
                            done = progressed.wait(done).unwrap_or_else(|e| e.into_inner());
                        }
                    }
                    let slice = &items[index * batch..((index + 1) * batch).min(items.len())];
                    if stop.load(Ordering::Relaxed) || send.send((index, slice.iter().map(work).collect())).is_err() {
                        break;
                    }
                }
            });
        }
        drop(send);
        let mut waiting = BTreeMap::new();
        let mut expected = 0;
        let mut outcome = Ok(());
        for (index, results) in receive.iter() {
            waiting.insert(index, results);
            while let Some(results) = waiting.remove(&expected) {
                for (offset, result) in results.into_iter().enumerate() {
                    if outcome.is_ok() {
                        outcome = consume(expected * batch + offset, result);
                    }
                }
                expected += 1;
                *consumed.lock().unwrap_or_else(|e| e.into_inner()) = expected;
                progressed.notify_all();
            }
            if outcome.is_err() {
                stop.store(true, Ordering::Relaxed);
                progressed.notify_all();
                break;
            }
        }
        outcome
    })
}

/// The size at which a worker hands its output over: large enough that a
/// store of small logs costs few hand-overs, small enough that a log's
/// output never waits in memory whole.
const PIECE: usize = 256 * 1024;

/// How many pieces of one batch may wait for the consumer before its worker
/// waits too.
const PIECES_AHEAD: usize = 2;

/// A part of a batch's output, in order.
struct Piece {
    bytes: Vec<u8>,
    /// How many items (of all) are finished once this piece is consumed.
    finished: usize,
}

/// Where a worker writes an item's output ([`stream_ordered`]): bytes are
/// appended to [`Sink::buffer`], and [`Sink::ready`] hands them over once
/// they make a piece.
pub struct Sink<'a> {
    buffer: Vec<u8>,
    finished: usize,
    send: SyncSender<Piece>,
    pool: &'a Mutex<Vec<Vec<u8>>>,
    closed: bool,
}

impl Sink<'_> {
    /// The output of the item, to append to.
    pub fn buffer(&mut self) -> &mut Vec<u8> {
        &mut self.buffer
    }

    /// Hands the output over when it makes a piece; `Break` once the
    /// consumer has stopped (the worker should stop too).
    pub fn ready(&mut self) -> ControlFlow<()> {
        if self.buffer.len() >= PIECE {
            self.hand_over();
        }
        if self.closed {
            ControlFlow::Break(())
        } else {
            ControlFlow::Continue(())
        }
    }

    fn hand_over(&mut self) {
        let fresh = self
            .pool
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .pop()
            .unwrap_or_default();
        let bytes = std::mem::replace(&mut self.buffer, fresh);
        self.closed |= self
            .send
            .send(Piece {
                bytes,
                finished: self.finished,
            })
            .is_err();
    }
}

/// Runs `work` on every item on worker threads and gives its output to
/// `consume` in the items' order, as it is made: each call has a piece of
/// output and how many items are finished once it is consumed. Workers take
/// `batch` items at a time; each batch's output is handed over in pieces of
/// about 256 KiB, and a worker whose batch is ahead of the consumer waits
/// once two of its pieces wait, so memory stays bounded by a few pieces per
/// thread however large an item's output (a log of every record as JSON).
/// When `consume` fails, the workers stop and its error is returned.
pub fn stream_ordered<I, E>(
    items: &[I],
    batch: usize,
    work: impl Fn(&I, &mut Sink) + Sync,
    mut consume: impl FnMut(&[u8], usize) -> Result<(), E>,
) -> Result<(), E>
where
    I: Sync,
{
    let threads = threads().min(items.len()).max(1);
    let batch = batch.max(1);
    let batches = items.len().div_ceil(batch);
    // One channel a batch, its sender taken by the worker that makes it, so
    // that the consumer sees the batch end when the worker drops it.
    let (senders, receivers): (Vec<_>, Vec<_>) = (0..batches)
        .map(|_| {
            let (send, receive) = mpsc::sync_channel(PIECES_AHEAD);
            (Mutex::new(Some(send)), receive)
        })
        .unzip();
    let next = AtomicUsize::new(0);
    let stop = AtomicBool::new(false);
    let pool = Mutex::new(Vec::new());
    std::thread::scope(|scope| {
        for _ in 0..threads {
            let (next, stop, pool, work, senders) = (&next, &stop, &pool, &work, &senders);
            scope.spawn(move || {
                loop {
                    let index = next.fetch_add(1, Ordering::Relaxed);
                    if index >= batches || stop.load(Ordering::Relaxed) {
                        break;
                    }
                    let Some(send) = senders[index].lock().unwrap_or_else(|e| e.into_inner()).take() else {
                        break;
                    };
                    let first = index * batch;
                    let mut sink = Sink {
                        buffer: pool.lock().unwrap_or_else(|e| e.into_inner()).pop().unwrap_or_default(),
                        finished: first,
                        send,
                        pool,
                        closed: false,
                    };
                    for item in &items[first..(first + batch).min(items.len())] {
                        work(item, &mut sink);
                        if sink.closed {
                            break;
                        }
                        sink.finished += 1;
                    }
                    sink.hand_over();
                }
            });
        }
        let mut outcome = Ok(());
        'batches: for receiver in receivers {
            for mut piece in receiver {
                outcome = consume(&piece.bytes, piece.finished);
                if outcome.is_err() {
                    stop.store(true, Ordering::Relaxed);
                    break 'batches;
                }
                piece.bytes.clear();
                pool.lock().unwrap_or_else(|e| e.into_inner()).push(piece.bytes);
            }
        }
        // Dropping the receivers left wakes the workers waiting on them.
        outcome
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn results_come_in_order_and_an_error_stops_the_work() {
        let items: Vec<u64> = (0..20_000).collect();
        let mut seen = Vec::new();
        map_ordered(
            &items,
            small_items(items.len()),
            |&i| i * 2,
            |_, v| -> Result<(), ()> {
                seen.push(v);
                Ok(())
            },
        )
        .unwrap();
        assert_eq!(seen, items.iter().map(|i| i * 2).collect::<Vec<_>>());
        let mut count = 0;
        let outcome = map_ordered(
            &items,
            1,
            |&i| i,
            |_, _| {
                count += 1;
                if count == 10 { Err("stop") } else { Ok(()) }
            },
        );
        assert_eq!((outcome, count), (Err("stop"), 10));
    }
}
