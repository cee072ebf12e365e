"""The product algorithms run through Processing (pytest-qgis) and headless through qgis_process."""

import datetime as dt
import json
import re
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from conftest_products import (
    LAT,
    LON,
    UTM_DAYS,
    YEARS,
    old_axis_names,
    smrfr_folder,
    truth,
    utm_folder,
    utm_truth,
)
from qgis.core import (
    QgsPointXY,
    QgsProcessingContext,
    QgsProcessingException,
    QgsRasterLayer,
    QgsSingleBandPseudoColorRenderer,
    QgsVectorLayer,
)

from smrfr_engine.products.ops import SERIES_FORMATS
from smrfr_engine.products.zonal import ZONAL_FORMATS
from smrfr_qgis.temporal import daily_layer, product_rasters, stored_dates


@pytest.fixture()
def product(tmp_path):
    return smrfr_folder(tmp_path / "smrfr")


def run(algorithm, parameters):
    import processing

    return processing.run(f"smrfr:{algorithm}", parameters)


def test_all_five_algorithms_are_registered(provider):
    ids = {alg.id() for alg in provider.algorithms()}
    assert {"smrfr:info", "smrfr:subset", "smrfr:pointseries", "smrfr:zonalstats", "smrfr:anomaly"} <= ids


def test_info_reports_layers_and_dates(provider, product):
    result = run("info", {"SOURCE_FOLDER": str(product)})
    assert result["LAYERS"] == "sml1_p,sml2_p,sml3_p,sml4_p,sml5_p"
    assert (result["START"], result["END"]) == ("2019-12-28", "2020-01-03")


@pytest.mark.parametrize("cpg", [True, False])
def test_zone_names_of_a_latin1_shapefile_reach_the_table(provider, product, tmp_path, cpg):
    """A Shapefile in ISO-8859-1 (as ogr2ogr writes it), with a .cpg saying so or none (GDAL, and so
    ``smrfr zonal``, then reads ISO-8859-1): given by its path, QGIS read the one without a .cpg as UTF-8,
    and the table held 'S\ufffdo Jo\ufffdo'."""
    import subprocess

    table = tmp_path / "zones.csv"
    table.write_text('WKT,nom\n"POLYGON((10 42,10.5 42,10.5 43,10 43,10 42))",São João\n'
                     '"POLYGON((10.5 42,11 42,11 43,10.5 43,10.5 42))",Müller\n', encoding="utf-8")
    shapefile = tmp_path / "zones.shp"
    subprocess.run(["ogr2ogr", "-f", "ESRI Shapefile", "-lco", "ENCODING=ISO-8859-1", "-a_srs", "EPSG:4326",
                    str(shapefile), str(table)], check=True)
    assert "São João".encode("latin-1") in shapefile.with_suffix(".dbf").read_bytes()
    if not cpg:
        shapefile.with_suffix(".cpg").unlink()
    result = run("zonalstats", {"SOURCE_FOLDER": str(product), "ZONES": str(shapefile), "FIELD": "nom",
                                "STATS": [0], "LAYERS": "sml1_p", "OUTPUT": str(tmp_path / "zonal.csv")})
    assert sorted(set(pd.read_csv(result["OUTPUT"])["nom"])) == ["Müller", "São João"]


def test_subset_writes_geotiffs_and_netcdf_that_qgis_reads_exactly(provider, product, tmp_path):
    result = run(
        "subset",
        {
            "SOURCE_FOLDER": str(product),
            "EXTENT": "1141000,1250000,5160000,5300000 [EPSG:3857]",
            "START": "2019-12-30",
            "END": "2020-01-02",
            "LAYERS": "sml1_p,sml3_p",
            "OUTPUT_FOLDER": str(tmp_path / "tifs"),
            "OUTPUT_FILE": str(tmp_path / "sub.nc"),
        },
    )
    layer = QgsRasterLayer(str(Path(result["OUTPUT_FOLDER"]) / "sml3_p.tif"), "sml3")
    assert layer.isValid() and layer.bandCount() == 4 and layer.crs().authid() == "EPSG:4326"
    extent = layer.extent()
    # EPSG:3857 box -> 10.25..11.23 E, 42.07..42.97 N -> cells 10.0..11.5 E, 41.5..43.0 N
    assert (extent.xMinimum(), extent.xMaximum(), extent.yMinimum(), extent.yMaximum()) == (
        10.0,
        11.5,
        41.5,
        43.0,
    )
    value, ok = layer.dataProvider().sample(layer.extent().center(), 2)  # cell (row 1, col 1), 2019-12-31
    assert ok and value == pytest.approx(float(truth(3, YEARS[2019])[3, 1, 1]), abs=0)
    netcdf = QgsRasterLayer(f'NETCDF:"{result["OUTPUT_FILE"]}":sml1_p', "nc")
    assert netcdf.isValid() and netcdf.bandCount() == 4
    value, ok = netcdf.dataProvider().sample(netcdf.extent().center(), 1)
    assert ok and value == pytest.approx(float(truth(1, YEARS[2019])[2, 1, 1]), abs=0)


