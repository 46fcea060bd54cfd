"""The corpus report: what the warehouse holds, in charts and small tables, as HTML and as Markdown.

`build_report(ReportData)` takes plain data frames (read from the analyst views by the asset) and returns a
self-contained HTML page and a Markdown text for Dagster's UI. Charts are drawn by matplotlib (Agg
backend, no display needed) and embedded as base64 PNG, so both open anywhere without files beside them.
"""

from __future__ import annotations

import base64
import html
import io
import logging
import re
from dataclasses import dataclass

import matplotlib
import numpy as np

matplotlib.use("Agg")
import matplotlib.pyplot as plt
import pandas as pd
from matplotlib import font_manager
from matplotlib.collections import PolyCollection

# Fonts able to draw Chinese names when installed (Noto CJK, WenQuanYi ...); DejaVu Sans otherwise.
CJK_FONTS = ("Noto Sans CJK SC", "Noto Sans SC", "WenQuanYi Zen Hei", "WenQuanYi Micro Hei", "Source Han Sans SC")
ACCENT = "#3b6ea8"
logging.getLogger("matplotlib.font_manager").setLevel(logging.ERROR)  # no "findfont: ... weight" note per chart
DPI = 80


@dataclass
class ReportData:
    """What the report shows, one frame per section (columns named in each field's comment)."""

    articles_per_day: pd.DataFrame  # day, articles (canonical copies with a known date)
    outlets: pd.DataFrame  # outlet, articles, captures
    entity_days: pd.DataFrame  # name, type, day, mentions (the top entities only)
    money: pd.DataFrame  # company, metric, currency, value (largest figure per company, metric and currency)
    clusters: pd.DataFrame  # cluster_id, copies, title, outlets
    quarantine: pd.DataFrame  # stage, reason, files
    checks: pd.DataFrame  # asset, check, status, description


@dataclass
class Report:
    html: str
    markdown: str
    charts: int  # images embedded


@dataclass
class _Section:
    title: str
    image: str | None  # base64 PNG
    table: pd.DataFrame | None
    empty: str  # said when there is nothing to show


CJK_FILES = re.compile(r"wqy|NotoSansCJK|NotoSans-?SC|SourceHanSans", re.IGNORECASE)


def _font() -> list[str]:
    """The font families to draw with: an installed CJK font first (fonts installed after matplotlib built
    its font cache are added from the system's font files)."""
    installed = {f.name for f in font_manager.fontManager.ttflist}
    if not installed & set(CJK_FONTS):
        for path in font_manager.findSystemFonts():
            if CJK_FILES.search(path):
                font_manager.fontManager.addfont(path)
        installed = {f.name for f in font_manager.fontManager.ttflist}
    return [name for name in CJK_FONTS if name in installed] + ["DejaVu Sans"]


def _png(figure) -> str:
    buffer = io.BytesIO()
    figure.savefig(buffer, format="png", dpi=DPI, bbox_inches="tight")
    plt.close(figure)
    return base64.b64encode(buffer.getvalue()).decode("ascii")


def _bars(labels: list[str], values: list[float], xlabel: str, log: bool = False) -> str:
    """Horizontal bars, the first label on top."""
    figure, axes = plt.subplots(figsize=(6.5, 0.35 * len(labels) + 0.9))
    axes.barh(range(len(labels)), values, color=ACCENT)
    axes.set_yticks(range(len(labels)), labels)
    axes.invert_yaxis()
    axes.set_xlabel(xlabel)
    if log:
        axes.set_xscale("log")
    else:
        axes.xaxis.get_major_locator().set_params(integer=True)
    axes.spines[["top", "right"]].set_visible(False)
    return _png(figure)


