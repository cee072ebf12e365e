"""Outputs whose name the format does not fit, or that cannot be put in place, are refused by name before
anything is written (command line and Python alike)."""

import geopandas
import pytest
from conftest_products import smrfr_folder
from shapely.geometry import box

from smrfr_engine.cli import main
from smrfr_engine.errors import SmrfrError
from smrfr_engine.products import open_product


@pytest.fixture()
def source(tmp_path):
    return smrfr_folder(tmp_path / "smrfr")


def test_a_name_the_format_does_not_fit_is_refused(source, tmp_path, capsys):
    zones = tmp_path / "zones.gpkg"
    geopandas.GeoDataFrame({"id": ["a"]}, geometry=[box(10, 41, 11, 42)], crs="EPSG:4326").to_file(zones)
    commands = {
        "x.tif": (["subset", str(source), "--bbox", "10,40,12,42"],
                  "a GeoTIFF export is a folder (one GeoTIFF per layer, one band per day), not one file; "
                  "give a folder name without .tif, or a name ending in .nc (NetCDF) or .zarr (Zarr store)"),
        "x.shp": (["zonal", str(source), "--zones", str(zones), "--field", "id"],
                  "give a name ending in .gpkg (GeoPackage) or .csv (CSV)"),
        "x.xlsx": (["series", str(source), "--point", "11,41"], "give a name ending in .csv (CSV)"),
    }
    for name, (command, expected) in commands.items():
        assert main([*command, "--out", str(tmp_path / name), "--quiet"]) == 2, name
        assert f"smrfr: error: cannot write {tmp_path / name}: {expected}" in capsys.readouterr().err
        assert not (tmp_path / name).exists()


def test_an_output_under_a_file_is_one_clear_error(source, tmp_path, capsys):
    (tmp_path / "notes.csv").write_text("a\n")
    out = tmp_path / "notes.csv" / "x.nc"
    assert main(["subset", str(source), "--bbox", "10,40,12,42", "--out", str(out), "--quiet"]) == 2
    assert f"cannot write {out}: {tmp_path / 'notes.csv'} is a file, not a folder" in capsys.readouterr().err


def test_a_kind_given_that_does_not_fit_says_so(source):
    with pytest.raises(SmrfrError) as error:
        open_product(source, "era5")
    assert str(error.value) == (f"{source} is not a product of kind era5: expected variables swvl1..swvl4, "
                                "found variables sml1_p, sml2_p, sml3_p, sml4_p, sml5_p")
    with pytest.raises(SmrfrError, match=f"^{source} is not a product of kind gssm: expected GeoTIFFs named"):
        open_product(source, "gssm")


def test_an_output_that_cannot_be_put_in_place_is_refused_before_any_work(tmp_path):
    # the inputs do not exist: the error names the output, so it was checked before they were read
    from smrfr_engine.etc import etc_csv
    from smrfr_engine.model.cube import build_cube
    from smrfr_engine.model.infer import infer
    from smrfr_engine.products import point_series
    from smrfr_engine.stations import import_stations, screen_stations
    from smrfr_engine.synth import generate

    (tmp_path / "file").write_text("not a folder")
    missing, under = tmp_path / "missing", tmp_path / "file"
    calls = {
        "region": lambda out: generate(out, size=4, n_stations=3),
        "stations.gpkg": lambda out: import_stations([missing], out),
        "screened.gpkg": lambda out: screen_stations(missing, missing, missing, out),
        "etc.csv": lambda out: etc_csv(missing, ["a", "b", "c"], out=out),
        "series.csv": lambda out: point_series(missing, 11, 41, out=out),
        "cube.zarr": lambda out: build_cube({"grid": {"bbox": [10, 40, 11, 41], "resolution": 0.5}}, out,
                                            "2020-01-01", "2020-01-31"),
        "maps": lambda out: infer(missing, missing, out),
    }
    for name, call in calls.items():
        with pytest.raises(SmrfrError, match=f"cannot write {under / name}: {under} is a file, not a folder"):
            call(under / name)
    with pytest.raises(SmrfrError, match=f"output {under} is a file, which this output"):
        infer(missing, missing, under)
