"""Metrics against hand-computed values and published identities."""

import math

import numpy as np
import pandas as pd
import pytest

from smrfr_engine import metrics
from smrfr_engine.errors import SmrfrError

X = np.array([1.0, 2.0, 3.0, 4.0])
Y = np.array([2.0, 1.0, 4.0, 3.0])


def test_hand_computed_unbiased_vectors():
    # x - y = [-1, 1, -1, 1]; dx = dy-permuted [-1.5, -0.5, 0.5, 1.5]: sum dx*dy = 3, sum dx^2 = 5
    m = metrics.compute_metrics(X, Y, min_n=3)
    assert m["n"] == 4 and m["reason"] == ""
    assert m["bias"] == 0 and m["rmse"] == 1 and m["ubrmse"] == 1 and m["mae"] == 1
    assert m["r"] == pytest.approx(0.6)
    assert m["nse"] == pytest.approx(1 - 4 / 5) and m["r2"] == m["nse"]
    assert m["nrmse"] == pytest.approx(1 / 2.5)
    assert (m["kge_alpha"], m["kge_beta"]) == (1, 1) and m["kge"] == pytest.approx(1 - 0.4)


def test_hand_computed_biased_vectors():
    # x + 1 - y = [0, 2, 0, 2]: bias 1, RMSE sqrt(2), SSE 8, SST 5, beta = 3.5 / 2.5
    m = metrics.compute_metrics(X + 1, Y, min_n=3)
    assert m["bias"] == 1 and m["rmse"] == pytest.approx(math.sqrt(2)) and m["ubrmse"] == pytest.approx(1)
    assert m["mae"] == 1 and m["r"] == pytest.approx(0.6)
    assert m["nse"] == pytest.approx(-0.6)
    assert m["kge_beta"] == pytest.approx(1.4)
    assert m["kge"] == pytest.approx(1 - math.sqrt(0.4 ** 2 + 0.4 ** 2))
    assert m["nrmse"] == pytest.approx(math.sqrt(2) / 2.5)


def test_fisher_z_interval_by_hand():
    # atanh(0.6) = ln 2; n = 4 -> se = 1; z(0.975) = 1.959964
    low, high = metrics.fisher_z_interval(0.6, 4)
    assert low == pytest.approx(math.tanh(math.log(2) - 1.959964), abs=1e-6)
    assert high == pytest.approx(math.tanh(math.log(2) + 1.959964), abs=1e-6)
    assert low < 0.6 < high
    assert all(math.isnan(v) for v in metrics.fisher_z_interval(0.6, 3))


def test_published_identities_on_random_vectors():
    rng = np.random.default_rng(1)
    y = rng.uniform(0.05, 0.45, 500)
    x = 0.8 * y + 0.07 + rng.normal(0, 0.03, 500)
    m = metrics.compute_metrics(x, y)
    assert m["ubrmse"] ** 2 == pytest.approx(m["rmse"] ** 2 - m["bias"] ** 2)
    sse, sst = np.sum((x - y) ** 2), np.sum((y - y.mean()) ** 2)
    assert m["nse"] == pytest.approx(1 - sse / sst) and m["r2"] == m["nse"]
    assert m["r"] == pytest.approx(np.corrcoef(x, y)[0, 1]) and m["kge_r"] == m["r"]
    assert m["kge_alpha"] == pytest.approx(x.std() / y.std())
    assert m["kge_beta"] == pytest.approx(x.mean() / y.mean())
    assert m["kge"] == pytest.approx(1 - math.sqrt((m["r"] - 1) ** 2 + (m["kge_alpha"] - 1) ** 2
                                                   + (m["kge_beta"] - 1) ** 2))
    assert m["r_low"] < m["r"] < m["r_high"]


def test_perfect_estimate_and_mean_estimate():
    y = np.linspace(0.1, 0.4, 20)
    perfect = metrics.compute_metrics(y, y)
    assert perfect["r"] == pytest.approx(1) and perfect["ubrmse"] == 0 and perfect["kge"] == pytest.approx(1)
    # the observed mean as estimate: NSE 0, r undefined (reason given, no crash)
    flat = metrics.compute_metrics(np.full(20, y.mean()), y)
    assert flat["nse"] == pytest.approx(0) and math.isnan(flat["r"]) and "constant" in flat["reason"]


def test_nans_dropped_pairwise_and_minimum_n():
    x = np.array([1, np.nan, 3, 4, 5.0])
    y = np.array([1, 2, np.nan, 4, 6.0])
    m = metrics.compute_metrics(x, y, min_n=3)
    assert m["n"] == 3 and m["bias"] == pytest.approx(-1 / 3)
    few = metrics.compute_metrics(x, y, min_n=10)
    assert few["n"] == 3 and math.isnan(few["rmse"]) and "only 3 valid pairs" in few["reason"]
    assert metrics.compute_metrics([], [])["reason"].startswith("only 0")


