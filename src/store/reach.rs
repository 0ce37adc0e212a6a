//! Reaching the store within a time limit.
//!
//! A store that stopped answering (a FUSE or NFS mount that hangs, a share
//! whose server is gone) blocks the first call that touches it, for ever:
//! a scheduled task reading it would never end. So a reading command first
//! touches the store on a thread of its own (the metadata of each path, a
//! look into a folder, an open of a file) and gives up, exit 3, when that
//! does not answer within its `--timeout`.

use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex, mpsc};
use std::time::Duration;

/// The store (or a log of it) did not answer in time.
#[derive(Debug, thiserror::Error)]
#[error(
    "{path} did not answer within {seconds} s (a hung mount or share?): check that it is reachable, or give --timeout with more seconds"
)]
pub struct Unanswered {
    pub path: String,
    pub seconds: f64,
}

/// Touches every one of `paths` (a folder: its metadata and its first
/// entry; a file: an open for reading), giving up after `timeout`. Errors
/// of the file system are not this function's to report: the command meets
/// them again and says them in its own words.
pub fn within(paths: &[PathBuf], timeout: Duration) -> Result<(), Unanswered> {
    let current = Arc::new(Mutex::new(None::<PathBuf>));
    let (send, receive) = mpsc::channel();
    let (paths, probing) = (paths.to_vec(), current.clone());
    std::thread::spawn(move || {
        for path in paths {
            *probing.lock().unwrap_or_else(|e| e.into_inner()) = Some(path.clone());
            touch(&path);
        }
        let _ = send.send(());
    });
    match receive.recv_timeout(timeout) {
        Ok(()) => Ok(()),
        Err(_) => {
            let path = current
                .lock()
                .unwrap_or_else(|e| e.into_inner())
                .clone()
                .unwrap_or_default();
            Err(Unanswered {
                path: path.display().to_string(),
                seconds: timeout.as_secs_f64(),
            })
        }
    }
}

fn touch(path: &Path) {
    match std::fs::metadata(path) {
        Ok(metadata) if metadata.is_dir() => {
            let _ = std::fs::read_dir(path).map(|mut entries| entries.next());
        }
        Ok(_) => {
            let _ = std::fs::File::open(path);
        }
        Err(_) => {}
    }
}