def test_point_series_and_zonal_statistics(provider, product, tmp_path):
    import processing
    from qgis.core import QgsFeature, QgsGeometry, QgsProcessingContext, QgsProject, QgsRectangle

    series = run(
        "pointseries",
        {
            "SOURCE_FOLDER": str(product),
            "POINT": "11.3,41.8 [EPSG:4326]",
            "OUTPUT": str(tmp_path / "series.csv"),
        },
    )
    assert (series["CELL_LON"], series["CELL_LAT"]) == (LON[2], LAT[2])
    lines = Path(series["OUTPUT"]).read_text().splitlines()
    assert len(lines) == 1 + 7 and lines[0].startswith("date,sml1_p")
    context = QgsProcessingContext()
    between = processing.run("smrfr:pointseries", {
        "SOURCE_FOLDER": str(product), "POINT": f"{LON[1]},{(LAT[1] + LAT[2]) / 2} [EPSG:4326]",
        "SAMPLING": 1, "OUTPUT": str(tmp_path / "between.csv")}, context=context)
    assert list(context.layersToLoadOnCompletion()) == [between["OUTPUT"]]  # the table comes into the project
    halfway = pd.read_csv(between["OUTPUT"])["sml1_p"].iloc[0]  # halfway between two cell centres
    first_day = truth(1, YEARS[2019])[0]
    assert between["DISTANCE_KM"] == 0 and halfway == pytest.approx(first_day[1:3, 1].mean(), abs=1e-6)

    zones = QgsVectorLayer("Polygon?crs=EPSG:4326&field=name:string", "zones", "memory")
    feature = QgsFeature(zones.fields())
    feature.setGeometry(QgsGeometry.fromRect(QgsRectangle(10.0, 42.0, 11.0, 43.0)))
    feature["name"] = "north-west"
    zones.dataProvider().addFeatures([feature])
    QgsProject.instance().addMapLayer(zones)
    parameters = {"SOURCE_FOLDER": str(product), "ZONES": zones, "FIELD": "name", "STATS": [0, 5], "RULE": 1,
                  "LAYERS": "sml1_p", "OUTPUT": str(tmp_path / "zonal.gpkg")}
    try:
        with pytest.raises(QgsProcessingException, match="The zones layer Polygon.* has no field 'nom'; its "
                                                         "fields: name"):
            run("zonalstats", {**parameters, "FIELD": "nom"})
        result = run("zonalstats", parameters)
    finally:
        QgsProject.instance().removeMapLayer(zones.id())
    table = QgsVectorLayer(f"{result['OUTPUT']}|layername=zonal_stats", "z", "ogr")
    assert table.isValid() and table.featureCount() == 7
    first = next(table.getFeatures())
    assert first["mean"] == pytest.approx(float(truth(1, YEARS[2019])[0, :2, :2].mean()), abs=1e-7)
    assert first["count"] == 4


def test_subset_adds_depth_ranges_and_writes_zarr_3_when_asked(provider, product, tmp_path):
    """DEPTHS and ZARR_FORMAT give Processing the CLI's --depths and --zarr-format."""
    import xarray as xr

    result = run("subset", {"SOURCE_FOLDER": str(product), "START": "2020-01-01", "END": "2020-01-01",
                            "DEPTHS": "0-10", "ZARR_FORMAT": 1, "OUTPUT_FILE": str(tmp_path / "sub.zarr")})
    store = Path(result["OUTPUT_FILE"])
    assert (store / "zarr.json").is_file() and not (store / ".zgroup").exists()  # Zarr v3
    day = [pd.Timestamp("2020-01-01")]
    top = (truth(1, day) + truth(2, day)) / 2  # 0-5 and 5-10 cm, equal thicknesses
    with xr.open_zarr(store) as ds:
        np.testing.assert_allclose(ds["sm_0_10cm"].values, top, atol=1e-6)
    with pytest.raises(QgsProcessingException, match="depth ranges 'top' must look like 0-10,10-40"):
        run("subset", {"SOURCE_FOLDER": str(product), "DEPTHS": "top",
                       "OUTPUT_FILE": str(tmp_path / "x.zarr")})
    assert not (tmp_path / "x.zarr").exists()


