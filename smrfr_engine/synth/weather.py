"""Daily weather fields driven by real ERA5 forcing, and the Koppen-like climate zone of each cell."""

from __future__ import annotations

from dataclasses import dataclass
from importlib import resources

import numpy as np
import pandas as pd

from .grid import random_field, year_blocks
from .static import Static

FORCING = "era5_forcing_-0.625_-51.875.csv"
#: elevation (m) of the forcing cell (ETOPO mean in the SoMo.ml attributes)
FORCING_ELEVATION = 33.0
KOPPEN = {1: ("Af", "Tropical - Rainforest"), 2: ("Am", "Tropical - Monsoon"),
          3: ("Aw", "Tropical - Savannah"), 4: ("Cwb", "Temperate - Dry winter - Warm summer"),
          5: ("Cfb", "Temperate - Without dry season - Warm summer")}


@dataclass
class Weather:
    """Daily fields (time, lat, lon): precipitation and PET in mm/day, temperature in K."""

    time: pd.DatetimeIndex
    precipitation: np.ndarray
    temperature: np.ndarray
    pet: np.ndarray


def load_forcing(time: pd.DatetimeIndex, year_offset: int = 0) -> pd.DataFrame:
    """The packaged ERA5 forcing for ``time``: year Y reads the record's year
    ``first + (Y - first + year_offset) mod n_years`` (the same day of year, clipped to that year)."""
    with resources.files("smrfr_engine.data").joinpath(FORCING).open("r") as handle:
        forcing = pd.read_csv(handle, index_col="date", parse_dates=True)
    first, last = forcing.index.year.min(), forcing.index.year.max()
    years = first + (time.year - first + year_offset) % (last - first + 1)
    starts = pd.to_datetime({"year": years, "month": 1, "day": 1})
    days = np.minimum(time.dayofyear - 1, np.where(pd.DatetimeIndex(starts).is_leap_year, 365, 364))
    source = pd.DatetimeIndex(starts) + pd.to_timedelta(days, unit="D")
    return forcing.loc[source].set_axis(time)


def make_weather(static: Static, time: pd.DatetimeIndex, rng: np.random.Generator, seed: int = 0) -> Weather:
    """Regional forcing spread over the grid.

    - precipitation ``P = P0(t) * c(x) * m(t, x)``: ``c`` a climatological pattern (wetter to the east and
      on the windward ridge), ``m`` a daily log-normal multiplier from a random field 6 cells wide, with
      local dry cells where the field is lowest (rain cells);
    - temperature: the forcing minus a 6.5 K/km lapse rate;
    - PET by Priestley and Taylor (1972): ``PET = 1.26 D / (D + g) Rn / 2.45`` with ``D`` the slope of
      the saturation vapour pressure curve at ``T`` (FAO-56 eq. 13) and ``g`` the psychrometric constant
      from the pressure at the cell's elevation (FAO-56 eq. 7-8).
    """
    forcing = load_forcing(time, seed)
    nt, (ny, nx) = len(time), static.grid.shape
    east = np.linspace(-1, 1, nx)[None, :]
    pattern = 1.0 + 0.15 * east + 0.25 * static.elevation / 1100 + 0.08 * random_field(rng, (ny, nx), 4.0)
    rain, air, sun = (forcing[name].to_numpy()[:, None, None] for name in ("tp", "t2m", "snr"))
    precipitation, temperature, pet = (np.empty((nt, ny, nx), np.float32) for _ in range(3))
    for days in year_blocks(time):  # float64 a year at a time (the daily fields drawn in order)
        daily = random_field(rng, (days.stop - days.start, ny, nx), (0.0, 6.0, 6.0))
        multiplier = np.exp(0.6 * daily - 0.18) * (daily > -1.1)
        precipitation[days] = rain[days] * pattern * multiplier
    radiation = 1 + 0.04 * random_field(rng, (ny, nx), 5.0)  # spatial pattern of the net radiation
    for days in year_blocks(time):
        kelvin = air[days] - 0.0065 * (static.elevation - FORCING_ELEVATION)
        temperature[days] = kelvin
        pet[days] = priestley_taylor(kelvin, sun[days] * radiation, static.elevation)
    return Weather(time, precipitation, temperature, pet)


def priestley_taylor(temperature: np.ndarray, radiation: np.ndarray, elevation: np.ndarray) -> np.ndarray:
    """Potential evapotranspiration (mm/day) from air temperature (K), net radiation (MJ m-2 day-1)."""
    celsius = temperature - 273.15
    es = 0.6108 * np.exp(17.27 * celsius / (celsius + 237.3))
    delta = 4098 * es / (celsius + 237.3) ** 2
    pressure = 101.3 * ((293 - 0.0065 * elevation) / 293) ** 5.26
    gamma = 0.000665 * pressure
    return np.maximum(1.26 * delta / (delta + gamma) * radiation / 2.45, 0).astype(np.float32)


def koppen_zones(weather: Weather) -> np.ndarray:
    """Koppen-like class per cell (keys of ``KOPPEN``) from the monthly climatology (Peel et al. 2007):
    A (coldest month >= 18 C): Af if the driest month has >= 60 mm, Am if >= 100 - P/25, else Aw;
    otherwise C: Cwb if the driest month has < 30 mm, else Cfb."""
    months = weather.time.month
    present = np.unique(months)
    monthly_p = np.stack([weather.precipitation[months == m].mean(0) * 30.4 for m in present])
    monthly_t = np.stack([weather.temperature[months == m].mean(0) - 273.15 for m in present])
    annual, driest = monthly_p.mean(0) * 12, monthly_p.min(0)
    tropical = np.where(driest >= 60, 1, np.where(driest >= 100 - annual / 25, 2, 3))
    temperate = np.where(driest < 30, 4, 5)
    return np.where(monthly_t.min(0) >= 18, tropical, temperate).astype(np.uint8)
