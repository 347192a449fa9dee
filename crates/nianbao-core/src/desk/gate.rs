//! Reading many files at once within a byte budget, so a county PC with many cores does not
//! hold one large input per core.

use std::sync::{Condvar, Mutex};

/// Input bytes read at once across the workers. Reading a file holds memory in proportion to
/// it: about 175 bytes per byte at worst within the importer's limits (half a million
/// one-character lines, `benches/large-inputs.sh`), a few for real reports. So however many
/// cores a county PC has, the files read together stay within about 700 MB; a larger file is
/// read alone, and a folder of ordinary reports (tens to hundreds of KB) still reads on every
/// core.
const READING_BUDGET_BYTES: u64 = 4 << 20;

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