def test_a_product_of_another_layout_is_read_with_its_description(provider, tmp_path):
    """DESCRIPTION gives the product algorithms the CLI's --description: a percent NetCDF with dims of
    its own is read as a 0-5 cm layer in m3/m3."""
    import json

    import xarray as xr

    days = pd.date_range("2020-01-01", periods=3)
    values = np.arange(3 * 2 * 4, dtype="float32").reshape(3, 2, 4)
    xr.Dataset({"vwc": (("time", "y", "x"), values)},
               coords={"time": days, "y": [45.25, 45.0], "x": [10.0, 10.25, 10.5, 10.75]}).to_netcdf(
        tmp_path / "mine.nc")
    (tmp_path / "mine.json").write_text(json.dumps({"layers": [{"name": "top", "variable": "vwc", "top": 0,
                                                                "bottom": 5}], "scale": 0.01}))
    described = {"SOURCE": str(tmp_path / "mine.nc"), "DESCRIPTION": str(tmp_path / "mine.json")}
    assert run("info", described)["LAYERS"] == "top"
    series = run("pointseries", {**described, "POINT": "10.26,45.01 [EPSG:4326]",
                                 "OUTPUT": str(tmp_path / "s.csv")})
    assert pd.read_csv(series["OUTPUT"])["top"].tolist() == pytest.approx(values[:, 1, 1] / 100)


def test_anomaly_writes_percentiles_of_the_whole_product_without_an_area(provider, product, tmp_path):
    result = run(
        "anomaly",
        {
            "SOURCE_FOLDER": str(product),
            "CLIM_START": "2019-12-28",
            "CLIM_END": "2020-01-03",
            "WINDOW": 365,
            "OUTPUT_FOLDER": str(tmp_path / "anomaly"),
        },
    )
    layer = QgsRasterLayer(str(Path(result["OUTPUT_FOLDER"]) / "sml1_p_percentile.tif"), "p")
    assert layer.isValid() and layer.bandCount() == 7
    assert layer.extent().toRectF().getCoords() == (10, 40, 14, 43)
    value, ok = layer.dataProvider().sample(layer.extent().center(), 7)
    assert ok and value == pytest.approx(100 * 6.5 / 7)  # the last day is the wettest of the seven


def test_bad_input_raises_one_clear_error(provider, product, tmp_path):
    with pytest.raises(QgsProcessingException, match="outside the product"):
        run(
            "subset",
            {
                "SOURCE_FOLDER": str(product),
                "EXTENT": "50,60,50,60 [EPSG:4326]",
                "OUTPUT_FOLDER": str(tmp_path / "none"),
            },
        )
    assert not (tmp_path / "none").exists()


def test_qgis_process_runs_subset_headless(product, tmp_path, qgis_process):
    out = tmp_path / "qp"
    done = qgis_process("--json", "run", "smrfr:subset", "--", f"SOURCE_FOLDER={product}",
                        "EXTENT=10.1,11.9,41.1,42.9 [EPSG:4326]", "START=2019-12-31", "END=2020-01-02",
                        f"OUTPUT_FOLDER={out}")
    assert done.returncode == 0, done.stdout + done.stderr
    assert json.loads(done.stdout[done.stdout.index("{") :])["results"]["OUTPUT_FOLDER"] == str(out)
    import rasterio

    with rasterio.open(out / "sml2_p.tif") as src:
        assert src.descriptions == ("2019-12-31", "2020-01-01", "2020-01-02")
        expected = np.concatenate([truth(2, YEARS[2019][3:]), truth(2, YEARS[2020][:2])])[:, 0:4, 0:4]
        np.testing.assert_array_equal(src.read(), expected)


def polygons_file(path, geometry) -> str:
    """A one-feature GeoPackage (layer ``area``, WGS 84), as a user's file."""
    import geopandas

    frame = geopandas.GeoDataFrame({"name": ["far"]}, geometry=[geometry], crs="EPSG:4326")
    frame.to_file(path, layer="area")
    return str(path)


