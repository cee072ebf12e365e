"""Self-contained HTML validation report: PNG figures (matplotlib Agg) embedded as base64, inline CSS.

Per layer: density scatter of estimate vs observed with the 1:1 line and metrics, time series at the
best, median and worst stations (ubRMSE), box plots of per-station metrics by group, a map of the
per-station ubRMSE and a table comparing the products. Nothing is loaded from the network.
"""

from __future__ import annotations

import base64
import html
import io
import warnings
from typing import TYPE_CHECKING

import numpy as np
import pandas as pd

from ..atomic import atomic_output
from ..feedback import Feedback

if TYPE_CHECKING:
    from pathlib import Path

    from matplotlib.figure import Figure

    from .run import Validation

SM_UNITS = "m$^3$ m$^{-3}$"
TABLE_COLUMNS = ["product", "n", "r", "r_low", "r_high", "r2", "bias", "rmse", "ubrmse", "mae", "nrmse",
                 "nse", "kge", "anomaly_r"]
BOX_SCORES = (("ubrmse", f"ubRMSE ({SM_UNITS})"), ("r", "R (-)"), ("bias", f"bias ({SM_UNITS})"))
STYLE = """body{font-family:sans-serif;margin:2em;max-width:75em;color:#222}
h1{font-size:1.6em}h2{border-bottom:1px solid #ccc;padding-bottom:.2em;margin-top:2em}
table{border-collapse:collapse;margin:1em 0;font-size:.9em}
th,td{border:1px solid #ccc;padding:.25em .6em;text-align:right}th{background:#f0f0f0}
td:first-child,th:first-child{text-align:left}figure{margin:1em 0}img{max-width:100%}
figcaption{color:#555;font-size:.9em}.note{color:#777}"""


def figure_png(fig: Figure) -> str:
    """The figure as a base64 PNG string."""
    buffer = io.BytesIO()
    fig.savefig(buffer, format="png", dpi=100)
    return base64.b64encode(buffer.getvalue()).decode("ascii")


def figure(width: float, height: float) -> Figure:
    """A matplotlib figure (no pyplot, no GUI). Debian's python3-matplotlib, which QGIS needs, puts its
    ``mpl_toolkits`` on the path of a venv made with ``--system-site-packages``, and pip's matplotlib then
    warns at import that Axes3D (unused here) is unavailable: that warning is not shown to users."""
    with warnings.catch_warnings():
        warnings.filterwarnings("ignore", "Unable to import Axes3D", UserWarning)
        from matplotlib.figure import Figure

    return Figure(figsize=(width, height), layout="constrained")


def scatter_figure(pairs: pd.DataFrame, pooled: pd.DataFrame) -> Figure:
    """Density of estimate vs observed per product, with the 1:1 line and the pooled metrics."""
    from matplotlib.colors import LogNorm

    products = list(pairs["product"].unique())
    fig = figure(4.2 * len(products), 4.2)
    axes = fig.subplots(1, len(products), squeeze=False)[0]
    top = float(np.nanmax(pairs[["estimate", "observed"]].to_numpy())) * 1.05
    bins = np.linspace(0, max(top, 0.05), 60)
    for ax, product in zip(axes, products):
        part = pairs[pairs["product"] == product]
        counts = ax.hist2d(part["observed"], part["estimate"], bins=bins, norm=LogNorm(), cmap="viridis")[3]
        ax.plot(bins[[0, -1]], bins[[0, -1]], "k--", linewidth=1, label="1:1")
        row = pooled[pooled["product"] == product].iloc[0]
        text = [f"n = {row['n']:.0f}", f"R = {row['r']:.3f}", f"bias = {row['bias']:.4f}",
                f"RMSE = {row['rmse']:.4f}", f"ubRMSE = {row['ubrmse']:.4f}", f"KGE = {row['kge']:.3f}"]
        ax.text(0.03, 0.97, "\n".join(text),
                transform=ax.transAxes, va="top", fontsize=8, bbox={"facecolor": "white", "alpha": 0.8})
        ax.set(title=product, xlabel=f"observed soil moisture ({SM_UNITS})",
               ylabel=f"estimated soil moisture ({SM_UNITS})", aspect="equal")
        fig.colorbar(counts, ax=ax, label="pairs per bin", shrink=0.8)
    return fig


