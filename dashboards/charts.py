"""Charts drawn on the server as SVG (matplotlib), so that the dashboards and the exported report
show the same figures. Each chart comes with its data as a table for screen readers; the SVG keeps
its text as text (not paths), so it stays small and searchable."""

import functools
import hashlib
import io
import re
from dataclasses import dataclass
from decimal import Decimal

import matplotlib
from django.core.cache import cache
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from core import formatting

matplotlib.use("Agg")  # no display: render to files only

from matplotlib import pyplot as plt  # noqa: E402
from matplotlib.figure import Figure  # noqa: E402
from matplotlib.patches import Patch  # noqa: E402
from matplotlib.ticker import FuncFormatter, MaxNLocator  # noqa: E402

plt.rcParams.update(
    {
        "svg.fonttype": "none",
        "font.family": "DejaVu Sans",
        "font.size": 10,
        "axes.spines.top": False,
        "axes.spines.right": False,
    }
)

# Each colour has at least 3:1 contrast with the white background (WCAG 1.4.11), and the two
# series of a chart differ in lightness as well as hue.
WOMEN = "#6f42c1"  # 6.6:1
MEN = "#0b7a5a"  # 5.4:1
ACTUAL = "#0d6efd"  # 4.5:1
TARGET = "#b02a37"  # 6.5:1
MUTED = "#595959"  # 7:1, "no data"


def cached(function):
    """Drawing takes ~0.1 s; the same data (and language) always gives the same SVG."""

    @functools.wraps(function)
    def wrapper(*args, **kwargs):
        key = repr((function.__name__, get_language(), args, sorted(kwargs.items())))
        key = "chart:" + hashlib.sha256(key.encode()).hexdigest()
        svg = cache.get(key)
        if svg is None:
            svg = function(*args, **kwargs)
            cache.set(key, svg, timeout=24 * 3600)
        return svg

    return wrapper


def _render(figure, title, fmt):
    """SVG text for pages and the PDF; PNG bytes for Word, which does not take SVG."""
    if fmt == "png":
        buffer = io.BytesIO()
        figure.savefig(buffer, format="png", dpi=150, bbox_inches="tight")
        return buffer.getvalue()
    buffer = io.StringIO()
    figure.savefig(
        buffer, format="svg", bbox_inches="tight", metadata={"Title": title, "Date": None}
    )
    svg = buffer.getvalue()
    return _presentation_attributes(_unique_ids(svg[svg.index("<svg") :], title))


STYLE_ATTRIBUTE = re.compile(r'\sstyle="([^"]*)"')
STYLE_ELEMENT = re.compile(r"<style[^>]*>\s*\*\s*\{([^}]*)\}\s*</style>")


def _declarations(css):
    pairs = (item.split(":", 1) for item in css.split(";") if ":" in item)
    return " ".join(f'{name.strip()}="{value.strip()}"' for name, value in pairs)


def _presentation_attributes(svg):
    """The page's Content-Security-Policy allows no inline style. matplotlib writes its SVG with
    style attributes and a <style> element; every property it uses (fill, stroke, font-size,
    text-anchor...) is also an SVG presentation attribute, which CSP does not block. The <style>
    element's one rule for every element becomes attributes of the root, which inherit."""
    svg = STYLE_ATTRIBUTE.sub(lambda m: " " + _declarations(m.group(1)), svg)
    rule = STYLE_ELEMENT.search(svg)
    if rule:
        svg = STYLE_ELEMENT.sub("", svg)
        svg = svg.replace("<svg ", f"<svg {_declarations(rule.group(1))} ", 1)
    return svg


