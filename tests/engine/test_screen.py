"""ETC screening of stations on the demo region: planted poor stations are rejected, good ones kept."""

import json

import numpy as np
import pandas as pd
import pyogrio
import pytest

from smrfr_engine.cli import main
from smrfr_engine.errors import SmrfrError
from smrfr_engine.stations import import_stations, read_stations, read_table, screen_stations
from smrfr_engine.stations.screen import soil_water_index
from smrfr_engine.synth import generate


@pytest.fixture(scope="module")
def region(tmp_path_factory):
    root = tmp_path_factory.mktemp("screen")
    manifest = generate(root / "demo", seed=0, size=16, start="2019-01-01", end="2019-12-31", n_stations=20)
    stations = root / "stations.gpkg"
    import_stations([root / "demo" / "stations" / "SYNTH_ismn.zip"], stations)
    screened = root / "screened.gpkg"
    table = screen_stations(stations, root / "demo" / "era5land", root / "demo" / "satellite", screened)
    poor = {s["station_id"]: s["poor"] for s in manifest["stations"]}
    return root, stations, screened, table.assign(poor=table["station_id"].map(poor))


def confusion(poor: pd.Series, rejected: pd.Series) -> dict:
    return {
        "poor rejected": int((poor & rejected).sum()),
        "poor kept": int((poor & ~rejected).sum()),
        "good rejected": int((~poor & rejected).sum()),
        "good kept": int((~poor & ~rejected).sum()),
    }


def test_screening_rejects_the_planted_poor_stations_and_keeps_the_good_ones(region):
    *_, table = region
    surface = table[table["layer"] == 1]
    layer1 = confusion(surface["poor"], surface["etc_pass"] == 0)
    # measured (seed 0, 16 cells, 2019, 20 stations; poor ones partly lost to QC already):
    # {'poor rejected': 2, 'poor kept': 0, 'good rejected': 0, 'good kept': 15}
    assert layer1["poor rejected"] >= 2 and layer1["poor kept"] == 0 and layer1["good rejected"] == 0
    station = table.groupby("station_id").agg(
        poor=("poor", "first"), fail_share=("etc_pass", lambda p: 1 - p.mean())
    )
    by_station = confusion(station["poor"], station["fail_share"] > 0.5)
    # measured (station rejected when most of its layers fail):
    # {'poor rejected': 2, 'poor kept': 0, 'good rejected': 1, 'good kept': 14}
    assert by_station["poor kept"] == 0
    assert by_station["good kept"] >= 0.9 * (by_station["good kept"] + by_station["good rejected"])


def test_screening_adds_tables_and_deletes_nothing(region):
    _, stations, screened, table = region
    before = [str(n) for n, _ in pyogrio.list_layers(stations)]
    assert sorted(str(n) for n, _ in pyogrio.list_layers(screened)) == sorted([*before, "screening"])
    pd.testing.assert_frame_equal(read_stations(stations)[1], read_stations(screened)[1])
    stored = read_table(screened, "screening")
    assert list(stored.columns) == [
        "station_id",
        "layer",
        "etc_rho2",
        "etc_err_std",
        "etc_n",
        "etc_pass",
        "etc_reason",
    ]
    assert len(stored) == read_stations(stations)[1].groupby(["station_id", "layer"]).ngroups
    assert set(stored["etc_pass"]) <= {0, 1} and (stored["etc_n"] >= 100).all()
    info = dict(read_table(screened, "run_info")[["key", "value"]].to_numpy())
    assert info["screen_threshold"] == "0.762" and info["scheme"] == "smrfr"
    assert info["screen_deep"] == "station"


def test_deep_layers_can_be_left_unscreened_and_short_series_fail_with_the_reason(region):
    root, stations, *_ = region
    demo = root / "demo"
    table = screen_stations(
        stations, demo / "era5land", demo / "satellite", root / "skip.gpkg", deep="skip", min_triplets=400
    )
    deep = table[table["layer"] >= 3]
    assert (deep["etc_pass"] == 1).all() and deep["etc_reason"].str.startswith("not screened").all()
    upper = table[table["layer"] <= 2]
    assert (upper["etc_pass"] == 0).all()
    assert upper["etc_reason"].str.contains("at least 400 complete triplets").all()


def test_a_product_without_values_at_the_station_is_named_as_the_cause():
    from smrfr_engine.stations.screen import _collocate

    days = pd.date_range("2020-01-01", periods=300)
    insitu = pd.Series(0.25 + 0.05 * np.sin(np.arange(300) / 20), days)
    nothing = pd.Series(np.nan, days)
    *_, passed, reason = _collocate(insitu, nothing, insitu + 0.01, 0.762, 100)
    assert passed == 0 and reason == ("fail: the land-surface model has no value at the station (it lies "
                                      "outside the product or on its nodata)")
    *_, reason = _collocate(insitu, nothing, nothing, 0.762, 100)
    assert reason.startswith("fail: the land-surface model and the satellite product have no value")
    *_, reason = _collocate(insitu[:50], insitu, insitu, 0.762, 100)
    assert reason == "fail: ETC needs at least 100 complete triplets of insitu, lsm, sat; only 50 remain"


