"""``smrfr:importstations``, ``smrfr:screenstations`` and ``smrfr:tripletcollocation`` through Processing."""

import re
from pathlib import Path

import geopandas
import numpy as np
import pandas as pd
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
    for name in ("s.gpkg", "s.nc"):
        (tmp_path / name).touch()
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


def test_import_takes_every_quality_control_option_of_the_command_line(provider, tmp_path):
    """PLAUSIBILITY, LAYER_SENSORS, CELL_SIZE, RESCALE and SERIES reach the engine as --plausibility,
    --layer-sensors, --cell-size, --rescale and --series do: the same GeoPackage tables."""
    import processing
    from test_stations_store import daily_rows
    from test_validation import product, truth_values

    from smrfr_engine.products import write_product
    from smrfr_engine.stations import QcOptions, TableColumns, import_stations, read_stations

    reference = write_product(product(truth_values()), tmp_path / "reference.zarr")
    values = 0.25 + 0.03 * np.sin(np.arange(60) / 5)
    values[30] = 0.9  # a spike, kept without the plausibility checks
    rows = (daily_rows("A", 10.13, 45.22, 5, values) + daily_rows("A", 10.13, 45.22, 12, values + 0.02)
            + daily_rows("A", 10.13, 45.22, 20, values + 0.04)
            + daily_rows("B", 10.14, 45.23, 25, values + 0.1))
    series = pd.DataFrame(rows, columns=["site", "x", "y", "when", "cm", "vwc"])
    series.drop(columns=["x", "y"]).to_csv(tmp_path / "series.csv", index=False)
    points = series.drop_duplicates("site")
    geopandas.GeoDataFrame(points[["site"]], geometry=geopandas.points_from_xy(points["x"], points["y"]),
                           crs="EPSG:4326").to_file(tmp_path / "sites.gpkg")
    spec = "id=site,time=when,depth=cm,value=vwc,depth_unit=cm"
    processing.run("smrfr:importstations", {
        "INPUT": str(tmp_path / "sites.gpkg"), "SERIES": str(tmp_path / "series.csv"), "COLUMNS": spec,
        "MIN_VALID_DAYS": 30, "PLAUSIBILITY": 2, "LAYER_SENSORS": 1, "CELL_SIZE": 0.5,
        "RESCALE_FOLDER": str(reference), "OUTPUT": str(tmp_path / "processing.gpkg")})
    options = QcOptions(min_valid_days=30, plausibility="never", layer_sensors="mean", cell_size=0.5,
                        rescale_reference=str(reference))
    import_stations([tmp_path / "sites.gpkg"], tmp_path / "engine.gpkg", options=options,
                    columns=TableColumns.parse(spec), series=tmp_path / "series.csv")
    got, expected = (read_stations(tmp_path / name)[1] for name in ("processing.gpkg", "engine.gpkg"))
    pd.testing.assert_frame_equal(got, expected)
    # 10-30 cm: A's 12 and 20 cm sensors averaged (not only the 20 cm one), then with B's in their cell
    assert sorted(got["station_id"].unique()) == ["sites:A"] and set(got["n_sensors"]) == {1, 3}
    assert got["sm"].max() > got["sm"].median() + 0.1  # the spike is there, rescaled

