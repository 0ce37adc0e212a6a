//! Work on many files at once, results in order.
//!
//! Store-wide commands read thousands of logs. Each log is turned into
//! output by one of a few worker threads, and the output is handed to the
//! consumer in the logs' order, as soon as it is ready: the same as a
//! sequential run, and streamed. [`map_ordered`] hands over each item's
//! result whole, its workers a few batches ahead of the consumer, for
//! results that are small (a tree item, a compressed log in a file);
//! [`stream_ordered`] hands over bytes in pieces as a log is read, for
//! output as large as the logs (records and sessions as JSON). Either way,
//! memory stays bounded.

use std::collections::BTreeMap;
use std::ops::{ControlFlow, Range};
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::mpsc::Sender;
use std::sync::{Condvar, Mutex, OnceLock, mpsc};

/// How many worker threads to use (asked once: on Linux the answer reads
/// the control group's files).
pub fn threads() -> usize {
    static THREADS: OnceLock<usize> = OnceLock::new();
    *THREADS.get_or_init(|| std::thread::available_parallelism().map_or(1, |n| n.get()).min(8))
}

/// The items of each batch, in order: batches of `largest` items, smaller
/// towards the end, the last ones a single item. So the last items (the
/// RDS servers' logs, far the largest, sort last) go to different workers
/// instead of keeping one busy while the others wait.
fn batches(count: usize, largest: usize, threads: usize) -> Vec<Range<usize>> {
    let mut ranges = Vec::new();
    let mut start = 0;
    while start < count {
        let size = ((count - start) / (threads * 4)).clamp(1, largest.max(1));
        ranges.push(start..start + size);
        start += size;
    }
    ranges
}

