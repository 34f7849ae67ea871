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


WEB_ARTICLE = """Skip to main content
Home
Newsroom
When autocomplete results are available use up and down arrows to review and enter to select. Touch device users, explore by touch or with swipe gestures.
Select language
English
Press release
14 May 2021
Almaty
First vaccine shipment arrives in the country
A shipment of 201,600 doses of vaccine arrived at the airport today, the first delivery through the COVAX Facility. The doses will be used to continue the national vaccination campaign.

Related
30 April 2021 Countries in the region step up testing
"""

STORY_LIST = """Latest
Story
31 May 2023
UN and partners join forces to protect the environment
Story
18 April 2023
UN presented a documentary about domestic violence
Today Almaty hosted a sustainable fashion and art event on the eve of World Environment Day, organised by the Office of the UN Resident Coordinator and attracting a wide audience to the fight against plastic.
"""


def test_web_article_is_dated_and_titled_by_its_dateline_and_headline():
    document = extract(WEB_ARTICLE, name="page.txt").document
    assert (document.kind, document.date, document.title) == (
        "not_sitrep", "2021-05-14", "First vaccine shipment arrives in the country")


def test_list_of_dated_stories_has_no_one_headline():
    document = extract(STORY_LIST, name="list.txt").document
    assert document.title is None


BLOG_POST = """Home
Health
Education
Child protection
Situation reports
Stories
1.2 million doses, one cold chain: how vaccines reached every region
From the airport tarmac to a village health post, the vaccine had to stay cold.
By Aliya Dzhaksybekova
12 April 2021
© UNICEF/2021/Temirkhanov
A logistics officer checks the temperature log of a vaccine shipment in Almaty.
ALMATY - Just after 4:30 am on 2 April 2021, a chartered cargo plane touched down with 1.2 million doses of vaccine on board, packed in 410 insulated boxes and monitored all the way by electronic temperature loggers.
"""

BRIEFING = """MINISTRY OF HEALTHCARE
TRANSCRIPT
Press briefing on the epidemiological situation and vaccination
Date: 21 July 2021
Venue: Central Communications Service, Nur-Sultan

SPEAKER: Good morning. As of 10:00 today, 1,245 new cases were confirmed in the last 24 hours and the country has confirmed 461,738 cases in total since March last year.

Let me repeat the main figures for the record:
Confirmed, total: 461,738
Recovered: 412,950
Deaths: 7,214
"""


def test_a_menu_of_sectors_and_a_link_to_situation_reports_do_not_make_a_page_a_sitrep():
    assert extract(BLOG_POST, name="blog.txt").document.kind == "not_sitrep"


def test_web_article_headline_above_its_byline_and_dateline_is_its_title():
    document = extract(BLOG_POST, name="blog.txt").document
    assert (document.date, document.title) == (
        "2021-04-12", "1.2 million doses, one cold chain: how vaccines reached every region")


def test_a_table_of_counts_alone_does_not_make_a_sitrep():
    report = extract(BRIEFING, name="briefing.txt")
    assert report.case_tables and report.document.kind == "not_sitrep"


def test_a_briefing_is_titled_by_its_headline_not_by_its_fields():
    assert extract(BRIEFING, name="briefing.txt").document.title == \
        "Press briefing on the epidemiological situation and vaccination"


TERMS_OF_REFERENCE = """TERMS OF REFERENCE: National Consultant for Primary Health Care
Date of issue: 3 March 2022

BACKGROUND

The country office supports the Ministry of Healthcare in strengthening primary health care during the COVID-19 response.

HEALTH

- Review the national guidelines on infection prevention and control;
- Prepare a training plan for nurses.

TIMELINE

- April 2022: inception report;
- June 2022: final report.
"""


def test_one_word_topic_headings_do_not_make_a_sitrep():
    """HEALTH, TIMELINE: an annual report or a job description has them too."""
    assert extract(TERMS_OF_REFERENCE, name="tor.txt").document.kind == "not_sitrep"