def _unique_ids(svg, title):
    """matplotlib numbers its SVG ids per figure (patch_7, text_13...): several charts inlined
    in one page or PDF would share them. Prefix them, and their references, per chart."""
    prefix = "c" + hashlib.sha1(title.encode()).hexdigest()[:8] + "-"
    svg = re.sub(r'\bid="([^"]+)"', lambda m: f'id="{prefix}{m.group(1)}"', svg)
    svg = re.sub(r"url\(#([^)]+)\)", lambda m: f"url(#{prefix}{m.group(1)})", svg)
    return re.sub(r'href="#([^"]+)"', lambda m: f'href="#{prefix}{m.group(1)}"', svg)


def _number(value):
    return float(value) if isinstance(value, Decimal) else value


def _label(value, share=False):
    """A value as the chart writes it, in the active language's format."""
    if value is None:
        return _("no data")
    return formatting.percent(value) if share else formatting.number(value, 1)


def _axis(axes, share):
    """Counts get whole-number ticks (never 0.2 courses); shares, percentages."""
    if share:
        axes.yaxis.set_major_formatter(FuncFormatter(lambda v, _pos: formatting.percent(v, 0)))
    else:
        axes.yaxis.set_major_locator(MaxNLocator(integer=True))
        axes.yaxis.set_major_formatter(FuncFormatter(lambda v, _pos: formatting.number(v, 1)))


@cached
def draw_trend(
    title, years, actuals, target=None, target_label="", unit="", share=False, fmt="svg"
):
    """Bars of the yearly figures, with the target as a line (per year or the expected path).
    A year without data gets no bar, only the words "no data" on the baseline."""
    figure = Figure(figsize=(6.4, 3.2))
    axes = figure.subplots()
    labels = [str(y) for y in years]
    heights = [_number(v) if v is not None else 0 for v in actuals]
    bars = axes.bar(labels, heights, color=ACTUAL, label=unit or title)
    for bar, year, value in zip(bars, years, actuals, strict=True):
        if value is None:
            bar.set_visible(False)
        else:
            bar.set_gid(f"bar-{year}")  # named in the SVG: what is drawn can be checked
        axes.annotate(
            _label(value, share),
            (bar.get_x() + bar.get_width() / 2, bar.get_height()),
            ha="center",
            va="bottom",
            fontsize=9,
            color=MUTED if value is None else "black",
        )
    # The legend's swatches are drawn from the colours, not from the first bar (which is hidden
    # when its year has no data).
    handles = [Patch(color=ACTUAL, label=unit or title)]
    if target is not None:
        targets = [_number(t) for t in target] if isinstance(target, list | tuple) else None
        if targets:
            (line,) = axes.plot(labels, targets, color=TARGET, marker="o", label=target_label)
        else:
            line = axes.axhline(_number(target), color=TARGET, linestyle="--", label=target_label)
        handles.append(line)
    axes.legend(handles=handles, loc="upper left", frameon=False, fontsize=8)
    axes.set_title(title, fontsize=11, loc="left")
    axes.margins(y=0.2)
    axes.set_ylim(bottom=0)
    _axis(axes, share)
    return _render(figure, title, fmt)


@cached
def draw_split_by_sex(title, years, women, men, women_label, men_label, fmt="svg"):
    """Women and men side by side per year; a year without the split gets no bars."""
    figure = Figure(figsize=(6.4, 3.0))
    axes = figure.subplots()
    positions = list(range(len(years)))
    width = 0.38
    for offset, values, color, label in (
        (-width / 2, women, WOMEN, women_label),
        (width / 2, men, MEN, men_label),
    ):
        bars = axes.bar(
            [p + offset for p in positions],
            [v or 0 for v in values],
            width,
            color=color,
            label=label,
        )
        for bar, value in zip(bars, values, strict=True):
            if value is None:
                bar.set_visible(False)
                continue
            axes.annotate(
                formatting.number(value),
                (bar.get_x() + bar.get_width() / 2, bar.get_height()),
                ha="center",
                va="bottom",
                fontsize=8,
            )
    for position, w, m in zip(positions, women, men, strict=True):
        if w is None and m is None:
            axes.annotate(_("no data"), (position, 0), ha="center", va="bottom", color=MUTED)
    axes.set_xticks(positions, [str(y) for y in years])
    handles = [Patch(color=WOMEN, label=women_label), Patch(color=MEN, label=men_label)]
    axes.legend(handles=handles, loc="upper left", frameon=False, fontsize=8)
    axes.set_title(title, fontsize=11, loc="left")
    axes.margins(y=0.2)
    _axis(axes, False)
    return _render(figure, title, fmt)


