"""The demo-region generator at the size a regional water agency uses: ``smrfr synth`` on 60 x 60 cells
for 5 years with 100 stations, then 150 x 150 cells for 10 years (2012-2021) with 250 stations, each in a
fresh process (peak RSS is that process's VmHWM). About 12 minutes on 2 cores, most of it the agency
size (the water balance and the ISMN zip of 1,000-odd hourly sensors).

The last line is ``bench: synth_60_mb=... synth_60_s=... synth_agency_mb=... synth_agency_s=...``.
"""

from __future__ import annotations

import subprocess
import sys
import tempfile
import time
from pathlib import Path

from bench_performance import RSS_CODE

#: (label, size, start, end, stations)
RUNS = (("60", 60, "2017-01-01", "2021-12-31", 100), ("agency", 150, "2012-01-01", "2021-12-31", 250))


def synth_peak(out: Path, size: int, start: str, end: str, stations: int) -> tuple[float, float]:
    """Peak RSS (MiB) and wall time (s) of ``smrfr synth`` in a fresh process."""
    started = time.perf_counter()
    run = subprocess.run([sys.executable, "-c", RSS_CODE, "synth", "--out", str(out), "--size", str(size),
                          "--start", start, "--end", end, "--stations", str(stations), "--quiet"],
                         capture_output=True, text=True)
    if run.returncode:
        raise RuntimeError(run.stderr)
    peak = [line for line in run.stderr.splitlines() if line.startswith("maxrss_kb")][-1]
    return int(peak.split()[1]) / 1024, time.perf_counter() - started


def main() -> None:
    facts = {}
    with tempfile.TemporaryDirectory(prefix="smrfr_agency_") as tmp:
        for label, size, start, end, stations in RUNS:
            peak, seconds = synth_peak(Path(tmp) / label, size, start, end, stations)
            facts[label] = peak, seconds
            print(f"synth {size} x {size} cells, {start[:4]}-{end[:4]}, {stations} stations: "
                  f"peak {peak:,.0f} MiB, {seconds:.0f} s", flush=True)
    print("bench: " + " ".join(f"synth_{label}_mb={peak:.0f} synth_{label}_s={seconds:.0f}"
                               for label, (peak, seconds) in facts.items()))


if __name__ == "__main__":
    main()
