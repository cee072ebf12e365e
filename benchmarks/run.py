"""Run every benchmark (``benchmarks/bench_*.py``, each with ``main()``); ``make bench`` calls this.

Benchmarks measure speed and memory on this machine; unit tests never time anything. The
performance benchmark runs last so that its summary line is the last line printed.
"""

import importlib
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
LAST = "bench_performance"


def main(names: list[str]) -> None:
    sys.path.insert(0, str(HERE))
    modules = sorted(path.stem for path in HERE.glob("bench_*.py"))
    modules = [m for m in modules if not names or m in names]
    modules.sort(key=lambda name: name == LAST)
    for name in modules:
        print(f"== {name}", flush=True)
        importlib.import_module(name).main()


if __name__ == "__main__":
    main(sys.argv[1:])