def test_soil_water_index_is_the_exponential_filter():
    days = pd.date_range("2020-01-01", periods=4, freq="D")
    ssm = pd.Series([0.2, np.nan, 0.4, 0.1], index=days)
    swi = soil_water_index(ssm, t_days=2.0)
    gain2 = 1 / (1 + np.exp(-1.0))  # two days after the first value
    second = 0.2 + gain2 * 0.2
    gain3 = gain2 / (gain2 + np.exp(-0.5))
    assert swi.iloc[0] == 0.2 and np.isnan(swi.iloc[1])
    assert swi.iloc[2] == pytest.approx(second) and swi.iloc[3] == pytest.approx(
        second + gain3 * (0.1 - second)
    )


def test_screen_command(region, capsys):
    root, stations, *_ = region
    out = root / "cli.gpkg"
    code = main(
        [
            "stations",
            "screen",
            str(stations),
            "--lsm",
            str(root / "demo" / "era5land"),
            "--sat",
            str(root / "demo" / "satellite"),
            "--threshold",
            "0.9",
            "--out",
            str(out),
            "--quiet",
        ]
    )
    assert code == 0
    text = capsys.readouterr().out
    assert "station layers pass; written" in text and "SYNTH:Site-01 layer 1: pass" in text
    assert json.loads(json.dumps(read_table(out, "screening")["etc_pass"].tolist()))
    assert (
        main(
            [
                "stations",
                "screen",
                str(root / "none.gpkg"),
                "--lsm",
                "x",
                "--sat",
                "y",
                "--out",
                str(out),
                "--quiet",
            ]
        )
        == 2
    )
    assert f"stations GeoPackage {root / 'none.gpkg'} does not exist" in capsys.readouterr().err


@pytest.mark.parametrize(("sat", "message"), [("nothere", "product {} does not exist"),
                                              ("dem/dem.tif", "unrecognised GeoTIFF product {} "),
                                              ("manifest.json", "cannot read {}: a product is a Zarr store")])
def test_a_missing_or_unreadable_satellite_product_is_one_line_as_for_the_lsm(region, capsys, sat, message):
    root, stations, *_ = region
    out = root / "bad.gpkg"
    for option in ("--lsm", "--sat"):
        products = {"--lsm": str(root / "demo" / "era5land"), "--sat": str(root / "demo" / "satellite"),
                    option: str(root / "demo" / sat)}
        argv = ["stations", "screen", str(stations), *(x for item in products.items() for x in item)]
        assert main([*argv, "--out", str(out), "--quiet"]) == 2, option
        error = capsys.readouterr().err.strip().splitlines()[-1]
        assert error.startswith("smrfr: error: " + message.format(root / "demo" / sat)), option
        assert "product kind" not in error  # screening has no --kind or --description to give
    assert not out.exists()


@pytest.mark.parametrize("threshold", [1.5, -1, float("nan")])
def test_a_threshold_outside_the_range_of_rho2_is_refused_before_any_work(tmp_path, threshold):
    with pytest.raises(SmrfrError, match=f"^threshold {threshold:g} is out of range: use an in-situ rho2 "
                                         r"from 0 to 1 \(SMRFR: 0.762\)"):
        screen_stations(tmp_path / "none.gpkg", "lsm", "sat", tmp_path / "out.gpkg", threshold=threshold)


def test_station_rule_gives_every_layer_the_verdict_of_the_shallowest_one():
    from smrfr_engine.stations.screen import station_verdict

    screening = pd.DataFrame({"station_id": ["a", "a", "a", "b", "b", "c", "c"],
                              "layer": [1, 2, 4, 1, 5, 3, 5], "etc_rho2": 0.8, "etc_err_std": 0.01,
                              "etc_n": 300, "etc_pass": [1, 0, 0, 0, 1, 1, 0],
                              "etc_reason": ["pass", "fail: rho2 0.6", "fail", "fail", "pass", "pass",
                                             "not screened: outside"]})
    result = station_verdict(screening)
    assert result["etc_pass"].tolist() == [1, 1, 1, 0, 0, 1, 1]
    assert result["etc_reason"][1] == "pass: verdict of the station's layer 1 (own: fail: rho2 0.6)"
    assert result["etc_reason"][0] == "pass"
    # a surface layer with too few triplets says nothing of the station: the next assessed layer decides
    short = pd.DataFrame({"station_id": "d", "layer": [1, 2, 3], "etc_rho2": [np.nan, 0.9, 0.5],
                          "etc_err_std": 0.01, "etc_n": [40, 300, 300], "etc_pass": [0, 1, 0],
                          "etc_reason": ["fail: 40 triplets, fewer than 100", "pass", "fail: rho2 0.5"]})
    assert station_verdict(short)["etc_pass"].tolist() == [0, 1, 1]
