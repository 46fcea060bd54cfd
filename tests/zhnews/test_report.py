"""zhnews.report: frames in, a self-contained HTML page and Markdown out, with real PNG charts."""

import base64
import re

import pandas as pd
import pytest

from zhnews import report

PNG = re.compile(r"data:image/png;base64,([A-Za-z0-9+/=]+)")


def data(**overrides) -> report.ReportData:
    frames = {
        "articles_per_day": pd.DataFrame({"day": pd.to_datetime(["2024-03-01", "2024-03-04"]), "articles": [2, 1]}),
        "outlets": pd.DataFrame({"outlet": ["甲报", "乙网"], "articles": [2, 1], "captures": [3, 1]}),
        "entity_days": pd.DataFrame(
            {
                "name": ["Stability AI", "Stability AI", "王某"],
                "type": ["ORG", "ORG", "PERSON"],
                "day": pd.to_datetime(["2024-03-01", "2024-03-04", None]),
                "mentions": [5, 2, 3],
            }
        ),
        "money": pd.DataFrame(
            {"company": ["A公司", "B公司"], "metric": ["funding", "valuation"], "currency": ["USD", "CNY"],
             "value": [1.5e8, 4e9]}
        ),
        "clusters": pd.DataFrame(
            {"cluster_id": ["c1"], "copies": [2], "title": ["标题<b>"], "outlets": [["甲报", "乙网"]]}
        ),
        "quarantine": pd.DataFrame({"stage": ["ingest"], "reason": ["file is empty (N bytes)"], "files": [2]}),
        "checks": pd.DataFrame(
            {"asset": ["documents"], "check": ["matches_schema"], "status": ["passed"], "description": ["All 5 rows"]}
        ),
    }
    return report.ReportData(**{**frames, **overrides})


def pngs(text: str) -> list[bytes]:
    return [base64.b64decode(m) for m in PNG.findall(text)]


def test_every_section_is_in_both_forms_with_decodable_png_charts():
    built = report.build_report(data())
    for title in ("Articles per day", "Articles per outlet", "Top entities", "Money per company",
                  "Duplicate clusters", "Quarantine by reason", "Check results"):
        assert f"<h2>{title}</h2>" in built.html and f"## {title}" in built.markdown
    images = pngs(built.html)
    # 4 charts (day, outlet, money, quarantine) + 1 sparkline (the undated entity has none)
    assert len(images) == built.charts == 5
    assert all(image.startswith(b"\x89PNG\r\n\x1a\n") and len(image) > 200 for image in images)
    assert pngs(built.markdown) == images


def test_text_is_escaped_in_html_and_lists_are_joined():
    built = report.build_report(data())
    assert "标题&lt;b&gt;" in built.html and "<b>" not in built.html.split("<h2>Duplicate clusters</h2>")[1]
    assert "甲报, 乙网" in built.html
    assert '<td class="ok">passed</td>' in built.html


def test_entities_are_ranked_by_mentions_with_their_sparkline():
    built = report.build_report(data())
    section = built.markdown.split("## Top entities")[1].split("##")[0]
    rows = [line for line in section.splitlines() if line.startswith("| ") and "entity" not in line]
    assert rows[0].startswith("| Stability AI | ORG | 7 | ![sparkline]")
    assert rows[1].startswith("| 王某 | PERSON | 3 | ")


def test_large_amounts_are_shown_grouped():
    assert "4,000,000,000" in report.build_report(data()).html


@pytest.mark.parametrize(
    ("section", "said"),
    [
        ("articles_per_day", "No article carries a publication date."),
        ("quarantine", "Nothing was refused."),
        ("clusters", "No article was captured more than once."),
    ],
)
def test_an_empty_section_says_so_in_words(section, said):
    empty = data(**{section: data().__dict__[section].iloc[0:0]})
    built = report.build_report(empty)
    assert said in built.html and f"_{said}_" in built.markdown


def test_a_single_day_still_draws_a_chart():
    one = pd.DataFrame({"day": pd.to_datetime(["2024-03-01"]), "articles": [3]})
    assert report.build_report(data(articles_per_day=one)).charts == 5