def test_anomalies_use_a_centred_35_day_window_with_10_values():
    dates = pd.date_range("2020-01-01", periods=35)
    ramp = np.arange(35.0)
    anomaly = metrics.anomalies(ramp, dates)
    assert anomaly[17] == 0  # full window 0..34, mean 17
    assert anomaly[0] == pytest.approx(0 - np.mean(np.arange(18)))  # window 0..17
    # one value every 4th day: the window of day 0 (days 0..17) holds 5 values < 10 -> NaN
    sparse = pd.date_range("2020-01-01", periods=20, freq="4D")
    values = metrics.anomalies(np.arange(20.0), sparse)
    assert np.isnan(values[0]) and np.isnan(values[-1])
    with pytest.raises(SmrfrError, match="repeated dates"):
        metrics.anomalies([1.0, 2.0], ["2020-01-01", "2020-01-01"])
    # two sensors of one station in one table: named, with what to do
    two = pd.DataFrame({"station": "S1", "depth": np.repeat([5, 10], 35), "date": np.tile(dates, 2),
                        "est": np.tile(ramp, 2), "obs": np.tile(ramp, 2)})
    with pytest.raises(SmrfrError, match="repeated dates .* \\(series S1\\): .* group by .* depth"):
        metrics.metrics_table(two, "est", "obs", date="date", series="station")
    by_depth = metrics.metrics_table(two, "est", "obs", ["depth"], date="date", series="station")
    assert by_depth["n"].tolist() == [35, 35]


def test_anomaly_correlation_removes_the_seasonal_cycle():
    dates = pd.date_range("2020-01-01", periods=365)
    rng = np.random.default_rng(0)
    season = 0.25 + 0.1 * np.sin(2 * np.pi * np.arange(365) / 365)
    y = season + rng.normal(0, 0.02, 365)
    wrong_anomalies = season + rng.normal(0, 0.02, 365)
    m = metrics.compute_metrics(wrong_anomalies, y, dates)
    assert m["r"] > 0.8 and abs(m["anomaly_r"]) < 0.2 and m["anomaly_n"] > 300
    # two stations pooled with a series key: each station's anomalies are its own
    shifted = metrics.compute_metrics(np.r_[y, y + 0.1], np.r_[y, y], np.r_[dates, dates],
                                      series=["a"] * 365 + ["b"] * 365)
    assert shifted["anomaly_r"] == pytest.approx(1)


def test_metrics_table_groups_and_reasons():
    table = pd.DataFrame({"zone": ["A"] * 4 + ["B"] * 2, "est": list(X) + [1, 2], "obs": list(Y) + [1, 2]})
    result = metrics.metrics_table(table, "est", "obs", ["zone"], min_n=3)
    assert list(result.columns[:3]) == ["zone", "n", "r"]
    row_a, row_b = result.iloc[0], result.iloc[1]
    assert row_a["zone"] == "A" and row_a["r"] == pytest.approx(0.6) and row_a["reason"] == ""
    assert row_b["n"] == 2 and math.isnan(row_b["rmse"]) and "at least 3" in row_b["reason"]
    pooled = metrics.metrics_table(table, "est", "obs", min_n=3)
    assert len(pooled) == 1 and pooled["n"][0] == 6
    # one group column named as text, as group_by is elsewhere (it was read as the columns 'z', 'o', ...)
    assert metrics.metrics_table(table, "est", "obs", "zone", min_n=3).equals(result)
    report = metrics.metrics_report(table.assign(station="s"), "est", "obs", group="zone", station="station",
                                    min_n=2)
    assert report["station_summary"]["zone"].tolist() == ["A", "B"]


def test_metrics_table_rejects_text_and_unknown_columns():
    table = pd.DataFrame({"est": ["0.1", "wet", "0.3"], "obs": [0.1, 0.2, 0.3]})
    with pytest.raises(SmrfrError, match=r"column 'est' .* must hold numbers; row 1 has 'wet'"):
        metrics.metrics_table(table, "est", "obs")
    with pytest.raises(SmrfrError, match=r"no column 'observed'; available: est, obs"):
        metrics.metrics_table(table, "est", "observed")
    with pytest.raises(SmrfrError, match=r"no column 'zone'"):
        metrics.metrics_table(table, "est", "obs", ["zone"])
    blanks = pd.DataFrame({"est": ["0.1", " ", "0.3"], "obs": [0.1, 0.2, 0.3]})
    assert metrics.metrics_table(blanks, "est", "obs", min_n=2)["n"][0] == 2


