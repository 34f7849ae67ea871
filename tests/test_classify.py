"""Sitrep or not: the evidence has to be structural, not a word in passing."""
from __future__ import annotations

from sitrep_extract import extract

ARTICLE = """Health ministry warns of rising cases

ASTANA - According to the latest WHO situation report, 54,747 COVID-19 cases and 264 deaths were
recorded in the country as of 10 July. Officials urged citizens to stay at home.

The minister said hospitals were near capacity.
"""

SITREP = """COVID-19 SITUATION REPORT

EMERGENCY HEALTH RESPONSE

- WHO trained 400 health workers;
- UNICEF delivered hygiene kits.

UN RISK COMMUNICATION AND COMMUNITY ENGAGEMENT

- UNFPA launched a campaign on social media.
"""


def test_article_quoting_a_situation_report_is_not_a_sitrep():
    report = extract(ARTICLE, name="article.txt")
    assert report.document.kind == "not_sitrep"
    assert report.warnings[0].startswith("not a situation report")


def test_article_still_gives_what_it_can():
    report = extract(ARTICLE, name="article.txt")
    assert report.document.title == "Health ministry warns of rising cases"
    assert {(f.metric, f.value) for f in report.headline_figures} >= {("confirmed", 54747), ("deaths", 264)}


def test_titled_report_with_sitrep_sections_is_a_sitrep():
    report = extract(SITREP, name="sitrep.txt")
    assert report.document.kind == "sitrep" and report.document.title == "COVID-19 SITUATION REPORT"
    assert [s.id for s in report.sections] == ["emergency_health_response", "risk_communication"]


def test_sections_alone_are_enough():
    report = extract(SITREP.replace("COVID-19 SITUATION REPORT\n", ""), name="untitled.txt")
    assert report.document.kind == "sitrep"


FLASH = """OCHA
UKRAINE: FLASH UPDATE No. 3
As of 26 February 2022, 18:00 (EET)

HIGHLIGHTS
• At least 100,000 people are estimated to have been displaced.
• The UN and partners are scaling up the humanitarian response.

HUMANITARIAN RESPONSE
• WFP is mobilizing food assistance for up to 3 million people;
• WHO delivered trauma kits to hospitals in Kyiv and Kharkiv.
"""


def test_a_numbered_flash_update_is_a_sitrep_titled_by_its_title_line():
    report = extract(FLASH, name="flash.txt")
    assert report.document.kind == "sitrep"
    assert (report.document.title, report.document.number) == ("UKRAINE: FLASH UPDATE No. 3", "3")
    assert [s.id for s in report.sections][-2:] == ["highlights", "actions"]