@cached
def draw_by_entity(title, names, values, fmt="svg"):
    height = max(2.0, 0.28 * len(names) + 0.8)
    figure = Figure(figsize=(6.4, height))
    axes = figure.subplots()
    axes.barh(names[::-1], [_number(v) for v in values[::-1]], color=ACTUAL)
    axes.set_title(title, fontsize=11, loc="left")
    axes.tick_params(axis="y", labelsize=8)
    axes.xaxis.set_major_locator(MaxNLocator(integer=True))
    axes.xaxis.set_major_formatter(FuncFormatter(lambda v, _pos: formatting.number(v, 1)))
    return _render(figure, title, fmt)


# -- chart definitions: what the pages and the report draw, with their data and their words ---


@dataclass
class Chart:
    title: str
    svg: str
    headers: list
    rows: list  # [label, *cells as written]
    description: str  # the chart in words: its text alternative
    png: bytes = b""


def trend_chart(trend, png=False):
    """An indicator's figure year by year against its target (`progress.Trend`)."""
    arguments = (trend.title, trend.years, trend.values, trend.line, trend.label, trend.unit)
    headers = [_("Year"), trend.unit]
    rows = [
        [str(y), _label(v, trend.share)] for y, v in zip(trend.years, trend.values, strict=True)
    ]
    lines = trend.line if isinstance(trend.line, list | tuple) else None
    if lines:
        headers.append(trend.label)
        for row, value in zip(rows, lines, strict=True):
            row.append(_label(value, trend.share) if value is not None else "—")
    description = _("%(title)s. %(unit)s: %(values)s.") % {
        "title": trend.title,
        "unit": trend.unit,
        "values": "; ".join(f"{row[0]}: {row[1]}" for row in rows),
    }
    if trend.label:
        description += " " + _("Target: %(target)s.") % {"target": trend.label}
    return Chart(
        trend.title,
        draw_trend(*arguments, share=trend.share),
        headers,
        rows,
        description,
        draw_trend(*arguments, share=trend.share, fmt="png") if png else b"",
    )


def sex_chart(indicator_progress_by_year, title):
    """Women and men year by year, for indicators that count people by sex."""
    years = [p.year for p in indicator_progress_by_year]
    women = [p.combined.women if p.combined else None for p in indicator_progress_by_year]
    men = [p.combined.men if p.combined else None for p in indicator_progress_by_year]
    rows = [
        [str(y), formatting.number(w) if w is not None else _("no data"), formatting.number(m)]
        for y, w, m in zip(years, women, men, strict=True)
    ]
    description = _("%(title)s: %(values)s.") % {
        "title": title,
        "values": "; ".join(
            _("%(year)s women %(women)s, men %(men)s")
            % {"year": row[0], "women": row[1], "men": row[2]}
            for row in rows
        ),
    }
    return Chart(
        title,
        draw_split_by_sex(title, years, women, men, _("Women"), _("Men")),
        [_("Year"), _("Women"), _("Men")],
        rows,
        description,
    )


def entity_chart(title, rows, value_key, label):
    names = [r["name"] for r in rows]
    values = [r[value_key] or 0 for r in rows]
    table = [[name, formatting.number(value)] for name, value in zip(names, values, strict=True)]
    description = _("%(title)s. %(label)s: %(values)s.") % {
        "title": title,
        "label": label,
        "values": "; ".join(f"{n}: {v}" for n, v in table),
    }
    return Chart(
        title, draw_by_entity(title, names, values), [_("Region"), label], table, description
    )
