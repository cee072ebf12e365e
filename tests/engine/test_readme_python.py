"""The README's Python example runs as written, on a small demo region laid out as `make demo` lays it."""

import os
import re
from pathlib import Path

import pytest

README = Path(__file__).resolve().parents[2] / "README.md"


def python_example() -> str:
    section = README.read_text(encoding="utf-8").split("## From Python", 1)[1]
    return re.search(r"```python\n(.*?)```", section, re.S).group(1)


@pytest.mark.slow
def test_the_readme_python_example_runs(tmp_path, capsys):
    import numpy as np

    from smrfr_engine.demo import prepare_inputs

    prepare_inputs(tmp_path / "demo_output", size=16, start="2021-01-01", end="2021-12-31", n_stations=24)
    here = os.getcwd()
    os.chdir(tmp_path)
    try:
        namespace = {}
        exec(compile(python_example(), "README.md", "exec"), namespace)
    finally:
        os.chdir(here)
    assert "info reading sand#layer1 at the stations" in capsys.readouterr().out  # messages reach feedback
    assert namespace["june"].shape == (16, 16) and np.isfinite(namespace["june"].values).any()
    assert len(namespace["series"]) == 30 and {"mine", "era5"} == set(namespace["result"].pooled["product"])
