import pytest

from smrfr_engine.errors import SmrfrError
from smrfr_engine.layers import SCHEMES, get_scheme


def test_root_zone_weights_are_the_published_thickness_weights():
    assert SCHEMES["smrfr"].overlap_weights(0, 100) == pytest.approx([0.05, 0.05, 0.2, 0.2, 0.5])


def test_era5_to_0_10_cm_is_seven_tenths_swvl1_three_tenths_swvl2():
    assert SCHEMES["era5"].overlap_weights(0, 10) == pytest.approx([0.7, 0.3, 0, 0])


def test_overlap_weights_refuse_an_uncovered_interval():
    with pytest.raises(SmrfrError, match="do not cover 0-150 cm"):
        SCHEMES["smrfr"].overlap_weights(0, 150)


@pytest.mark.parametrize(("depth_from", "depth_to", "expected"), [
    (5, 5, 0), (10, 10, 1), (20, 20, 2), (40, 40, 3), (80, 80, 4), (0, 0, 0),
    (0, 19, 2),      # cosmic-ray probe: 9 of its 19 cm lie in 10-30
    (0, 10, 0),      # equal shares of 0-5 and 5-10: the upper layer
    (120, 120, None),
])
def test_sensor_depths_map_to_smrfr_layers(depth_from, depth_to, expected):
    assert SCHEMES["smrfr"].layer_for_sensor(depth_from, depth_to) == expected


def test_custom_schemes_parse_and_bad_ones_are_named():
    scheme = get_scheme("0-10,10-40")
    assert [(layer.top, layer.bottom) for layer in scheme] == [(0, 10), (10, 40)]
    with pytest.raises(SmrfrError, match="'0-10,20-40'"):
        get_scheme("0-10,20-40")