/// A batch size for many items (logs, for the tree or streamed through
/// [`stream_ordered`]): large enough that thousands of them do not cost a
/// thread hand-over each, small enough that each thread gets many batches
/// (and that a batch's output, as large as its logs, mostly fits in what a
/// worker ahead of the consumer may leave waiting).
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
/// `consume` in the items' order. Workers take up to `batch` items at a time
/// (fewer towards the end: [`batches`]) and run at most two batches each
/// ahead of the consumer, so at most `4 × threads × batch` results wait in
/// memory: use a batch of 1 when each result is large (a log's records).
/// When `consume` fails, the workers stop and its error is returned.
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
    let ranges = batches(items.len(), batch, threads);
    let ahead = threads * 2;
    let next = AtomicUsize::new(0);
    let stop = AtomicBool::new(false);
    let consumed = Mutex::new(0usize);
    let progressed = Condvar::new();
    let (send, receive) = mpsc::channel::<(usize, Vec<T>)>();
    std::thread::scope(|scope| {
        for _ in 0..threads {
            let send = send.clone();
            let (next, stop, consumed, progressed, work, ranges) =
                (&next, &stop, &consumed, &progressed, &work, &ranges);
            scope.spawn(move || {
                loop {
                    let index = next.fetch_add(1, Ordering::Relaxed);
                    let Some(range) = ranges.get(index) else {
                        break;
                    };
                    {
                        let mut done = consumed.lock().unwrap_or_else(|e| e.into_inner());
                        while index >= *done + ahead && !stop.load(Ordering::Relaxed) {
                            done = progressed.wait(done).unwrap_or_else(|e| e.into_inner());
                        }
                    }
                    let slice = &items[range.clone()];
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
                        outcome = consume(ranges[expected].start + offset, result);
                    }
                }
                expected += 1;
                *consumed.lock().unwrap_or_else(|e| e.into_inner()) = expected;
                progressed.notify_all();
            }
            if outcome.is_err() {
                // Under the lock, so that a worker between its look at
                // `stop` and its wait cannot miss the wake-up.
                let _done = consumed.lock().unwrap_or_else(|e| e.into_inner());
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

/// How many bytes of output may wait for the consumer, all workers
/// together: a worker ahead of the consumer goes on (so that both cores
/// work) until this much waits, then waits too.
const WAITING_MAX: usize = 24 << 20;

/// A part of a batch's output, in order.
struct Piece {
    bytes: Vec<u8>,
    /// Whether the worker converted it ([`Convert`]).
    converted: bool,
    /// How many items (of all) are finished once this piece is consumed.
    finished: usize,
    /// Whether the batch ends with it: the consumer goes on to the next
    /// batch without waiting to see the worker let go of the channel (a
    /// second wake-up a batch).
    last: bool,
}

/// What the workers and the consumer of [`stream_ordered`] share.
struct Flow {
    /// The batch the consumer takes pieces of, and the bytes waiting.
    state: Mutex<(usize, usize)>,
    drained: Condvar,
    stop: AtomicBool,
    /// Buffers given back by the consumer, to be filled again.
    pool: Mutex<Vec<Vec<u8>>>,
}

/// What a worker may make of a piece of output before handing it over, so
/// that the work is shared by the threads: `true` when it wrote it into the
/// buffer given (`--format csv` or `table`: the rows of the JSON lines, once
/// their columns are chosen), `false` to hand the piece over as it is.
pub type Convert<'f> = &'f (dyn Fn(&[u8], &mut Vec<u8>) -> bool + Sync);

/// A piece of output as the consumer of [`stream_ordered`] gets it.
pub enum Made<'a> {
    /// As the work wrote it.
    Raw(&'a [u8]),
    /// As [`Convert`] made it.
    Converted(&'a [u8]),
}

impl Flow {
    /// Gives an emptied buffer back to be filled again.
    fn recycle(&self, mut buffer: Vec<u8>) {
        buffer.clear();
        self.pool.lock().unwrap_or_else(|e| e.into_inner()).push(buffer);
    }

    fn buffer(&self) -> Vec<u8> {
        self.pool
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .pop()
            // Room for a piece and most of what passes its size (a
            // record, a log's end): grown from empty, each new buffer
            // would be copied a dozen times.
            .unwrap_or_else(|| Vec::with_capacity(PIECE + PIECE / 4))
    }

    /// Waits, unless `batch` is the one consumed, until `size` more bytes
    /// may wait; counts them.
    fn admit(&self, batch: usize, size: usize) {
        let mut state = self.state.lock().unwrap_or_else(|e| e.into_inner());
        while state.0 != batch && state.1 + size > WAITING_MAX && !self.stop.load(Ordering::Relaxed) {
            state = self.drained.wait(state).unwrap_or_else(|e| e.into_inner());
        }
        state.1 += size;
    }

    /// Stops the work: the workers waiting are woken, and under the lock,
    /// so that one between its look at `stop` and its wait cannot miss it.
    fn stop(&self) {
        let _state = self.state.lock().unwrap_or_else(|e| e.into_inner());
        self.stop.store(true, Ordering::Relaxed);
        self.drained.notify_all();
    }

    /// The consumer moved to `batch`, or took `size` bytes.
    fn consumed(&self, batch: usize, size: usize) {
        let mut state = self.state.lock().unwrap_or_else(|e| e.into_inner());
        *state = (batch, state.1 - size);
        self.drained.notify_all();
    }
}

/// Where a worker writes an item's output ([`stream_ordered`]): bytes are
/// appended to [`Sink::buffer`], and [`Sink::ready`] hands them over once
/// they make a piece.
pub struct Sink<'a> {
    buffer: Vec<u8>,
    batch: usize,
    finished: usize,
    send: Sender<Piece>,
    flow: &'a Flow,
    convert: Option<Convert<'a>>,
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
            self.hand_over(false);
        }
        if self.flow.stop.load(Ordering::Relaxed) {
            ControlFlow::Break(())
        } else {
            ControlFlow::Continue(())
        }
    }

    fn hand_over(&mut self, last: bool) {
        // The batch's last piece leaves the sink empty: no buffer is taken
        // for it.
        let next = if last { Vec::new() } else { self.flow.buffer() };
        let mut bytes = std::mem::replace(&mut self.buffer, next);
        let mut converted = false;
        if let Some(convert) = self.convert {
            let mut made = self.flow.buffer();
            converted = convert(&bytes, &mut made);
            if converted {
                made = std::mem::replace(&mut bytes, made);
            }
            self.flow.recycle(made);
        }
        self.flow.admit(self.batch, bytes.len());
        let piece = Piece {
            bytes,
            converted,
            finished: self.finished,
            last,
        };
        if self.send.send(piece).is_err() {
            self.flow.stop();
        }
    }
}

/// Runs `work` on every item on worker threads and gives its output to
/// `consume` in the items' order, as it is made: each call has a piece of
/// output and how many items are finished once it is consumed. Workers take
/// up to `batch` items at a time (fewer towards the end: [`batches`]) and
/// hand their output over in pieces of about 256 KiB; a worker ahead of the
/// consumer goes on until 24 MiB of output wait in all, so memory stays
/// bounded however large an item's output (a log of every record as JSON).
/// With `convert`, each worker makes its pieces into what is printed
/// ([`Convert`]). When `consume` fails, the workers stop and its error is
/// returned.
pub fn stream_ordered<I, E>(
    items: &[I],
    batch: usize,
    work: impl Fn(&I, &mut Sink) + Sync,
    convert: Option<Convert>,
    mut consume: impl FnMut(Made, usize) -> Result<(), E>,
) -> Result<(), E>
where
    I: Sync,
{
    let threads = threads().min(items.len()).max(1);
    let ranges = batches(items.len(), batch, threads);
    // One channel a batch, its sender taken by the worker that makes it, so
    // that the consumer sees the batch end when the worker drops it.
    let (senders, receivers): (Vec<_>, Vec<_>) = (0..ranges.len())
        .map(|_| {
            let (send, receive) = mpsc::channel();
            (Mutex::new(Some(send)), receive)
        })
        .unzip();
    let next = AtomicUsize::new(0);
    let flow = Flow {
        state: Mutex::new((0, 0)),
        drained: Condvar::new(),
        stop: AtomicBool::new(false),
        pool: Mutex::new(Vec::new()),
    };
    std::thread::scope(|scope| {
        for _ in 0..threads {
            let (next, flow, work, senders, ranges) = (&next, &flow, &work, &senders, &ranges);
            scope.spawn(move || {
                loop {
                    let index = next.fetch_add(1, Ordering::Relaxed);
                    let Some(range) = ranges.get(index) else {
                        break;
                    };
                    if flow.stop.load(Ordering::Relaxed) {
                        break;
                    }
                    let Some(send) = senders[index].lock().unwrap_or_else(|e| e.into_inner()).take() else {
                        break;
                    };
                    let mut sink = Sink {
                        buffer: flow.buffer(),
                        batch: index,
                        finished: range.start,
                        send,
                        flow,
                        convert,
                    };
                    for item in &items[range.clone()] {
                        work(item, &mut sink);
                        if flow.stop.load(Ordering::Relaxed) {
                            break;
                        }
                        sink.finished += 1;
                    }
                    sink.hand_over(true);
                }
            });
        }
        let mut outcome = Ok(());
        'batches: for (index, receiver) in receivers.into_iter().enumerate() {
            flow.consumed(index, 0);
            for piece in receiver {
                let made = if piece.converted {
                    Made::Converted(&piece.bytes)
                } else {
                    Made::Raw(&piece.bytes)
                };
                outcome = consume(made, piece.finished);
                flow.consumed(index, piece.bytes.len());
                if outcome.is_err() {
                    flow.stop();
                    break 'batches;
                }
                flow.recycle(piece.bytes);
                if piece.last {
                    break;
                }
            }
        }
        // Dropping the receivers left ends the sends of the workers still
        // running.
        outcome
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn batches_cover_every_item_once_and_end_one_item_each() {
        for (count, largest, threads) in [(0, 15, 2), (1, 15, 2), (1002, 15, 2), (1002, 64, 8), (7, 1, 4)] {
            let ranges = batches(count, largest, threads);
            let covered: Vec<usize> = ranges.iter().flat_map(Range::clone).collect();
            assert_eq!(covered, (0..count).collect::<Vec<_>>(), "{count} items");
            assert!(ranges.iter().all(|r| (1..=largest).contains(&r.len())));
            // Never larger than the one before; the last ones alone.
            assert!(ranges.windows(2).all(|pair| pair[1].len() <= pair[0].len()));
            let last_alone = ranges.iter().rev().take_while(|r| r.len() == 1).count();
            assert!(last_alone >= threads.min(count), "{ranges:?}");
        }
        assert_eq!(batches(1002, 15, 2)[0], 0..15);
    }

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

    /// The output of item `i`: its number, then as many bytes as it says,
    /// some items making several pieces.
    fn output_of(i: usize) -> Vec<u8> {
        let mut bytes = format!("{i}:").into_bytes();
        bytes.resize(
            bytes.len() + if i % 50 == 7 { 3 * PIECE + 11 } else { i * 37 },
            b'a' + (i % 26) as u8,
        );
        bytes
    }

    #[test]
    fn streamed_output_comes_whole_and_in_order_and_an_error_stops_the_work() {
        let items: Vec<usize> = (0..400).collect();
        let work = |&i: &usize, sink: &mut Sink| {
            // Written in small parts, as records are.
            for part in output_of(i).chunks(1000) {
                sink.buffer().extend_from_slice(part);
                if sink.ready().is_break() {
                    return;
                }
            }
        };
        let mut seen = Vec::new();
        let mut finished = Vec::new();
        stream_ordered(
            &items,
            small_items(items.len()),
            work,
            None,
            |piece, done| -> Result<(), ()> {
                let Made::Raw(piece) = piece else {
                    panic!("converted without a Convert")
                };
                assert!(piece.len() < 2 * PIECE, "a piece of {} bytes", piece.len());
                seen.extend_from_slice(piece);
                finished.push(done);
                Ok(())
            },
        )
        .unwrap();
        assert_eq!(seen, items.iter().flat_map(|&i| output_of(i)).collect::<Vec<_>>());
        assert!(
            finished.is_sorted() && finished.last() == Some(&items.len()),
            "{finished:?}"
        );
        let mut pieces = 0;
        let outcome = stream_ordered(&items, 1, work, None, |_, _| {
            pieces += 1;
            if pieces == 3 { Err("stop") } else { Ok(()) }
        });
        assert_eq!((outcome, pieces), (Err("stop"), 3));
    }

    #[test]
    fn pieces_converted_by_the_workers_take_their_place_in_the_output() {
        // As a table's rows: the workers make them once the consumer has
        // seen the first piece; before, the consumer makes them itself.
        let items: Vec<usize> = (0..400).collect();
        let started = AtomicBool::new(false);
        let work = |&i: &usize, sink: &mut Sink| {
            // The first item makes a whole piece, handed over at once; the
            // later ones wait for the consumer to have seen it, so that
            // some are converted even by a single worker.
            if i == 0 {
                sink.buffer().resize(PIECE, b'-');
            }
            while i >= 100 && !started.load(Ordering::Relaxed) {
                std::thread::yield_now();
            }
            sink.buffer().extend_from_slice(&output_of(i));
            let _ = sink.ready();
        };
        let convert = |piece: &[u8], made: &mut Vec<u8>| {
            started.load(Ordering::Relaxed) && {
                made.extend(piece.iter().map(u8::to_ascii_uppercase));
                true
            }
        };
        let (mut seen, mut converted) = (Vec::new(), 0);
        stream_ordered(&items, small_items(items.len()), work, Some(&convert), |piece, _| {
            match piece {
                Made::Raw(piece) => seen.extend(piece.iter().map(u8::to_ascii_uppercase)),
                Made::Converted(piece) => {
                    converted += 1;
                    seen.extend_from_slice(piece);
                }
            }
            started.store(true, Ordering::Relaxed);
            Ok::<(), ()>(())
        })
        .unwrap();
        let mut expected = vec![b'-'; PIECE];
        expected.extend(items.iter().flat_map(|&i| output_of(i)));
        assert_eq!(seen, expected.to_ascii_uppercase());
        assert!(converted > 0, "no piece was converted by a worker");
    }
}