def test_errors_name_the_users_layer_not_its_temporary_copy(provider, product, tmp_path):
    from shapely.geometry import Point, box

    far = polygons_file(tmp_path / "far.gpkg", box(10, 30, 11, 31))  # the product: 10..14 E, 40..43 N
    with pytest.raises(QgsProcessingException) as error:
        run("subset", {"SOURCE_FOLDER": str(product), "AOI": far, "OUTPUT_FOLDER": str(tmp_path / "tifs")})
    message = str(error.value)
    assert message.startswith(f"the AOI {far} (W,S,E,N 10,30,11,31") and "area.gpkg" not in message
    zones = {"SOURCE_FOLDER": str(product), "FIELD": "name", "OUTPUT": str(tmp_path / "zonal.csv")}
    with pytest.raises(QgsProcessingException, match=f"^no zone of {far} overlaps the product"):
        run("zonalstats", {**zones, "ZONES": far})
    points = polygons_file(tmp_path / "points.gpkg", Point(11, 41))
    with pytest.raises(QgsProcessingException,
                       match=f"^'Zones' \\(ZONES\\): the layer {points} holds points; expected polygons$"):
        run("zonalstats", {**zones, "ZONES": points})
    assert not (tmp_path / "tifs").exists() and not (tmp_path / "zonal.csv").exists()


def one_step_model(algorithm: str, values: dict):
    """A graphical model of one step whose values are fixed in the model: Processing checks a model's own
    inputs, not the values it hands its steps."""
    from qgis.core import QgsProcessingModelAlgorithm, QgsProcessingModelChildAlgorithm
    from qgis.core import QgsProcessingModelChildParameterSource as Source

    model = QgsProcessingModelAlgorithm("one step", "SMRFR tests")
    child = QgsProcessingModelChildAlgorithm(f"smrfr:{algorithm}")
    child.setChildId("step")
    for name, value in values.items():
        child.addParameterSources(name, [Source.fromStaticValue(value)])
    model.addChildAlgorithm(child)
    model.updateDestinationParameters()
    return model


def test_a_model_step_whose_layer_does_not_load_names_the_parameter(provider, product, tmp_path):
    """A layer a model hands a step that does not load (a missing file) stops the step with the parameter
    and the value, not a Python traceback, and an area that does not load is not taken as no area."""
    import processing
    from qgis.core import QgsProcessingFeedback

    class Errors(QgsProcessingFeedback):
        def __init__(self):
            super().__init__()
            self.errors = []

        def reportError(self, error, fatalError=False):  # noqa: N802 (QGIS API name)
            self.errors.append(error)

    missing = str(tmp_path / "missing.gpkg")
    steps = {"zonalstats": ("ZONES", {"SOURCE_FOLDER": str(product), "ZONES": missing, "FIELD": "name"}),
             "metrics": ("INPUT", {"INPUT": missing, "ESTIMATE": "estimate", "OBSERVED": "observed"}),
             "subset": ("AOI", {"SOURCE_FOLDER": str(product), "AOI": missing,
                                "OUTPUT_FOLDER": str(tmp_path / "tifs")})}
    for algorithm, (name, values) in steps.items():
        feedback = Errors()
        with pytest.raises(QgsProcessingException):
            processing.run(one_step_model(algorithm, values), {}, feedback=feedback)
        errors = "\n".join(feedback.errors)
        assert f"source layer for {name}: {missing}" in errors and "Traceback" not in errors, errors


def test_two_alternatives_given_are_refused_naming_both(provider, product, tmp_path):
    from qgis.core import QgsApplication, QgsProcessingContext
    from shapely.geometry import box

    aoi = polygons_file(tmp_path / "aoi.gpkg", box(10, 41, 11, 42))
    out = tmp_path / "tifs"
    parameters = {"SOURCE_FOLDER": str(product), "SOURCE": str(product / "SMRFR_2019_v1.0.zarr"),
                  "EXTENT": "10,12,41,43 [EPSG:4326]", "OUTPUT_FOLDER": str(out)}
    with pytest.raises(QgsProcessingException, match=r"Give 'Product file \(NetCDF, GeoTIFF\)' \(SOURCE\) or "
                                                     r"'Product folder .*' \(SOURCE_FOLDER\), not both"):
        run("subset", parameters)
    del parameters["SOURCE"]
    with pytest.raises(QgsProcessingException,
                       match=r"Give 'Area \(extent\)' \(EXTENT\) or 'Area \(polygons\)' \(AOI\), not both"):
        run("subset", {**parameters, "AOI": aoi})
    assert not out.exists()
    # the dialog asks checkParameterValues before it runs: the message shows there too
    algorithm = QgsApplication.processingRegistry().createAlgorithmById("smrfr:subset")
    ok, message = algorithm.checkParameterValues({**parameters, "AOI": aoi}, QgsProcessingContext())
    assert not ok and "(EXTENT) or 'Area (polygons)' (AOI), not both" in message
    assert run("subset", parameters)["OUTPUT_FOLDER"] == str(out)  # one of each: runs