def pick_stations(by_station: pd.DataFrame, product: str) -> dict[str, str]:
    """The best, median and worst stations of ``product`` by ubRMSE."""
    ranked = by_station[by_station["product"] == product].dropna(subset=["ubrmse"]).sort_values("ubrmse")
    if ranked.empty:
        return {}
    ids = ranked["station_id"].tolist()
    return {"best": ids[0], "median": ids[len(ids) // 2], "worst": ids[-1]}


def timeseries_figure(pairs: pd.DataFrame, picks: dict[str, str]) -> Figure:
    """Observed and estimated series (with daily precipitation bars when available) at picked stations."""
    fig = figure(11, 2.8 * len(picks))
    axes = fig.subplots(len(picks), 1, squeeze=False)[:, 0]
    for ax, (rank, station) in zip(axes, picks.items()):
        part = pairs[pairs["station_id"] == station].sort_values("date")
        if "precipitation" in part and part["precipitation"].notna().any():
            rain = ax.twinx()
            daily = part.drop_duplicates("date")
            rain.bar(daily["date"], daily["precipitation"], color="tab:blue", alpha=0.3, width=1)
            rain.set_ylabel("precipitation (mm/day)")
            rain.invert_yaxis()
        observed = part.drop_duplicates(["date", "obs_top", "obs_bottom"])
        ax.plot(observed["date"], observed["observed"], "k.", markersize=3, label="observed")
        for product, series in part.groupby("product", sort=False):
            ax.plot(series["date"], series["estimate"], linewidth=1, label=product)
        ax.set(title=f"{rank} station: {station}", ylabel=f"soil moisture ({SM_UNITS})")
        ax.legend(loc="upper left", fontsize=8)
    axes[-1].set_xlabel("date")
    return fig


def station_box_figure(by_station: pd.DataFrame, group: str | None) -> Figure:
    """Box plots of per-station ubRMSE, R and bias per product (and per group when given)."""
    products = list(by_station["product"].unique())
    groups = sorted(by_station[group].dropna().unique(), key=str) if group else [None]
    fig = figure(max(9, 1.2 * len(groups) * len(products)), 3.6)
    width = 0.8 / len(products)
    for ax, (score, label) in zip(fig.subplots(1, len(BOX_SCORES)), BOX_SCORES):
        for number, product in enumerate(products):
            part = by_station[by_station["product"] == product]
            data = [(part if g is None else part[part[group] == g])[score].dropna().to_numpy()
                    for g in groups]
            positions = np.arange(len(groups)) + (number - (len(products) - 1) / 2) * width
            shown = [(p, d) for p, d in zip(positions, data) if len(d)]
            if shown:
                boxes = ax.boxplot([d for _, d in shown], positions=[p for p, _ in shown], widths=width * 0.9,
                                   patch_artist=True, manage_ticks=False, medianprops={"color": "k"})
                for box in boxes["boxes"]:
                    box.set_facecolor(f"C{number}")
                ax.plot([], [], "s", color=f"C{number}", label=product)
        ax.set_xticks(np.arange(len(groups)), [str(g) if g is not None else "all stations" for g in groups])
        ax.set(ylabel=label, xlabel=group or "")
    if ax.get_legend_handles_labels()[0]:  # no box at all when no station has scores
        ax.legend(fontsize=8)
    return fig


def map_figure(by_station: pd.DataFrame, stations: pd.DataFrame) -> Figure:
    """Station locations coloured by their ubRMSE, one panel per product."""
    table = by_station.merge(stations[["station_id", "lon", "lat"]], on="station_id")
    products = list(table["product"].unique())
    fig = figure(4.5 * len(products), 4)
    axes = fig.subplots(1, len(products), squeeze=False)[0]
    scores = table["ubrmse"].dropna()
    limits = (scores.min(), scores.max()) if len(scores) else (0, 1)
    for ax, product in zip(axes, products):
        part = table[table["product"] == product]
        points = ax.scatter(part["lon"], part["lat"], c=part["ubrmse"], cmap="viridis_r", vmin=limits[0],
                            vmax=limits[1], edgecolors="k", linewidths=0.3, s=30, plotnonfinite=True)
        ax.set(title=product, xlabel="longitude (°)", ylabel="latitude (°)", aspect="equal")
        fig.colorbar(points, ax=ax, label=f"ubRMSE ({SM_UNITS})", shrink=0.8)
    return fig


def _table(frame: pd.DataFrame) -> str:
    return frame.to_html(index=False, float_format=lambda v: f"{v:.4g}", na_rep="-", border=0)


def _image(name: str, fig: Figure, caption: str) -> str:
    return (f'<figure id="{name}"><img alt="{html.escape(caption)}" src="data:image/png;base64,'
            f'{figure_png(fig)}"><figcaption>{html.escape(caption)}</figcaption></figure>')


def layer_section(result: Validation, layer: str) -> tuple[str, list[str]]:
    """HTML section of one layer and the ids of its figures."""
    pairs = result.pairs[result.pairs["layer"] == layer]
    pooled = result.pooled[result.pooled["layer"] == layer]
    by_station = result.by_station[result.by_station["layer"] == layer]
    summary = result.station_summary[result.station_summary["layer"] == layer]
    top, bottom = pooled[["layer_top", "layer_bottom"]].iloc[0]
    parts = [f"<h2>Layer {html.escape(layer)} ({top:g}-{bottom:g} cm)</h2>", "<h3>Products compared</h3>",
             "<p>Pooled over all matched pairs (common valid sample):</p>", _table(pooled[TABLE_COLUMNS])]
    medians = [c for c in summary.columns if c.endswith("_median") or c.endswith("_iqr")]
    keys = ["product"] + ([result.group] if result.group else [])
    parts += ["<p>Per station, then median and inter-quartile range over stations:</p>",
              _table(summary[keys + ["stations"] + [c for c in medians if c.split("_")[0] in
                                                    ("r", "bias", "ubrmse", "kge")]])]
    if result.by_group is not None:
        parts += [f"<p>Pooled per {html.escape(result.group)}:</p>",
                  _table(result.by_group[result.by_group["layer"] == layer][keys + TABLE_COLUMNS[1:]])]
    ids = []
    figures = [("scatter", scatter_figure(pairs, pooled), "Estimate against observation (density), 1:1 line")]
    picks = pick_stations(by_station, str(pooled["product"].iloc[0]))
    if picks:
        figures.append(("timeseries", timeseries_figure(pairs, picks),
                        f"Time series at the best, median and worst station by ubRMSE of "
                        f"{pooled['product'].iloc[0]}"))
    figures += [("stations", station_box_figure(by_station, result.group),
                 "Per-station metrics" + (f" by {result.group}" if result.group else "")),
                ("map", map_figure(by_station, result.stations), "Per-station ubRMSE")]
    for kind, fig, caption in figures:
        ids.append(f"{kind}-{layer}")
        parts.append(_image(ids[-1], fig, caption))
    if not picks:
        parts.append('<p class="note">No station has enough pairs for a time series.</p>')
    return "\n".join(parts), ids


def render_report(result: Validation, feedback: Feedback | None = None) -> tuple[str, list[str]]:
    """The report's HTML and the ids of all its figures."""
    feedback = feedback or Feedback()
    pairs = result.pairs
    dates = f"{pairs['date'].min().date()} to {pairs['date'].max().date()}"
    body = [f"<h1>Soil-moisture validation</h1><p>{pairs['station_id'].nunique()} stations, {dates}, "
            f"{len(pairs)} matched pairs; products: {html.escape(', '.join(pairs['product'].unique()))}. "
            "Units: soil moisture, bias, RMSE, ubRMSE and MAE in m<sup>3</sup> m<sup>-3</sup>. With several "
            "products, only observations every product covers are used.</p>",
            "<h2>All layers</h2>", _table(result.pooled[["layer"] + TABLE_COLUMNS])]
    ids = []
    layers = list(result.pooled["layer"].unique())
    for number, layer in enumerate(layers):
        section, layer_ids = layer_section(result, layer)
        body.append(section)
        ids += layer_ids
        feedback.progress((number + 1) / len(layers), f"report: layer {layer}")
    page = (f'<!DOCTYPE html>\n<html lang="en"><head><meta charset="utf-8"><title>Soil-moisture validation'
            f"</title><style>{STYLE}</style></head><body>\n" + "\n".join(body) + "\n</body></html>\n")
    return page, ids


def write_report(result: Validation, path: Path, feedback: Feedback | None = None) -> list[str]:
    """Write ``report.html`` and return the ids of its figures."""
    page, ids = render_report(result, feedback)
    with atomic_output(path) as tmp:
        tmp.write_text(page, encoding="utf-8")
    return ids