def test_station_summary_median_and_iqr():
    by_station = pd.DataFrame({"zone": ["A"] * 5, "r": [0.1, 0.2, 0.3, 0.4, np.nan]})
    for score in metrics.SCORES[1:]:
        by_station[score] = 1.0
    summary = metrics.summarise_stations(by_station, ["zone"])
    assert summary["stations"][0] == 4
    assert summary["r_median"][0] == pytest.approx(0.25)
    assert summary["r_iqr"][0] == pytest.approx(0.325 - 0.175)
    assert summary["ubrmse_iqr"][0] == 0


@pytest.mark.parametrize("min_n", [-3, 0, 1])
def test_a_minimum_of_pairs_below_two_is_refused(min_n):
    table = pd.DataFrame({"est": [0.1, 0.2, 0.3], "obs": [0.1, 0.3, 0.2]})
    with pytest.raises(SmrfrError, match=f"^min_n {min_n} is out of range: use at least 2 valid pairs"):
        metrics.metrics_table(table, "est", "obs", min_n=min_n)


def test_metrics_command_writes_pooled_and_station_tables(tmp_path, capsys):
    from smrfr_engine.cli import main

    rng = np.random.default_rng(2)
    dates = pd.date_range("2020-01-01", periods=60).strftime("%Y-%m-%d")
    frames = [pd.DataFrame({"site": site, "zone": zone, "day": dates, "obs": obs, "est": obs + shift})
              for site, zone, shift in (("007", "A", 0.01), ("s2", "A", 0.03), ("s3", "B", -0.02))
              for obs in [rng.uniform(0.1, 0.4, 60)]]
    pd.concat(frames).to_csv(tmp_path / "pairs.csv", index=False)
    out = tmp_path / "metrics.csv"
    assert main(["metrics", str(tmp_path / "pairs.csv"), "--estimate", "est", "--observed", "obs",
                 "--group", "zone", "--date", "day", "--station", "site", "--out", str(out)]) == 0
    pooled = pd.read_csv(out)
    assert pooled["zone"].tolist() == ["A", "B"] and pooled["n"].tolist() == [120, 60]
    assert pooled["bias"].tolist() == pytest.approx([0.02, -0.02])
    by_station = pd.read_csv(tmp_path / "metrics_by_station.csv", dtype={"site": str})
    assert by_station["ubrmse"].tolist() == pytest.approx([0, 0, 0], abs=1e-9)
    assert by_station["site"].tolist() == ["007", "s2", "s3"]  # the station as written, not 7
    summary = pd.read_csv(tmp_path / "metrics_station_summary.csv")
    assert summary["bias_median"].tolist() == pytest.approx([0.02, -0.02])
    assert summary["bias_iqr"].tolist() == pytest.approx([0.01, 0])
    assert "written: " in capsys.readouterr().out
    assert main(["metrics", str(tmp_path / "missing.csv"), "--estimate", "a", "--observed", "b"]) == 2
    assert "missing.csv does not exist" in capsys.readouterr().err


@pytest.mark.parametrize("encoding", ["utf-8-sig", "cp1252"])
def test_metrics_reads_excel_csvs_with_a_byte_order_mark_or_in_windows_1252(tmp_path, encoding):
    """The byte-order mark of Excel's "CSV UTF-8" hid the first column ("no column 'estação'") and a
    Windows-1252 file was refused as not UTF-8."""
    pairs = tmp_path / "pares.csv"
    pd.DataFrame({"estação": [0.1, 0.2, 0.3, 0.4], "observação": [0.1, 0.25, 0.3, 0.45],
                  "região": ["Norte", "Norte", "Sul", "Sul"]}).to_csv(pairs, sep=";", index=False,
                                                                        encoding=encoding)
    tables = metrics.metrics_report(pairs, "estação", "observação", group=["região"], min_n=2)
    assert tables["pooled"]["região"].tolist() == ["Norte", "Sul"]
    assert tables["pooled"]["bias"].tolist() == pytest.approx([-0.025, -0.025])


def test_a_table_holding_nul_bytes_is_refused_by_line(tmp_path):
    """pandas cut a cell at a NUL byte, so ids 'S<NUL>B' and 'S<NUL>C' were one station 'S', and a UTF-16
    file (Excel's "Unicode text") was read as Windows-1252 with a NUL in every other byte."""
    pairs = tmp_path / "pairs.csv"
    pairs.write_bytes(b"station,est,obs\nS\0B,0.1,0.1\nS\0C,0.2,0.25\n")
    with pytest.raises(SmrfrError, match=f"{pairs} holds a NUL byte on line 2, which no text table holds "
                                         "\\(a UTF-16 file\\?\\): save it as CSV UTF-8$"):
        metrics.metrics_report(pairs, "est", "obs", group=["station"], min_n=2)
    pairs.write_text("est\tobs\n0.1\t0.1\n", encoding="utf-16")
    with pytest.raises(SmrfrError, match="holds a NUL byte on line 1"):
        metrics.metrics_report(pairs, "est", "obs", min_n=2)