def _per_day(frame: pd.DataFrame) -> str:
    """Bars for every day from the first to the last dated article (empty days included), about 12 labels."""
    counts = pd.Series(frame["articles"].to_numpy(), index=pd.to_datetime(frame["day"]))
    days = pd.date_range(counts.index.min(), counts.index.max())
    counts = counts.groupby(level=0).sum().reindex(days, fill_value=0)
    figure, axes = plt.subplots(figsize=(6.5, 2.4))
    axes.add_collection(_bar_collection(counts.to_numpy()))  # one collection: thousands of days draw at once
    axes.set_xlim(-1, max(len(days), 7))  # a bar stays bar-wide when there are few days
    axes.set_ylim(0, max(1, counts.max()) * 1.05)
    step = max(1, len(days) // 12)
    axes.set_xticks(range(0, len(days), step), [d.strftime("%Y-%m-%d") for d in days[::step]], rotation=30)
    axes.set_ylabel("articles")
    axes.yaxis.get_major_locator().set_params(integer=True)
    axes.spines[["top", "right"]].set_visible(False)
    return _png(figure)


def _bar_collection(heights: np.ndarray, width: float = 0.8) -> PolyCollection:
    """Vertical bars at 0, 1, 2 ... as one collection of rectangles (days without articles draw nothing)."""
    xs = np.flatnonzero(heights)
    left, right, top = xs - width / 2, xs + width / 2, heights[xs]
    zero = np.zeros(len(xs))
    corners = [(left, zero), (left, top), (right, top), (right, zero)]
    corners = np.stack([np.stack(corner, axis=1) for corner in corners], axis=1)  # bar, corner, (x, y)
    return PolyCollection(corners, facecolors=ACCENT, edgecolors="none")


def sparkline(days: pd.Series, counts: pd.Series, all_days: pd.DatetimeIndex) -> str:
    """A tiny line of mentions per day over the corpus's whole date range (zero on days without any)."""
    series = pd.Series(counts.to_numpy(), index=pd.to_datetime(days)).groupby(level=0).sum()
    series = series.reindex(all_days, fill_value=0) if len(all_days) else series
    figure, axes = plt.subplots(figsize=(1.6, 0.35))
    axes.plot(range(len(series)), series.to_numpy(), color=ACCENT, linewidth=1.2, marker="." if len(series) < 3 else "")
    axes.axis("off")
    figure.subplots_adjust(0, 0, 1, 1)
    return _png(figure)


def _top_entities(frame: pd.DataFrame) -> pd.DataFrame:
    dated = frame.dropna(subset=["day"])
    all_days = (
        pd.date_range(pd.to_datetime(dated["day"]).min(), pd.to_datetime(dated["day"]).max()) if len(dated) else []
    )
    rows = []
    for (name, kind), group in frame.groupby(["name", "type"], sort=False):
        dated_group = group.dropna(subset=["day"])
        rows.append(
            {
                "entity": name,
                "type": kind,
                "mentions": int(group["mentions"].sum()),
                "per day": sparkline(dated_group["day"], dated_group["mentions"], all_days)
                if len(dated_group)
                else None,
            }
        )
    return pd.DataFrame(rows, columns=["entity", "type", "mentions", "per day"]).sort_values(
        ["mentions", "entity"], ascending=[False, True], kind="stable"
    )


def _sections(data: ReportData) -> list[_Section]:
    money = data.money.sort_values("value", ascending=False).head(15)
    money_labels = [f"{r.company} · {r.metric} ({r.currency})" for r in money.itertuples()]
    outlets = data.outlets.sort_values(["articles", "outlet"], ascending=[False, True]).head(15)
    quarantine = data.quarantine.sort_values("files", ascending=False)
    reasons = [f"{r.stage}: {r.reason}"[:70] for r in quarantine.itertuples()]
    return [
        _Section(
            "Articles per day",
            _per_day(data.articles_per_day) if len(data.articles_per_day) else None,
            None,
            "No article carries a publication date.",
        ),
        _Section(
            "Articles per outlet",
            _bars(outlets["outlet"].tolist(), outlets["articles"].tolist(), "articles (each cluster once)")
            if len(outlets)
            else None,
            outlets,
            "No article names its outlet.",
        ),
        _Section("Top entities", None, _top_entities(data.entity_days), "No entity was found."),
        _Section(
            "Money per company",
            _bars(money_labels, money["value"].tolist(), "largest amount (log scale)", log=True)
            if len(money)
            else None,
            money,
            "No money figure is tied to a company.",
        ),
        _Section("Duplicate clusters", None, data.clusters, "No article was captured more than once."),
        _Section(
            "Quarantine by reason",
            _bars(reasons, quarantine["files"].tolist(), "files")
            if len(quarantine)
            else None,
            quarantine,
            "Nothing was refused.",
        ),
        _Section("Check results", None, data.checks, "No check has run yet."),
    ]


def _text(value) -> str:
    """A table cell's value as text: lists joined, large numbers grouped, missing values empty."""
    if isinstance(value, list | tuple | np.ndarray):
        return ", ".join(str(v) for v in value)
    if value is None or (isinstance(value, float) and pd.isna(value)):
        return ""
    if isinstance(value, float | np.floating):
        return f"{value:,.0f}" if float(value).is_integer() else f"{value:,.3g}"
    return str(value)


def _is_image(value) -> bool:
    """A base64 PNG (a sparkline) rather than text."""
    return isinstance(value, str) and len(value) > 200 and value.startswith("iVBOR")


def _cell_html(value) -> str:
    if _is_image(value):
        return f'<td><img alt="sparkline" src="data:image/png;base64,{value}"></td>'
    text = html.escape(_text(value))
    css = {"passed": "ok", "failed": "bad"}.get(text)
    return f'<td class="{css}">{text}</td>' if css else f"<td>{text}</td>"


def _table_html(frame: pd.DataFrame) -> str:
    head = "".join(f"<th>{html.escape(str(c))}</th>" for c in frame.columns)
    rows = ["<tr>" + "".join(_cell_html(v) for v in row) + "</tr>" for row in frame.itertuples(index=False)]
    return f"<table><thead><tr>{head}</tr></thead><tbody>{''.join(rows)}</tbody></table>"


def _cell_md(value) -> str:
    if _is_image(value):
        return f"![sparkline](data:image/png;base64,{value})"
    return _text(value).replace("|", "\\|").replace("\n", " ")


def _table_md(frame: pd.DataFrame) -> str:
    lines = ["| " + " | ".join(str(c) for c in frame.columns) + " |", "|" + "---|" * len(frame.columns)]
    lines += ["| " + " | ".join(_cell_md(v) for v in row) + " |" for row in frame.itertuples(index=False)]
    return "\n".join(lines)


STYLE = """
body { font-family: "Noto Sans CJK SC", "PingFang SC", "Microsoft YaHei", sans-serif; margin: 2em; color: #222; }
h1 { font-size: 1.5em; } h2 { font-size: 1.15em; margin-top: 2em; border-bottom: 1px solid #ddd; }
table { border-collapse: collapse; margin: 0.5em 0; } td, th { border: 1px solid #ddd; padding: 2px 8px; }
th { background: #f3f5f8; text-align: left; } td.ok { color: #1a7f37; } td.bad { color: #c62828; font-weight: bold; }
img.chart { max-width: 100%; } p.empty { color: #777; }
"""


def build_report(data: ReportData, title: str = "zhnews corpus report") -> Report:
    """The report as a self-contained HTML page and as Markdown (same sections, same images)."""
    with plt.rc_context({"font.family": _font(), "font.size": 9}):
        sections = _sections(data)
    charts = 0
    parts_html = [f"<!doctype html><html><head><meta charset='utf-8'><title>{html.escape(title)}</title>"]
    parts_html.append(f"<style>{STYLE}</style></head><body><h1>{html.escape(title)}</h1>")
    parts_md = [f"# {title}"]
    for section in sections:
        parts_html.append(f"<h2>{html.escape(section.title)}</h2>")
        parts_md.append(f"## {section.title}")
        has_table = section.table is not None and len(section.table)
        if section.image is None and not has_table:
            parts_html.append(f'<p class="empty">{html.escape(section.empty)}</p>')
            parts_md.append(f"_{section.empty}_")
            continue
        if section.image:
            charts += 1
            parts_html.append(
                f'<img class="chart" alt="{html.escape(section.title)}" src="data:image/png;base64,{section.image}">'
            )
            parts_md.append(f"![{section.title}](data:image/png;base64,{section.image})")
        if has_table:
            charts += sum(_is_image(v) for v in section.table.to_numpy().ravel())
            parts_html.append(_table_html(section.table))
            parts_md.append(_table_md(section.table))
    parts_html.append("</body></html>")
    return Report("\n".join(parts_html), "\n\n".join(parts_md), charts)

