"""Recruiting without a browser: which openings are current, the plain-text job description, JobPosting
data, QR codes and expiry warnings (tests/fixtures/hiring, built for FIXTURE_DATE)."""

from __future__ import annotations

import datetime
import html
import io
import json
import re
import shutil
from dataclasses import replace
from pathlib import Path

import pytest
import segno

from conftest import FIXTURES, run_cli
from generator.review.annotations import text_line
from generator.catalogue import catalogue
from generator.errors import HandbookError
from generator.pipeline import build_model
from generator.model.openings import build_date, current_openings, expiry_warnings
from generator.site.recruiting import SCHEMA_TYPES, prepare
from generator.site.render import render

FIXTURE_DATE = datetime.date(2026, 6, 15)
HIRING = FIXTURES / "hiring"
SITE = "https://jobs.example.com/handbook/"


@pytest.fixture(scope="module")
def written():
    return build_model(HIRING)


@pytest.fixture(scope="module")
def model(written):
    return current_openings(written, FIXTURE_DATE)


def _recruiting(model, language: str = "zh", **urls: str):
    return prepare(model, catalogue(language), **urls)


def test_build_date_can_be_fixed() -> None:
    assert build_date({"HANDBOOK_TODAY": "2026-06-15"}) == FIXTURE_DATE
    assert build_date({"SOURCE_DATE_EPOCH": "1781481600"}) == FIXTURE_DATE  # 2026-06-15T00:00:00Z
    assert build_date({}) == datetime.date.today()
    with pytest.raises(HandbookError, match="HANDBOOK_TODAY: '2026-13-01' is not a date"):
        build_date({"HANDBOOK_TODAY": "2026-13-01"})


def test_only_openings_current_on_the_build_date_remain(written, model) -> None:
    def listed(m):
        return {(p.id, o.location) for p in m.positions.values() for o in p.openings}

    everything = listed(written)
    assert ("operations-specialist", "上海") in everything and ("art-lead", "杭州") in everything
    assert listed(model) == {("operations-specialist", "杭州市余杭区"), ("operations-specialist", "宁波"), ("designer", "全国")}
    # The first and last day count.
    assert listed(current_openings(written, datetime.date(2026, 5, 31))) >= {("operations-specialist", "上海")}
    assert ("art-lead", "杭州") in listed(current_openings(written, datetime.date(2026, 7, 1)))
    assert ("operations-specialist", "宁波") not in listed(current_openings(written, datetime.date(2026, 6, 21)))


def test_expired_and_closing_openings_are_warnings_on_their_line(written) -> None:
    source = written.positions["operations-specialist"].source_file
    assert [text_line(w, "warning") for w in expiry_warnings(written, FIXTURE_DATE)] == [
        f"{source}:27:20: openings[1].valid_through: warning: this opening closed on 2026-05-31 "
        "and is no longer listed; remove it or extend valid_through",
        f"{source}:34:20: openings[2].valid_through: warning: this opening closes in 5 days "
        "(2026-06-20); extend valid_through if it stays open",
    ]
    assert expiry_warnings(written, datetime.date(2026, 1, 1)) == []  # nothing posted yet, nothing to warn about


