"""``smrfr:importstations``, ``smrfr:screenstations`` and ``smrfr:tripletcollocation`` through Processing."""

import re
from pathlib import Path

import pytest
from qgis.core import QgsProcessingException, QgsProject
from test_etc import synthetic

ROOT = Path(__file__).resolve().parents[2]
DATA = ROOT / "tests" / "data" / "ismn"


def test_import_screen_and_collocate_through_processing(provider, tmp_path):
    import processing

    from smrfr_engine.stations import read_stations, read_table
    from smrfr_engine.synth import generate

    out = tmp_path / "stations.gpkg"
    result = processing.runAndLoadResults(
        "smrfr:importstations",
        {
            "INPUT": str(DATA / "COSMOS_header_values.zip"),
            "FOLDER": str(DATA / "ceop_sep"),
            "SCHEME": 1,
            "ACCEPT_UNCHECKED": True,
            "MIN_VALID_DAYS": 20,
            "OUTPUT": str(out),
        },
    )
    assert result["OUTPUT"] == str(out) and "read 3 sensors at 3 stations" in result["SUMMARY"]
    stations, daily = read_stations(out)
    assert len(stations) == 3 and set(daily["layer_bottom"]) == {10.0, 30.0}  # 0-5, 0-19: 0-10; 0-21: 10-30
    assert [layer.name() for layer in QgsProject.instance().mapLayers().values()] == ["Stations"]

    demo = tmp_path / "demo"
    generate(demo, seed=1, size=8, start="2019-01-01", end="2019-12-31", n_stations=4)
    imported = tmp_path / "synth.gpkg"
    processing.run(
        "smrfr:importstations", {"INPUT": str(demo / "stations" / "SYNTH_ismn.zip"), "OUTPUT": str(imported)}
    )
    screened = tmp_path / "screened.gpkg"
    result = processing.run(
        "smrfr:screenstations",
        {
            "STATIONS": str(imported),
            "LSM_FOLDER": str(demo / "era5land"),  # yearly files
            "SAT": str(demo / "satellite" / "SSM_2019.nc"),
            "DEEP": 1,
            "OUTPUT": str(screened),
        },
    )
    table = read_table(screened, "screening")
    swapped = {"STATIONS": str(imported), "LSM_FOLDER": str(demo / "satellite"),
               "SAT_FOLDER": str(demo / "era5land"), "OUTPUT": str(tmp_path / "swapped.gpkg")}
    with pytest.raises(QgsProcessingException, match=re.escape(
            f"'Land-surface model folder (yearly NetCDF files, Zarr store)' (LSM_FOLDER): unrecognised "
            f"product layout: variables sm, crs in {demo / 'satellite'}; expected sml1_p..sml5_p or "
            "swvl1..swvl4; convert the product first with `smrfr subset --description` (Processing: "
            "Subset a product, with a product description)")):
        processing.run("smrfr:screenstations", swapped)
    assert result["SUMMARY"] == f"{int(table['etc_pass'].sum())} of {len(table)} station layers pass"
    assert len(table) == read_stations(imported)[1].groupby(["station_id", "layer"]).ngroups > 0

    series, *_ = synthetic(n=500)
    csv = tmp_path / "triplets.csv"
    csv.write_text("a,b,c\n" + "\n".join(",".join(map(str, row)) for row in zip(*series)))
    result = processing.run(
        "smrfr:tripletcollocation",
        {"INPUT": str(csv), "COLUMNS": "a, b, c", "OUTPUT": str(tmp_path / "etc.csv")},
    )
    assert (tmp_path / "etc.csv").read_text().startswith("column,rho2,err_std,err_std_scaled,beta,n")
    assert result["SUMMARY"].splitlines()[0].startswith("a: rho2 0.8")


def test_user_errors_become_processing_errors(provider, tmp_path):
    import processing

    with pytest.raises(QgsProcessingException, match="Give an ISMN download"):
        processing.run("smrfr:importstations", {"OUTPUT": str(tmp_path / "s.gpkg")})
    with pytest.raises(QgsProcessingException, match="Choose the land-surface model product"):
        processing.run("smrfr:screenstations", {"STATIONS": str(tmp_path / "s.gpkg"),
                                                "SAT": str(tmp_path / "s.nc"),
                                                "OUTPUT": str(tmp_path / "x.gpkg")})
    csv = tmp_path / "t.csv"
    csv.write_text("a,b,c\n1,2,3\n")
    with pytest.raises(QgsProcessingException, match="at least 100 complete triplets"):
        processing.run(
            "smrfr:tripletcollocation",
            {"INPUT": str(csv), "COLUMNS": "a,b,c", "OUTPUT": str(tmp_path / "etc.csv")},
        )