def test_a_kind_that_does_not_fit_is_named(provider, product):
    with pytest.raises(QgsProcessingException) as error:
        run("info", {"SOURCE_FOLDER": str(product), "KIND": 2})
    assert str(error.value) == (f"{product} is not a product of kind era5: expected variables swvl1..swvl4, "
                                "found variables sml1_p, sml2_p, sml3_p, sml4_p, sml5_p")


#: an output name each algorithm does not write, with the inputs it needs and the message
UNWRITTEN = {
    "subset": ({"EXTENT": "10,12,41,43 [EPSG:4326]"}, "OUTPUT_FILE", "x.tif",
               r"'NetCDF or Zarr output' \(OUTPUT_FILE\): cannot write .*x\.tif: give a name ending in "
               r"\.nc or \.zarr; GeoTIFFs are written to a folder: 'GeoTIFF folder .*' \(OUTPUT_FOLDER\)$"),
    "zonalstats": ({"FIELD": "name"}, "OUTPUT", "zs.shp",
                   r"'Statistics' \(OUTPUT\): cannot write .*zs\.shp: give a name ending in \.gpkg or "
                   r"\.csv$"),
    "pointseries": ({"POINT": "11.3,41.8 [EPSG:4326]"}, "OUTPUT", "pt.xlsx",
                    r"'Series' \(OUTPUT\): cannot write .*pt\.xlsx: give a name ending in \.csv$"),
}


@pytest.mark.parametrize("algorithm", UNWRITTEN)
def test_output_names_the_algorithm_does_not_write_are_refused(provider, product, tmp_path, algorithm):
    from shapely.geometry import box

    inputs, output, name, message = UNWRITTEN[algorithm]
    if algorithm == "zonalstats":
        inputs = {**inputs, "ZONES": polygons_file(tmp_path / "zones.gpkg", box(10, 41, 11, 42))}
    with pytest.raises(QgsProcessingException, match=message):
        run(algorithm, {"SOURCE_FOLDER": str(product), **inputs, output: str(tmp_path / name)})
    assert not (tmp_path / name).exists()


@pytest.mark.parametrize("algorithm, formats", [("zonalstats", ZONAL_FORMATS),
                                                ("pointseries", SERIES_FORMATS)])
def test_a_table_output_offers_the_formats_the_engine_writes(provider, algorithm, formats):
    from qgis.core import QgsApplication

    definition = QgsApplication.processingRegistry().algorithmById(f"smrfr:{algorithm}").parameterDefinition(
        "OUTPUT")
    assert re.findall(r"(\w+) \(\*(\.\w+)\)", definition.fileFilter()) == [
        (name, suffix) for suffix, name in formats.items()]


def test_every_output_is_checked_before_any_is_written(provider, product, tmp_path):
    existing = tmp_path / "existing.csv"
    existing.write_text("a,b\n")
    output = r"^'NetCDF or Zarr output' \(OUTPUT_FILE\): "
    with pytest.raises(QgsProcessingException,
                       match=f"{output}cannot write {existing}/x.nc: {existing} is a file, not a folder$"):
        run("subset", {"SOURCE_FOLDER": str(product), "EXTENT": "10,12,41,43 [EPSG:4326]",
                       "OUTPUT_FOLDER": str(tmp_path / "tifs"), "OUTPUT_FILE": str(existing / "x.nc")})
    assert not (tmp_path / "tifs").exists()
    notes = tmp_path / "notes.nc"  # a folder
    notes.mkdir()
    (notes / "todo.txt").write_text("keep me")
    with pytest.raises(QgsProcessingException,
                       match=output + r"output .*notes\.nc names a folder, but this output is a file"):
        run("anomaly", {"SOURCE_FOLDER": str(product), "EXTENT": "10,12,41,43 [EPSG:4326]",
                        "CLIM_START": "2019-12-28", "CLIM_END": "2020-01-03",
                        "OUTPUT_FOLDER": str(tmp_path / "tifs"), "OUTPUT_FILE": str(notes)})
    assert not (tmp_path / "tifs").exists() and (notes / "todo.txt").read_text() == "keep me"


