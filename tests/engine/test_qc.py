"""Quality-control rules, daily aggregation, gap filling and layer mapping, each with a planted defect."""

import numpy as np
import pandas as pd
import pytest

from smrfr_engine.layers import get_scheme
from smrfr_engine.stations.daily import choose_sensors, combine, fill_gaps, rescale, sensor_layer, to_daily
from smrfr_engine.stations.qc import (
    QcOptions,
    break_rejects,
    plateau_rejects,
    quality_control,
    range_rejects,
    spike_rejects,
)


def hourly(days=10, start="2020-01-01", seed=0):
    """A smooth, slowly drying hourly series without defects (0.30 -> about 0.25 m3/m3)."""
    time = pd.date_range(start, periods=24 * days, freq="h")
    rng = np.random.default_rng(seed)
    values = 0.30 - 0.05 * np.arange(len(time)) / len(time) + 0.0005 * rng.standard_normal(len(time))
    return pd.Series(values, index=time)


def test_a_clean_series_passes_every_check():
    sm = hourly()
    kept, log = quality_control(pd.DataFrame({"sm": sm}), QcOptions())
    assert len(kept) == len(sm) and log == []


def test_a_time_given_twice_keeps_its_first_value():
    sm = hourly(days=2)
    again = pd.concat([sm, sm.iloc[:5] + 0.1])  # two exports joined: 5 hours given again, other values
    flags = pd.Series("G", index=again.index)
    kept, log = quality_control(pd.DataFrame({"sm": again, "flag": flags}), QcOptions())
    pd.testing.assert_series_equal(kept, sm, check_names=False, check_freq=False)
    assert log == [("duplicate", 5, "a time given again (the first value kept)")]


def test_range_rejects_negative_and_above_porosity():
    sm = hourly()
    sm.iloc[[5, 50]] = [-0.01, 0.47]
    assert list(np.flatnonzero(range_rejects(sm, 0.45))) == [5, 50]
    kept, log = quality_control(pd.DataFrame({"sm": sm}), QcOptions(), porosity=0.45)
    assert ("range", 2, "outside 0..0.45 m3/m3 (Dorigo C01-C03)") in log and len(kept) == len(sm) - 2


def test_spike_is_rejected_but_a_rain_rise_is_not():
    sm = hourly()
    sm.iloc[40] += 0.08  # one-hour spike
    sm.iloc[100:] += 0.06  # a lasting rise (rain): not a spike
    assert list(np.flatnonzero(spike_rejects(sm))) == [40]


def test_negative_break_is_rejected_but_not_a_spike_or_slow_drying():
    sm = hourly()
    sm.iloc[120:] -= 0.05  # sudden lasting drop
    mask = break_rejects(sm)
    assert list(np.flatnonzero(mask)) == [120]
    spiky = hourly()
    spiky.iloc[60] -= 0.06  # a downward spike comes back: not a break
    assert not break_rejects(spiky).any()


def test_constant_plateau_longer_than_the_limit_is_rejected():
    sm = hourly(days=20)
    sm.iloc[48 : 48 + 24 * 6] = 0.2  # six days constant
    sm.iloc[300:310] = 0.21  # ten hours constant: fine
    mask = plateau_rejects(sm, days=5)
    assert mask.sum() == 24 * 6 and mask.iloc[48 : 48 + 24 * 6].all()


def test_a_sensor_whose_every_value_fails_a_check_keeps_nothing_and_says_why():
    """Values in percent (20-30) all fail the range check; the later checks get an empty series."""
    data = pd.DataFrame({"sm": hourly(days=3) * 100})
    kept, log = quality_control(data, QcOptions())
    assert kept.empty and [step for step, *_ in log] == ["range"] and log[0][1] == len(data)


def test_flags_keep_only_good_values_unless_unchecked_are_accepted():
    sm = hourly(days=1)
    flags = pd.Series(["G"] * 20 + ["D03,D05", "U", "U", "C01"], index=sm.index)
    data = pd.DataFrame({"sm": sm, "flag": flags})
    kept, log = quality_control(data, QcOptions())
    assert len(kept) == 20
    assert sorted(log) == [
        ("flag", 1, "ISMN flag C01"),
        ("flag", 1, "ISMN flag D03,D05"),
        ("flag", 2, "ISMN flag U"),
    ]
    kept, _ = quality_control(data, QcOptions(accept_unchecked=True))
    assert len(kept) == 22


def test_flagged_data_skip_plausibility_in_auto_mode_but_not_always():
    sm = hourly(days=1)
    sm.iloc[3] = 0.9
    data = pd.DataFrame({"sm": sm, "flag": "G"})
    assert len(quality_control(data, QcOptions())[0]) == 24
    assert len(quality_control(data, QcOptions(plausibility="always"))[0]) == 23


