"""Extended Triple Collocation against synthetic triplets with known error variances."""

import os
import subprocess
import sys

import numpy as np
import pytest

from smrfr_engine.cli import main
from smrfr_engine.errors import SmrfrError
from smrfr_engine.etc import extended_triple_collocation


def synthetic(n=10_000, seed=1):
    """Truth with variance 0.0025 seen by three products with known offsets, scales and error stds."""
    rng = np.random.default_rng(seed)
    truth = 0.25 + 0.05 * rng.standard_normal(n)
    scales, errors = (1.0, 0.6, 1.5), (0.02, 0.01, 0.06)
    series = [
        0.1 * i + b * truth + e * rng.standard_normal(n) for i, (b, e) in enumerate(zip(scales, errors))
    ]
    expected = [b**2 * 0.0025 / (b**2 * 0.0025 + e**2) for b, e in zip(scales, errors)]
    return series, scales, errors, expected


def test_etc_recovers_known_rho2_error_std_and_scaling():
    series, scales, errors, expected = synthetic()
    results = extended_triple_collocation(*series, names=("insitu", "lsm", "sat"))
    assert list(results) == ["insitu", "lsm", "sat"]
    for name, rho2, b, e in zip(results, expected, scales, errors):
        result = results[name]
        assert result.rho2 == pytest.approx(rho2, abs=0.01)
        assert result.err_std == pytest.approx(e, rel=0.1)
        assert result.beta == pytest.approx(scales[0] / b, rel=0.05)
        assert result.err_std_scaled == pytest.approx(e * scales[0] / b, rel=0.1)
        assert result.n == 10_000


def test_etc_uses_complete_triplets_only_and_needs_enough_of_them():
    series, *_ = synthetic(n=300)
    series[1][:250] = np.nan
    with pytest.raises(SmrfrError, match="at least 100 complete triplets.*only 50 remain"):
        extended_triple_collocation(*series)
    assert extended_triple_collocation(*series, min_triplets=50)["x"].n == 50


def test_etc_rejects_an_invalid_solution():
    rng = np.random.default_rng(0)
    truth = rng.standard_normal(1000)
    shared_error = rng.standard_normal(1000)
    # y and z share their error and y is anti-correlated: rho2 of x = Q12 Q13 / (Q11 Q23) = -1/8
    x, y, z = truth, -truth + 3 * shared_error, truth + 3 * shared_error
    with pytest.raises(SmrfrError, match="no valid solution"):
        extended_triple_collocation(x, y, z)
    with pytest.raises(SmrfrError, match="equal length"):
        extended_triple_collocation([1, 2], [1, 2], [1])


def test_etc_command_writes_the_csv(tmp_path, capsys):
    series, *_ = synthetic(n=2000)
    table = tmp_path / "triplets.csv"
    lines = ["date,a,b,c"] + [
        f"d{i},{a},{b},{'' if i == 0 else c}" for i, (a, b, c) in enumerate(zip(*series))
    ]
    table.write_text("\n".join(lines))
    out = tmp_path / "etc.csv"
    assert main(["etc", str(table), "--columns", "a,b,c", "--out", str(out)]) == 0
    rows = out.read_text().splitlines()
    assert rows[0] == "column,rho2,err_std,err_std_scaled,beta,n"
    assert [row.split(",")[0] for row in rows[1:]] == ["a", "b", "c"]
    assert all(row.endswith(",1999") for row in rows[1:])
    assert "rho2" in capsys.readouterr().out
    assert main(["etc", str(table), "--columns", "a,b,nope"]) == 2
    assert "no column nope" in capsys.readouterr().err
    assert main(["etc", str(table), "--columns", "a, a,b", "--out", str(tmp_path / "twice.csv")]) == 2
    error = capsys.readouterr().err
    assert error == "smrfr: error: column a is given twice: ETC needs three different columns\n"
    assert not (tmp_path / "twice.csv").exists()
    text = table.read_text()  # --out the table itself replaced it with the results
    assert main(["etc", str(table), "--columns", "a,b,c", "--out", str(table)]) == 2
    assert capsys.readouterr().err.strip().endswith(f"output {table} would replace its input {table} or "
                                                    "write into it; choose another output")
    assert table.read_text() == text


def test_etc_names_outside_the_locale_code_page(tmp_path):
    """Column names in any script under a locale whose code page lacks them (Windows' cp1252 for Chinese;
    here the C locale's ASCII, with Python's UTF-8 mode and locale coercion off, as on Windows): the result
    CSV was written in the locale's encoding (UnicodeEncodeError traceback; under cp1252 'estação' became
    bytes no UTF-8 reader reads), and the table printed raised the same error. The CSV is UTF-8 on every
    system and the console shows what it cannot encode as escapes."""
    series, *_ = synthetic(n=500)
    names = ["土壤水分", "θ_sat", "estação"]
    table, out = tmp_path / "triplets.csv", tmp_path / "etc.csv"
    table.write_text("\n".join([",".join(names)] + [",".join(map(str, row)) for row in zip(*series)]),
                     encoding="utf-8")
    env = {**os.environ, "LC_ALL": "C", "PYTHONUTF8": "0", "PYTHONCOERCECLOCALE": "0", "PYTHONIOENCODING": ""}
    arguments = ["etc", str(table), "--columns", ",".join(names), "--out", str(out)]  # Unicode, as on Windows
    code = f"import sys; from smrfr_engine.cli import main; sys.exit(main({ascii(arguments)}))"
    done = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True)
    assert done.returncode == 0, done.stderr.decode()
    rows = out.read_text(encoding="utf-8").splitlines()
    assert [row.split(",")[0] for row in rows[1:]] == names
    assert "\\u571f\\u58e4\\u6c34\\u5206" in done.stdout.decode("ascii")