def test_netcdf_and_geotiff_outputs_are_added_to_the_project_as_processing_loads_them(provider, product,
                                                                                      tmp_path):
    """The Processing dialog adds the layers of ``layersToLoadOnCompletion`` with handleAlgorithmResults;
    QGIS 3.22 cannot load a ``NETCDF:"file":variable`` string there, so NetCDF layers were reported as
    "not correctly generated" and never added."""
    import processing
    from processing.gui.Postprocessing import handleAlgorithmResults
    from qgis.core import QgsApplication, QgsProcessingContext, QgsProcessingFeedback, QgsProject

    context = QgsProcessingContext()
    context.setProject(QgsProject.instance())
    parameters = {"SOURCE_FOLDER": str(product), "EXTENT": "10,11,42,43 [EPSG:4326]", "START": "2019-12-30",
                  "END": "2020-01-02", "LAYERS": "sml1_p", "ROOT_ZONE": True,
                  "OUTPUT_FOLDER": str(tmp_path / "tifs"), "OUTPUT_FILE": str(tmp_path / "sub.nc")}
    processing.run("smrfr:subset", parameters, context=context)
    algorithm = QgsApplication.processingRegistry().algorithmById("smrfr:subset")
    assert handleAlgorithmResults(algorithm, context, QgsProcessingFeedback(), parameters=parameters)
    sources = sorted(layer.source() for layer in QgsProject.instance().mapLayers().values())
    netcdf = tmp_path / "sub.nc"
    assert sources == sorted([f'NETCDF:"{netcdf}":{name}' for name in ("rootzone", "sml1_p")]
                             + [str(tmp_path / "tifs" / f"{name}.tif") for name in ("rootzone", "sml1_p")])
    layers = QgsProject.instance().mapLayers().values()
    assert all(layer.bandCount() == 4 for layer in layers)
    for layer in layers:  # styled temporal layers, as the dialogs add
        assert stored_dates(layer) == [dt.date(2019, 12, 30) + dt.timedelta(days=i) for i in range(4)]
        assert layer.temporalProperties().isActive()
        assert isinstance(layer.renderer(), QgsSingleBandPseudoColorRenderer)
        assert layer.renderer().classificationMax() == pytest.approx(0.6)


def test_projected_outputs_load_in_qgis_with_new_and_old_axis_names(tmp_path):
    """A projected product's NetCDF and Zarr outputs (axes y/x, or lat/lon as earlier versions named them)
    load as the plugin loads them, in their CRS on their grid."""
    from smrfr_engine.products import subset
    from smrfr_qgis.processing.algorithms.products import load_rasters

    gssm = utm_folder(tmp_path / "gssm")
    subset(gssm, tmp_path / "utm.nc")
    subset(gssm, tmp_path / "utm.zarr")
    files = [tmp_path / "utm.nc", old_axis_names(tmp_path / "utm.nc", tmp_path / "old.nc")]
    stores = [tmp_path / "utm.zarr", old_axis_names(tmp_path / "utm.zarr", tmp_path / "old.zarr")]
    contexts = [QgsProcessingContext() for _ in files]  # each holds the layers it loaded
    for path, context in zip(files, contexts):
        load_rasters(path, context, "OUTPUT_FILE")
    layers = [layer for context in contexts for layer in context.temporaryLayerStore().mapLayers().values()]
    layers += [daily_layer(raster) for store in stores for raster in product_rasters(str(store))]
    assert len(layers) == 4
    for layer in layers:
        assert layer.isValid() and layer.crs().authid() == "EPSG:32633" and layer.bandCount() == 3
        extent = layer.extent()
        assert (extent.xMinimum(), extent.xMaximum(), extent.yMinimum(), extent.yMaximum()) == (
            500000, 500030, 4500000, 4500020)
        assert stored_dates(layer) == list(UTM_DAYS.date)
        value, ok = layer.dataProvider().sample(QgsPointXY(500025, 4500005), 2)  # row 1, column 2, day 2
        assert ok and value == pytest.approx(float(utm_truth()[1, 1, 2]), abs=0)