def test_daily_mean_needs_enough_sub_daily_values():
    sm = hourly(days=3)
    sm = sm.drop(sm.index[24 + 5 : 48])  # day 2 keeps 5 values
    daily = to_daily(sm, min_obs=6)
    assert list(daily.index.strftime("%Y-%m-%d")) == ["2020-01-01", "2020-01-03"]
    assert daily["n_obs"].tolist() == [24, 24]
    assert daily["sm"].iloc[0] == pytest.approx(sm.iloc[:24].mean())
    assert len(to_daily(sm, min_obs=5)) == 3
    already_daily = pd.Series([0.2, 0.3], index=pd.to_datetime(["2020-01-01", "2020-01-02"]))
    assert to_daily(already_daily, min_obs=6)["sm"].tolist() == [0.2, 0.3]


def test_gap_fill_only_within_the_window():
    days = pd.date_range("2020-01-01", periods=30, freq="D")
    daily = pd.DataFrame({"sm": np.linspace(0.1, 0.4, 30), "n_obs": 24}, index=days)
    daily = daily.drop(days[3:6]).drop(days[10:22])  # a 3-day gap and a 12-day gap
    filled = fill_gaps(daily, 5)
    assert len(filled) == len(daily) + 3
    assert filled.loc["2020-01-05", "sm"] == pytest.approx(0.1 + 0.3 * 4 / 29)
    assert filled.loc["2020-01-05", "n_obs"] == 0 and "2020-01-12" not in filled.index
    assert len(fill_gaps(daily, 0)) == len(daily)


def test_sensor_depths_map_to_layers_with_reasons_for_unknown_depths():
    smrfr = get_scheme("smrfr")
    assert sensor_layer(smrfr, 0.05, 0.05) == (0, "")
    assert sensor_layer(smrfr, 0.0, 0.19) == (2, "")  # cosmic-ray 0-19 cm: largest share in 10-30 cm
    assert sensor_layer(get_scheme("somo"), 0.0, 0.19) == (0, "")
    assert sensor_layer(smrfr, 1.5, 1.5) == (None, "depth 150-150 cm outside the smrfr layers (0-100 cm)")
    assert sensor_layer(smrfr, -99.9, -99.9)[1] == "unknown depth -99.9--99.9 m"
    assert sensor_layer(smrfr, np.nan, 0.1)[0] is None


def test_a_sensor_on_a_boundary_goes_to_the_layer_above_whatever_the_rounding_of_its_metres():
    """0.07 m * 100 is 7.000000000000001 cm in binary floating point, just below the ERA5-Land boundary
    at 7 cm: the sensor went to 7-28 cm (swvl2) instead of 0-7 cm, and 0.28 m to 28-100 cm."""
    era5 = get_scheme("era5")
    assert sensor_layer(era5, 0.07, 0.07) == (0, "")
    assert sensor_layer(era5, 0.28, 0.28) == (1, "")
    assert sensor_layer(get_scheme("0-14,14-29,29-55,55-100"), 0.55, 0.55) == (2, "")


def test_several_sensors_per_layer_nearest_mid_depth_then_averaged():
    assert choose_sensors({"a": 12.0, "b": 20.0, "c": 20.0, "d": 28.0}, 20.0, "nearest") == ["b", "c"]
    assert choose_sensors({"a": 12.0, "b": 20.0}, 20.0, "mean") == ["a", "b"]
    days = pd.date_range("2020-01-01", periods=2, freq="D")
    first = pd.DataFrame({"sm": [0.2, 0.3], "n_obs": [24, 24]}, index=days)
    second = pd.DataFrame({"sm": [0.4], "n_obs": [10]}, index=days[:1])
    combined = combine([first, second])
    assert combined["sm"].tolist() == pytest.approx([0.3, 0.3])
    assert combined["n_obs"].tolist() == [34, 24] and combined["n_sensors"].tolist() == [2, 1]


def test_rescale_matches_mean_and_std_of_the_reference_over_the_overlap():
    days = pd.date_range("2020-01-01", periods=100, freq="D")
    x = pd.Series(np.sin(np.arange(100) / 5), index=days)
    reference = pd.Series(0.25 + 0.05 * np.sin(np.arange(100) / 5 + 0.1), index=days)
    scaled = rescale(x, reference.iloc[:80])
    assert scaled.iloc[:80].mean() == pytest.approx(reference.iloc[:80].mean())
    assert scaled.iloc[:80].std() == pytest.approx(reference.iloc[:80].std())
    with pytest.raises(ValueError, match="constant"):
        rescale(pd.Series(0.2, index=days), reference)
