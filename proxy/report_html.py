"""The report as one self-contained, printable, accessible HTML page.

Charts are inline SVG drawn by pygal; each one is hidden from screen readers
and followed by its text alternative and a table with the same numbers, so
nothing is only in a picture. No script, font or style is loaded from elsewhere.
"""

from __future__ import annotations

import re

import pygal
from jinja2 import Environment
from markupsafe import Markup
from pygal.style import Style

from tollgate.proxy.report import Chart, Report, Section, chain_text, summary_text

# Distinct at a glance and at least 3:1 against white (WCAG 1.4.11).
_STYLE = Style(
    background="#ffffff",
    plot_background="#ffffff",
    foreground="#1a1a1a",
    foreground_strong="#1a1a1a",
    foreground_subtle="#595959",
    colors=("#1f5fa8", "#b35900", "#a4161a", "#2d6a4f", "#6a3d9a", "#5c5c00", "#00607a"),
    font_family="system-ui, sans-serif",
    label_font_size=12,
    major_label_font_size=12,
    legend_font_size=12,
    title_font_size=14,
    opacity="1",  # pygal's default translucency would wash the colours below 3:1
    opacity_hover="1",
)

_TEMPLATE = Environment(autoescape=True).from_string(
    """<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{{ report.title }}, {{ report.start[:10] }} to {{ report.end[:10] }}</title>
<style>
  body { font-family: system-ui, sans-serif; color: #1a1a1a; background: #fff;
         max-width: 60rem; margin: 0 auto; padding: 1rem 1.5rem; line-height: 1.5; }
  h1 { font-size: 1.6rem; } h2 { font-size: 1.25rem; margin-top: 2.5rem;
       border-top: 1px solid #767676; padding-top: 1rem; }
  table { border-collapse: collapse; margin: 0.5rem 0 1rem; }
  caption { text-align: left; font-weight: 600; padding-bottom: 0.25rem; }
  th, td { border: 1px solid #767676; padding: 0.25rem 0.6rem; text-align: left; }
  td.n, th.n { text-align: right; font-variant-numeric: tabular-nums; }
  .chain-ok { color: #1e5631; font-weight: 600; } .chain-bad { color: #a4161a; font-weight: 600; }
  figure { margin: 0.5rem 0; } figure svg { max-width: 100%; height: auto; }
  a { color: #0b4f9c; } a:focus, a:hover { outline: 2px solid #0b4f9c; }
  nav ul { columns: 2; }
  @media print { nav { display: none; } h2 { break-before: auto; } figure, table { break-inside: avoid; } }
</style>
</head>
<body>
<header>
<h1>{{ report.title }}: {{ report.start[:10] }} to {{ report.end[:10] }}</h1>
<p>Generated {{ report.generated }} (UTC) from the audit log. Period: from
{{ report.start }} up to {{ report.end }}.</p>
</header>
<nav aria-label="Sections"><h2 id="contents">Contents</h2><ul>
{% for section in report.sections %}<li><a href="#{{ section.key }}">{{ section.title }}</a></li>
{% endfor %}</ul></nav>
<main>
<h2 id="summary">Summary</h2>
<p>{{ summary }}</p>
<p>Audit log: <span class="{{ 'chain-ok' if report.chain.verified else 'chain-bad' }}">{{ chain }}</span>.</p>
{% for section in report.sections %}
<section aria-labelledby="{{ section.key }}">
<h2 id="{{ section.key }}">{{ section.title }}</h2>
<p>{{ section.about }}</p>
{% if not section.rows %}<p>{{ section.empty }}</p>{% else %}
{% if charts[section.key] %}<figure>
{{ charts[section.key] }}
<figcaption>Chart of {{ section.title | lower }}; the table below holds the same numbers.</figcaption>
</figure>{% endif %}
<table>
<caption>{{ section.title }}</caption>
<thead><tr>{% for key, heading in section.columns %}<th scope="col"{% if numeric[section.key][key] %} class="n"{% endif %}>{{ heading }}</th>{% endfor %}</tr></thead>
<tbody>
{% for row in section.rows %}<tr>{% for key, heading in section.columns %}<td{% if numeric[section.key][key] %} class="n"{% endif %}>{{ row[key] }}</td>{% endfor %}</tr>
{% endfor %}</tbody>
</table>{% endif %}
</section>
{% endfor %}
</main>
</body>
</html>
"""
)


def as_html(report: Report) -> str:
    return _TEMPLATE.render(
        report=report,
        summary=summary_text(report),
        chain=chain_text(report),
        charts={s.key: _chart(s) for s in report.sections},
        numeric={
            s.key: {k: all(isinstance(r[k], int | float) for r in s.rows) for k, _ in s.columns}
            for s in report.sections
        },
    )


def _chart(section: Section) -> Markup | None:
    spec = section.chart
    if spec is None or not section.rows:
        return None
    chart = _draw(spec, section)
    svg = re.sub(r"<!--.*?-->", "", chart.render(is_unicode=True), flags=re.S)  # pygal's banner
    # The table after it is the text alternative; the picture is decoration for readers.
    svg = svg.replace("<svg ", '<svg aria-hidden="true" focusable="false" ', 1)
    return Markup(svg)


def _draw(spec: Chart, section: Section) -> pygal.Graph:
    options = dict(
        style=_STYLE,
        js=[],  # nothing fetched: the tooltip script pygal would link is left out
        disable_xml_declaration=True,
        width=720,
        height=300,
        explicit_size=True,
        legend_at_bottom=True,
        print_values=False,
        show_y_guides=True,
    )
    categories = list(dict.fromkeys(str(row[spec.category]) for row in section.rows))
    if spec.kind == "bars":
        chart = pygal.HorizontalBar(**options, show_legend=False)
        chart.x_labels = categories
        chart.add(section.columns[-1][1], [row[spec.series[0]] for row in section.rows])
        return chart
    chart = pygal.StackedBar(**options)
    chart.x_labels = categories
    headings = dict(section.columns)
    if spec.pivot is None:
        for column in spec.series:
            totals = {c: 0 for c in categories}
            for row in section.rows:
                totals[str(row[spec.category])] += row[column] or 0
            chart.add(headings[column], list(totals.values()))
        return chart
    for name in dict.fromkeys(str(row[spec.pivot]) for row in section.rows):
        values = {c: 0 for c in categories}
        for row in section.rows:
            if str(row[spec.pivot]) == name:
                values[str(row[spec.category])] += row[spec.series[0]] or 0
        chart.add(name, list(values.values()))
    return chart