def test_metrics_reads_decimal_commas_of_semicolon_separated_tables_and_only_those(tmp_path):
    """A ';' table with decimal commas (Excel in Brazil) was refused: "column 'est' ... must hold numbers;
    row 0 has '0,1'". A column that mixes 0,25 and 0.25, or a comma-separated file, is still refused."""
    pairs = tmp_path / "pares.csv"
    pairs.write_text("est;obs;zona\n0,1;0,1;A\n0,2;0,25;A\n0,3;0,3;B\n1;0,45;B\n")
    pooled = metrics.metrics_report(pairs, "est", "obs", group=["zona"], min_n=2)["pooled"]
    assert pooled["bias"].tolist() == pytest.approx([-0.025, 0.275])
    pairs.write_text("est;obs\n0,1;0,1\n0.2;0,25\n0,3;0,3\n")
    with pytest.raises(SmrfrError, match="column 'est' of .* must hold numbers; row 0 has '0,1'"):
        metrics.metrics_report(pairs, "est", "obs", min_n=2)
    pairs.write_text('est,obs\n"0,1",0.1\n"0,2",0.25\n"0,3",0.3\n')
    with pytest.raises(SmrfrError, match="column 'est' of .* must hold numbers; row 0 has '0,1'"):
        metrics.metrics_report(pairs, "est", "obs", min_n=2)


@pytest.mark.parametrize("out", ["folder/", "folder", "nowhere/m.csv"])
def test_metrics_command_refuses_an_output_it_cannot_write_in_one_line(tmp_path, capsys, out):
    from smrfr_engine.cli import main

    pd.DataFrame({"obs": [0.1, 0.2, 0.3], "est": [0.1, 0.2, 0.4]}).to_csv(tmp_path / "pairs.csv", index=False)
    (tmp_path / "folder").mkdir()
    (tmp_path / "nowhere").write_text("a file, not a folder")
    out = str(tmp_path / out) + ("/" if out.endswith("/") else "")
    assert main(["metrics", str(tmp_path / "pairs.csv"), "--estimate", "est", "--observed", "obs",
                 "--min-n", "3", "--out", out]) == 2
    error = capsys.readouterr().err
    assert error.startswith("smrfr: error: ") and error.count("\n") == 1 and out in error
    assert sorted(p.name for p in tmp_path.iterdir()) == ["folder", "nowhere", "pairs.csv"]
    assert not list((tmp_path / "folder").iterdir())


def test_metrics_command_checks_every_output_before_writing_any(tmp_path, capsys):
    from smrfr_engine.cli import main

    pd.DataFrame({"site": ["a", "a", "a", "b", "b", "b"], "obs": [0.1, 0.2, 0.3] * 2,
                  "est": [0.1, 0.2, 0.4] * 2}).to_csv(tmp_path / "pairs.csv", index=False)
    (tmp_path / "m_by_station.csv").mkdir()  # the second output cannot be written
    assert main(["metrics", str(tmp_path / "pairs.csv"), "--estimate", "est", "--observed", "obs",
                 "--station", "site", "--min-n", "3", "--out", str(tmp_path / "m.csv")]) == 2
    assert "m_by_station.csv" in capsys.readouterr().err
    assert sorted(p.name for p in tmp_path.iterdir()) == ["m_by_station.csv", "pairs.csv"]


@pytest.mark.parametrize("out", ["pairs.csv", "m.csv"], ids=["the-table", "its-by-station-file"])
def test_metrics_command_never_writes_over_its_table(tmp_path, capsys, out):
    """--out pairs.csv replaced the paired table with its metrics, and --out m.csv replaced a table named
    m_by_station.csv with the per-station metrics."""
    from smrfr_engine.cli import main

    table = tmp_path / ("pairs.csv" if out == "pairs.csv" else "m_by_station.csv")
    pd.DataFrame({"site": ["a", "a", "a"], "obs": [0.1, 0.2, 0.3], "est": [0.1, 0.2, 0.4]}).to_csv(table,
                                                                                                 index=False)
    text = table.read_text()
    assert main(["metrics", str(table), "--estimate", "est", "--observed", "obs", "--station", "site",
                 "--min-n", "3", "--out", str(tmp_path / out)]) == 2
    assert capsys.readouterr().err.strip().endswith(f"would replace its input {table} or write into it; "
                                                    "choose another output")
    assert table.read_text() == text and sorted(p.name for p in tmp_path.iterdir()) == [table.name]
