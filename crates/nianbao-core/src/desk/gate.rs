//! Reading many files at once within a byte budget, so a county PC with many cores does not
//! hold one large input per core.

use std::sync::{Condvar, Mutex};

/// Input bytes read at once across the workers. Reading a file holds memory in proportion to
/// it (tens of bytes per byte at most), so however many cores a county PC has, the files
/// being read together stay within this; a larger file is read alone.
const READING_BUDGET_BYTES: u64 = 16 << 20;

/// Admits readers while their files' bytes together stay within [`READING_BUDGET_BYTES`].
#[derive(Default)]
pub struct Gate {
    in_flight: Mutex<u64>,
    freed: Condvar,
}

pub struct Admitted<'a> {
    gate: &'a Gate,
    bytes: u64,
}

impl Gate {
    pub fn enter(&self, bytes: u64) -> Admitted<'_> {
        let mut in_flight = self.in_flight.lock().unwrap_or_else(|e| e.into_inner());
        while *in_flight > 0 && *in_flight + bytes > READING_BUDGET_BYTES {
            in_flight = self
                .freed
                .wait(in_flight)
                .unwrap_or_else(|e| e.into_inner());
        }
        *in_flight += bytes;
        Admitted { gate: self, bytes }
    }
}

impl Drop for Admitted<'_> {
    fn drop(&mut self) {
        let mut in_flight = self
            .gate
            .in_flight
            .lock()
            .unwrap_or_else(|e| e.into_inner());
        *in_flight -= self.bytes;
        self.gate.freed.notify_all();
    }
}
