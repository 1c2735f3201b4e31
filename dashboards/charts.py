"""Charts drawn on the server as SVG (matplotlib), so that the dashboards and the exported report
show the same figures. Each chart comes with its data as a table for screen readers; the SVG keeps
its text as text (not paths), so it stays small and searchable."""

import functools
import hashlib
import io
import re
from decimal import Decimal

import matplotlib
from django.core.cache import cache
from django.utils.translation import get_language

matplotlib.use("Agg")  # no display: render to files only

from matplotlib import pyplot as plt  # noqa: E402
from matplotlib.figure import Figure  # noqa: E402

plt.rcParams.update(
    {
        "svg.fonttype": "none",
        "font.family": "DejaVu Sans",
        "font.size": 10,
        "axes.spines.top": False,
        "axes.spines.right": False,
    }
)

WOMEN = "#6f42c1"
MEN = "#20c997"
ACTUAL = "#0d6efd"
TARGET = "#dc3545"


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


@cached
def trend(title, years, actuals, target=None, target_label="", unit="", fmt="svg"):
    """Bars of the yearly figures, with the target as a line (per year or the expected path)."""
    figure = Figure(figsize=(6.4, 3.2))
    axes = figure.subplots()
    labels = [str(y) for y in years]
    values = [_number(v) if v is not None else 0 for v in actuals]
    bars = axes.bar(labels, values, color=ACTUAL, label=unit or title)
    for bar, value in zip(bars, actuals, strict=True):
        axes.annotate(
            "—"
            if value is None
            else f"{_number(value):,.0f}"
            if float(value).is_integer()
            else f"{_number(value):,.1f}",
            (bar.get_x() + bar.get_width() / 2, bar.get_height()),
            ha="center",
            va="bottom",
            fontsize=9,
        )
    if target is not None:
        targets = [_number(t) for t in target] if isinstance(target, list | tuple) else None
        if targets:
            axes.plot(labels, targets, color=TARGET, marker="o", label=target_label)
        else:
            axes.axhline(_number(target), color=TARGET, linestyle="--", label=target_label)
        axes.legend(loc="upper left", frameon=False, fontsize=8)
    axes.set_title(title, fontsize=11, loc="left")
    axes.margins(y=0.15)
    return _render(figure, title, fmt)


@cached
def split_by_sex(title, years, women, men, women_label, men_label, fmt="svg"):
    figure = Figure(figsize=(6.4, 3.0))
    axes = figure.subplots()
    labels = [str(y) for y in years]
    w = [v or 0 for v in women]
    m = [v or 0 for v in men]
    axes.bar(labels, w, color=WOMEN, label=women_label)
    axes.bar(labels, m, bottom=w, color=MEN, label=men_label)
    axes.legend(loc="upper left", frameon=False, fontsize=8)
    axes.set_title(title, fontsize=11, loc="left")
    return _render(figure, title, fmt)


@cached
def by_entity(title, names, values, fmt="svg"):
    height = max(2.0, 0.28 * len(names) + 0.8)
    figure = Figure(figsize=(6.4, height))
    axes = figure.subplots()
    axes.barh(names[::-1], [_number(v) for v in values[::-1]], color=ACTUAL)
    axes.set_title(title, fontsize=11, loc="left")
    axes.tick_params(axis="y", labelsize=8)
    return _render(figure, title, fmt)
