"""ISMN import memory: what the reader keeps per sensor of ten hourly years (an import holds every sensor
of a download before quality control), and its time per file."""

import time
import tracemalloc

import numpy as np
import pandas as pd

from smrfr_engine.stations.ismn import read_stm

SENSORS = 20
NAME = "NET_NET_ST{0}_sm_0.050000_0.050000_Probe_20110101_20201231.stm"


def sensor_text(seed: int) -> str:
    """A Header+values file of hourly values 2011-2020, flags G (and a few D03)."""
    times = pd.date_range("2011-01-01", "2020-12-31 23:00", freq="h")
    rng = np.random.default_rng(seed)
    values = 0.2 + 0.05 * np.sin(np.arange(len(times)) / 500) + rng.normal(0, 0.005, len(times))
    flags = np.where(rng.random(len(times)) < 0.01, "D03", "G")
    lines = [f"{t:%Y/%m/%d %H:%M} {v:.4f} {f} M" for t, v, f in zip(times, values, flags)]
    return "\n".join(["NET NET ST 45.0 5.0 100.0 0.05 0.05 Probe", *lines])


def main() -> None:
    texts = [sensor_text(seed) for seed in range(SENSORS)]
    tracemalloc.start()
    start = time.perf_counter()
    kept = [read_stm(text, NAME.format(number)) for number, text in enumerate(texts)]
    seconds = time.perf_counter() - start
    current, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    rows = sum(len(series.data) for series in kept)
    print(f"ISMN reader: {SENSORS} sensors of {rows // SENSORS} hourly values: kept "
          f"{current / SENSORS / 2**20:.1f} MiB per sensor (peak {peak / 2**20:.0f} MiB), "
          f"{seconds / SENSORS:.2f} s per file")


if __name__ == "__main__":
    main()