def test_check_prints_the_warnings_and_passes(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    shutil.copytree(HIRING, tmp_path / "data")
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("HANDBOOK_TODAY", "2026-06-15")
    code, out, err = run_cli(capsys, "check")
    assert code == 0
    assert out == ["ok: 3 departments, 5 positions, headcount 10; the public site shows 3 departments, 5 positions, 3 current openings"]
    assert [line.split(": warning: ")[0] for line in err] == [
        "data/positions/operations-specialist.yml:27:20: openings[1].valid_through",
        "data/positions/operations-specialist.yml:34:20: openings[2].valid_through",
    ]


def test_job_description_is_plain_numbered_text(model) -> None:
    jd = _recruiting(model, site_url=SITE).jd_text(model.positions["operations-specialist"])
    assert jd.splitlines() == [
        "运营专员",
        "所属部门：运营部",
        "职级：专员级",
        "",
        "岗位概述",
        "店铺日常运营。",
        "",
        "岗位职责",
        "1、商品上下架",
        "",
        "任职要求",
        "1、一年以上淘宝运营经验",
        "2、熟悉生意参谋",
        "",
        "招聘中",
        "· 杭州市余杭区 (CN) · 全职 · 招 2 人 · 8,000–12,000 CNY/月 · 2026-06-01 发布，2026-07-31 截止",
        "  投递邮箱：jobs@example.com",
        "  在线申请：https://jobs.example.com/apply?id=1&src=handbook",
        "  双休，入职缴纳五险一金",
        "· 宁波 (CN) · 兼职 · 招 3 人 · 2026-06-01 发布，2026-06-20 截止",
        "  应聘方式：到店面试",
        "",
        f"职位详情：{SITE}positions/operations-specialist/",
    ]


def test_job_description_in_english_numbers_items_with_a_full_stop(model) -> None:
    jd = _recruiting(model, "en").jd_text(model.positions["operations-specialist"])
    assert "1. 一年以上淘宝运营经验\n2. 熟悉生意参谋" in jd
    assert "Full-time · 2 hires · 8,000–12,000 CNY per month · posted 2026-06-01, closes 2026-07-31" in jd
    assert "Full job description" not in jd  # no address known, so no link line


def test_job_description_holds_nothing_internal_and_no_markup(model) -> None:
    pos = model.positions["operations-specialist"]
    secret = replace(
        pos,
        requirements=("SECRET-ITEM", *pos.requirements),
        internal_items=frozenset({("requirements", 0)}),
        kpis=("SECRET-KPI",),
        tools=("SECRET-TOOL",),
        summary="Line one\u202e reversed\x07\nline two",
    )
    hidden = replace(model, positions={**model.positions, pos.id: secret})
    jd = _recruiting(hidden).jd_text(secret)
    assert "SECRET" not in jd
    assert "Line one reversed line two" in jd  # one line, no direction override or control character
    designer = _recruiting(model).jd_text(model.positions["designer"])
    # Data is shown as written: Markdown and HTML in it stay text, nothing of the page's own markup is added.
    assert "**不是粗体** [不是链接](https://evil.example.com)" in designer
    assert "](" not in jd and "**" not in jd and "#" not in jd
    # An internal position has no public job description at all.
    internal = replace(model, positions={**model.positions, pos.id: replace(pos, internal=True)})
    assert _recruiting(internal).jd_text(internal.positions[pos.id]) == ""


def test_job_postings_carry_googles_required_properties(model) -> None:
    recruiting = _recruiting(model, site_url=SITE)
    postings = recruiting.postings(model.positions["operations-specialist"])
    assert len(postings) == 2
    first = postings[0]
    for key in ("title", "description", "datePosted", "hiringOrganization", "jobLocation", "validThrough", "employmentType"):
        assert first[key], key
    assert first["@type"] == "JobPosting" and first["@context"] == "https://schema.org"
    assert first["hiringOrganization"] == {"@type": "Organization", "name": "测试公司", "sameAs": "https://www.example.com/"}
    assert first["jobLocation"]["address"] == {"@type": "PostalAddress", "addressLocality": "杭州市余杭区", "addressCountry": "CN"}
    assert first["baseSalary"] == {
        "@type": "MonetaryAmount", "currency": "CNY", "value": {"@type": "QuantitativeValue", "unitText": "MONTH", "minValue": 8000, "maxValue": 12000},
    }
    assert first["url"] == f"{SITE}positions/operations-specialist/"
    assert "baseSalary" not in postings[1]
    remote = recruiting.postings(model.positions["designer"])[0]
    assert remote["jobLocationType"] == "TELECOMMUTE" and remote["applicantLocationRequirements"] == {"@type": "Country", "name": "CN"}
    assert remote["employmentType"] == SCHEMA_TYPES["contract"] == "CONTRACTOR"
    assert remote["baseSalary"]["value"] == {"@type": "QuantitativeValue", "unitText": "DAY", "value": 300}


def _page_text(markdown: str) -> str:
    """The reader-visible text of a generated page, roughly: entities decoded, the JSON-LD removed."""
    return html.unescape(re.sub(r"<script type=\"application/ld\+json\">.*?</script>", "", markdown))


def _jsonld(markdown: str) -> list[dict]:
    return [json.loads(block) for block in re.findall(r'<script type="application/ld\+json">(.*?)</script>', markdown)]


def test_every_posting_value_is_on_the_page_and_the_json_cannot_end_its_script(model) -> None:
    pages = render(model, recruiting=_recruiting(model, site_url=SITE))
    for pos_id, count in (("operations-specialist", 2), ("designer", 1), ("art-lead", 0), ("general-manager", 0)):
        page = pages[f"positions/{pos_id}.md"]
        postings = _jsonld(page)
        assert len(postings) == count, pos_id
        text = _page_text(page)
        for p in postings:
            values = [p["title"], p["datePosted"], p["validThrough"], p["hiringOrganization"]["name"], p["jobLocation"]["address"]["addressLocality"]]
            values += [p["jobLocation"]["address"].get("addressCountry", "")]
            values += [f"{v:,}" for k, v in p.get("baseSalary", {}).get("value", {}).items() if k in ("minValue", "maxValue", "value")]
            missing = [v for v in values if v and v not in text]
            assert not missing, (pos_id, missing)
    designer = pages["positions/designer.md"]
    # The summary holds "</script><script>alert(1)</script>": inside the JSON it is inert.
    scripts = re.findall(r"<script[^>]*>", designer)
    assert scripts == ['<script type="application/ld+json">']
    assert "</script><script>alert" not in designer
    # The description is HTML (as schema.org wants): the data is HTML-escaped text inside it.
    assert "<p>制作图片。&lt;/script&gt;&lt;script&gt;alert(1)&lt;/script&gt;</p>" in _jsonld(designer)[0]["description"]


def test_openings_page_lists_current_openings_by_department(model, written) -> None:
    pages = render(model)
    openings = pages["openings.md"]
    assert openings.index("## 运营部 {#operations}") < openings.index("## 美工组 {#art}")
    assert "(positions/operations-specialist.md)" in openings and "(positions/designer.md)" in openings
    assert "上海" not in openings and "art-lead" not in openings
    nothing = render(current_openings(written, datetime.date(2030, 1, 1)))["openings.md"]
    assert "目前没有招聘中的职位" in nothing  # the page stays, so a printed link never breaks


def test_qr_code_encodes_the_published_address(model) -> None:
    pos = model.positions["designer"]

    def drawn(url: str) -> str:
        out = io.BytesIO()
        segno.make(url, error="m", micro=False).save(out, kind="svg", xmldecl=False, svgns=True, scale=4, border=4, nl=False, omitsize=True, svgclass=None, lineclass=None)
        return re.search(r' d="([^"]+)"', out.getvalue().decode()).group(1)

    def path_of(svg: str) -> str:
        return re.search(r' d="([^"]+)"', svg).group(1)

    own = _recruiting(model, site_url=SITE).qr_svg(pos)
    assert path_of(own) == drawn(f"{SITE}positions/designer/")
    assert 'viewBox="0 0 ' in own and own.startswith("<svg ")
    # The internal handbook's QR codes lead candidates to the public site when it has an address.
    careers = _recruiting(model, site_url="https://intranet.example.com/", public_url="https://careers.example.com").qr_svg(pos)
    assert path_of(careers) == drawn("https://careers.example.com/positions/designer/")
    assert _recruiting(model).qr_svg(pos) == ""


def test_share_files_are_written_per_public_position(model) -> None:
    pages = render(model, recruiting=_recruiting(model, site_url=SITE))
    assert pages["positions/designer/jd.txt"].startswith("\ufeff美工\n")
    assert pages["positions/designer/qr.svg"].startswith("<svg ")
    printed = pages["positions/designer/jd.html"]
    assert "&lt;/script&gt;&lt;script&gt;alert(1)&lt;/script&gt;" in printed and "<script" not in printed
    assert "<svg " in printed and "noindex" in printed
    without_url = render(model)
    assert "positions/designer/qr.svg" not in without_url
    assert "HANDBOOK_SITE_URL" in html.unescape(without_url["positions/designer.md"])
    internal = replace(model, positions={**model.positions, "designer": replace(model.positions["designer"], internal=True, openings=())})
    assert not any(path.startswith("positions/designer/") for path in render(internal))


def test_hostile_addresses_cannot_inject_markup(model) -> None:
    import markdown as python_markdown

    hostile = "https://jobs.example.com/*a*{onmouseover=alert(1)}_[x](javascript:alert(2))"
    pos = model.positions["designer"]
    opening = replace(pos.openings[0], apply_url=hostile, apply_email="a*b*{onclick=alert(3)}@example.com")
    handbook = replace(model.handbook, organization_url="https://x.example.com/)[XSS](javascript:alert(4))(")
    bad = replace(model, handbook=handbook, positions={**model.positions, "designer": replace(pos, openings=(opening,))})
    page = render(bad)["positions/designer.md"]
    body = page.split("---\n", 2)[2]
    out = python_markdown.markdown(body, extensions=["attr_list", "tables", "md_in_html"])
    from html.parser import HTMLParser

    found: list[tuple[str, str, str]] = []

    class Attributes(HTMLParser):
        def handle_starttag(self, tag, attrs):
            found.extend((tag, k, v or "") for k, v in attrs)

    Attributes().feed(out)
    assert [a for a in found if a[1].startswith("on")] == []
    assert [a for a in found if a[1] in ("href", "src") and ":" in a[2].split("/")[0] and not a[2].startswith(("https:", "mailto:"))] == []
    assert ("a", "href", hostile) in found  # the address itself, intact
    assert "https://x.example.com/)[XSS](javascript:alert(4))(" in html.unescape(out)  # shown as written, inert
