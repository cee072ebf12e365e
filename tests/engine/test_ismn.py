"""The ISMN reader on real ISMN files (tests/data/ismn, copied from the ISMN reader's test data)."""

import shutil
from pathlib import Path

import pandas as pd
import pytest

from smrfr_engine.errors import SmrfrError
from smrfr_engine.stations.ismn import parse_file_name, read_ismn, read_stm, split_lines

DATA = Path(__file__).parents[1] / "data" / "ismn"
NARBONNE = "SMOSMANIA_SMOSMANIA_Narbonne_sm_0.050000_0.050000_ThetaProbe-ML2X_20070101_20070131.stm"


def by_station(sensors):
    return {s.station_id: s for s in sensors}


def test_header_values_files_parse_to_the_values_flags_depths_and_coordinates_in_the_files():
    sensors, skips = read_ismn(DATA / "header_values")
    assert skips == []
    found = by_station(sensors)
    assert sorted(found) == ["COSMOS:ARM-1", "COSMOS:Barrow-ARM", "SMOSMANIA:Narbonne"]
    arm = found["COSMOS:ARM-1"]
    assert (arm.lat, arm.lon, arm.elevation) == (36.6054, -97.4878, 322.0)
    assert (arm.depth_from, arm.depth_to, arm.sensor, arm.variable) == (0.0, 0.19, "Cosmic-ray-Probe", "sm")
    assert len(arm.data) == 6865 and arm.n_malformed == 0
    assert arm.data.index[0] == pd.Timestamp("2017-08-10 00:00") and arm.data["sm"].iloc[0] == 0.141
    assert arm.data.index[-1] == pd.Timestamp("2018-08-09 23:00") and arm.data["sm"].iloc[-1] == 0.110
    flags = arm.data["flag"].value_counts()
    assert flags["G"] == 6514 and flags["D03,D05"] == 17 and flags["D08,D05"] == 1
    assert arm.static == {
        "saturation": 0.46,
        "clay": 23.0,
        "sand": 36.0,
        "silt": 41.0,
        "landcover": "130",
        "koppen": "Cfa",
    }
    barrow = found["COSMOS:Barrow-ARM"]
    assert (barrow.lat, barrow.lon, barrow.depth_to) == (71.3298, -156.6287, 0.21)
    assert len(barrow.data) == 7059
    assert barrow.data["sm"].iloc[0] == 0.177 and barrow.data["sm"].iloc[-1] == 0.199
    assert barrow.static["koppen"] == "ET" and barrow.static["saturation"] == 0.55


def test_bare_cr_line_endings_and_a_missing_provider_flag():
    narbonne = by_station(read_ismn(DATA / "header_values")[0])["SMOSMANIA:Narbonne"]
    assert len(narbonne.data) == 741 and narbonne.n_malformed == 0
    assert narbonne.data["sm"].iloc[0] == 0.2140 and narbonne.data["sm"].iloc[-1] == 0.1524
    assert narbonne.data.loc["2007-01-01 22:00", "provider_flag"] == ""  # the file has no provider flag
    assert set(narbonne.data["flag"]) == {"U", "D05"}
    assert narbonne.static == {}  # no static variables file in this sample


def test_both_formats_of_the_same_sensor_give_identical_series():
    header = read_ismn(DATA / "header_values" / "SMOSMANIA")[0][0]
    ceop = read_ismn(DATA / "ceop_sep")[0][0]
    pd.testing.assert_series_equal(header.data["sm"], ceop.data["sm"])
    pd.testing.assert_series_equal(header.data["flag"], ceop.data["flag"])
    assert (header.lat, header.lon, header.elevation, header.depth_from) == (
        ceop.lat,
        ceop.lon,
        ceop.elevation,
        ceop.depth_from,
    )


def test_zip_and_folder_give_the_same_sensors():
    zipped = by_station(read_ismn(DATA / "COSMOS_header_values.zip")[0])
    folder = by_station(read_ismn(DATA / "header_values" / "COSMOS")[0])
    assert sorted(zipped) == sorted(folder)
    for key in zipped:
        pd.testing.assert_frame_equal(zipped[key].data, folder[key].data)
        assert zipped[key].static == folder[key].static


def test_file_name_fields_keep_underscores_of_the_sensor():
    fields = parse_file_name("NET_NET_St_A_sm_0.100000_0.200000_Hydra_Probe_II_20100101_20101231.stm")
    assert fields["station"] == "St_A" and fields["sensor"] == "Hydra_Probe_II"
    assert (fields["depth_from"], fields["depth_to"], fields["start"]) == (0.1, 0.2, "20100101")
    with pytest.raises(SmrfrError, match="not an ISMN file name"):
        parse_file_name("readme.stm")


def test_split_lines_handles_every_line_ending():
    assert split_lines("a\r\nb\rc\n\n\r d\r") == ["a", "b", "c", " d"]


def test_malformed_files_are_skipped_with_a_reason_and_bad_lines_counted(tmp_path):
    folder = tmp_path / "NET"
    shutil.copytree(DATA / "header_values" / "SMOSMANIA", folder / "Narbonne")
    good = folder / "Narbonne" / NARBONNE
    good.write_bytes(good.read_bytes().replace(b"2007/01/02 05:00   0.2098", b"2007/01/02 05:00   oops"))
    station = "NET_NET_X_sm_0.100000_0.100000_S_20070101_20070131.stm"
    (folder / "Narbonne" / station).write_text("NET NET X 95.0 10.0 1 0.1 0.1 S\n2007/01/01 00:00 0.2 G M\n")
    (folder / "Narbonne" / station.replace("X", "Y")).write_text("\n\r\n")
    (folder / "Narbonne" / "notes_sm.stm").write_text("x")
    sensors, skips = read_ismn(folder)
    assert len(sensors) == 1 and sensors[0].n_malformed == 1 and len(sensors[0].data) == 740
    reasons = {Path(skip.file).name: skip.reason for skip in skips}
    assert "outside -90..90" in reasons[station]
    assert reasons[station.replace("X", "Y")] == "empty file"
    assert "not an ISMN file name" in reasons["notes_sm.stm"]


def test_an_unreadable_header_is_an_error_naming_the_file():
    with pytest.raises(SmrfrError, match=f"{NARBONNE}: header line has 3 fields"):
        read_stm("A B C\n2007/01/01 00:00 0.2 G M\n", NARBONNE)
    with pytest.raises(SmrfrError, match="^ISMN download /nonexistent/download.zip does not exist$"):
        read_ismn("/nonexistent/download.zip")
