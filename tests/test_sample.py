"""The bundled sample handbook's own facts: its positions, pages and wording.

Skipped when data/ is not the sample (``sample: true`` in data/handbook.yml):
after ``make new`` a company's data has none of these, and the generic tests
(test_site.py, test_browser.py) check its handbook instead.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from browser import open_page, serve, watch_page
from generator.adopt import is_sample
from site_checks import parse
from site_project import ROOT

pytestmark = [pytest.mark.slow, pytest.mark.skipif(not is_sample(ROOT / "data"), reason="data/ is not the bundled sample (no 'sample: true' in data/handbook.yml)")]


def test_the_sample_is_complete(own_site: Path, own_model) -> None:
    model = own_model
    assert (len(model.departments), len(model.positions), len(model.plans)) == (19, 45, 5)
    assert len(model.glossary) >= 25 and len(model.handbook.sources) == 5
    pages = [p for p in (own_site / "site").rglob("index.html") if "assets" not in p.parts]
    assert len(pages) > 60


def test_pages_cite_their_sources_and_say_what_the_sources_leave_out(own_site: Path) -> None:
    # The sample is compiled from articles: an empty section says so, and the page lists its sources.
    html = (own_site / "site" / "positions" / "store-manager" / "index.html").read_text("utf-8")
    requirements = html[html.index('id="requirements"') : html.index('id="kpis"')]
    assert "资料中未列出。" in requirements
    assert 'id="sources"' in html and "成熟的电商运营团队组织架构由哪些构成" in html
    assert (own_site / "site" / "sources" / "index.html").is_file()


def test_store_manager_page(own_site: Path, own_model) -> None:
    page = own_site / "site" / "positions" / "store-manager" / "index.html"
    store = own_model.positions["store-manager"]
    meta = {a.get("name"): a.get("content") for tag, a in parse(page).tags if tag == "meta"}
    assert meta["description"].startswith(f"{store.title}（运营部）：")
    edit = [a["href"] for tag, a in parse(page).tags if tag == "a" and a.get("rel") == "edit"]
    assert edit == ["https://git.example.com/hr/handbook/edit/main/data/positions/store-manager.yml"]


def test_practice_pages_are_listed_with_readable_anchors(own_site: Path) -> None:
    home = (own_site / "site" / "index.html").read_text("utf-8")
    assert "团队实践" in home  # the hand-written section, in the navigation
    ids = parse(own_site / "site" / "practices" / "collaboration" / "index.html").ids
    # A Chinese heading without an explicit anchor keeps a readable one instead of _1.
    assert "资料来源" in ids and "daily-standup" in ids


def test_every_data_file_points_editors_at_its_schema() -> None:
    files = sorted((ROOT / "data").rglob("*.yml"))
    for path in files:
        first = path.read_text("utf-8").splitlines()[0]
        kind = path.stem if path.parent.name == "data" else path.parent.name[:-1]
        assert first.startswith("# yaml-language-server: $schema="), path
        schema = (path.parent / first.split("$schema=", 1)[1]).resolve()
        assert schema == (ROOT / "generator" / "schemas" / f"{kind}.schema.json").resolve(), path


def test_through_train_shows_its_definition_on_hover(own_site: Path, own_model, chromium) -> None:
    term = next(t for t in own_model.glossary if t.term == "直通车")
    context = chromium.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    seen = watch_page(context, page)
    with serve(own_site / "site") as base:
        open_page(page, base + "positions/through-train-specialist/")
        page.locator("article abbr", has_text="直通车").first.hover()
        tip = page.locator(".hb-tooltip")
        tip.wait_for(state="visible", timeout=5_000)
        assert tip.inner_text() == term.definition
        context.close()  # while the server is up, so no request of the page is cut off
    assert seen.blocked == [] and seen.errors == []


def test_the_sample_says_only_what_its_sources_say(own_model) -> None:
    # Read against ../shared/seeds/ (issue 14): what the articles state is kept, what was added is marked.
    model = own_model
    # The 运营中心 chart's unit after 分销部 (001).
    assert model.departments["juhuasuan"].parent == "operations-center"
    # 产品部 (002): 做选品、采购、拍照作图、文案编辑.
    assert "做选品、采购、拍照作图、文案编辑。" in model.departments["merchandise"].functions
    # 客服, 4 人 (001): one undivided figure; the split is marked as added and adds up to it.
    service = [model.positions["pre-sales-customer-service"], model.positions["after-sales-customer-service"]]
    assert sum(p.headcount for p in service) == 4 and all("headcount" in p.added for p in service)
    # 剧本 is in the base team, not the 自媒体 list (000).
    assert "剧本" not in model.departments["new-media"].summary
    # No article lists duties of 项目经理, of the 售前/售后主管 or of the 总经理 himself.
    for pos_id in ("project-manager", "pre-sales-supervisor", "after-sales-supervisor", "general-manager"):
        pos = model.positions[pos_id]
        assert all(("responsibilities", text) in pos.added_items for text in pos.responsibilities), pos_id
    # The 运营目标 (001) name no owner: no position carries them as its KPIs.
    assert not any("20万" in k or "回头率" in k or "20%" in k for p in model.positions.values() for k in p.kpis)
    # The finance escalation target and the small-to-medium 天猫店 staffing (001).
    assert all(e.added for e in model.positions["finance-specialist"].escalation)
    tmall = {e.position: (e.headcount, e.max) for e in model.plans["tmall-store"].entries}
    assert tmall == {"operations-specialist": (2, 3), "pre-sales-customer-service": (2, None), "after-sales-customer-service": (2, None),
                     "planner": (1, None), "technical-support-specialist": (1, None)}
    # HR is not named owner of training, careers and bonuses (003 names none).
    assert not any("培训" in f or "绩效奖金" in f for f in model.departments["human-resources"].functions)
    # Headcounts the articles give for a role are not marked; the others are, and so are the totals.
    stated = {"campaign-specialist", "data-analyst", "design-supervisor", "diamond-booth-specialist", "finance-specialist", "general-manager",
              "graphic-designer", "operations-supervisor", "planner", "planning-supervisor", "promotion-supervisor", "sales-supervisor",
              "store-manager", "technical-support-specialist", "through-train-specialist", "operations-assistant"}
    for pos in model.positions.values():
        assert ("headcount" in pos.added) == (pos.id not in stated), pos.id
    assert model.headcount_added()


def test_the_onboarding_plan_says_what_the_articles_say_and_marks_when(own_site: Path, own_model) -> None:
    model = own_model
    specialist = model.positions["operations-specialist"]
    items = {s.id: {kind: [i.text for i in entries] for kind, entries in s.lists()} for s in specialist.onboarding}
    # 003 四、团队培训与发展 1: what new hires are trained in, and to what end; three articles cited for the plan.
    assert "参加新员工入职培训：公司的企业文化、组织架构、规章制度、业务流程。" in items["first-week"]["tasks"]
    assert items["first-30-days"]["goals"] == ["具备基本的工作能力和素质。"]
    # 001 运营主管岗位职责 (定期组织部门培训) and 002 运营主管 7 (绩效考核和评审，转正).
    assert "参加运营主管定期组织的部门培训。" in items["first-30-days"]["tasks"]
    assert "转正" in items["first-90-days"]["goals"][0]
    assert set(specialist.onboarding_sources) == {"small-team", "mature-structure", "company-departments"}
    # The articles never say when: every stage's timing is marked, and so is every reading the compiler pointed to.
    assert all(s.added for p in model.positions.values() for s in p.onboarding)
    assert all(i.added for p in model.positions.values() for s in p.onboarding for i in s.read)
    # Only the operations positions under the 运营主管 take its training and assessment; its own plan does not.
    under = {p.id for p in model.positions.values() if any("运营主管定期组织" in i.text for s in p.onboarding for i in s.tasks)}
    assert under == {"mall-administrator", "operations-specialist", "overseas-business-specialist"}
    page = (own_site / "site" / "positions" / "operations-specialist" / "onboarding" / "index.html").read_text("utf-8")
    assert page.count('class="hb-tick"') == 8 and "（整理补充）" in page and "电商淘宝小团队怎么安排" in page
    home = (own_site / "site" / "index.html").read_text("utf-8")
    assert 'href="onboarding/"' in home and "新人入职" in home


def test_the_sample_marks_what_its_articles_do_not_state_and_keeps_what_they_do(own_site: Path, own_model) -> None:
    model = own_model
    plans = model.plans
    # 001 运营中心组织岗位设定说明 「客服，4人」 and 002's 天猫店 「至少配置2名客服人员」: one figure for both 客服 roles.
    for plan_id, figure in (("operations-center", 4), ("tmall-store", 2), ("eight-person-team", 2)):
        pre, after = plans[plan_id].entry("pre-sales-customer-service"), plans[plan_id].entry("after-sales-customer-service")
        assert pre and after and pre.shared_with == ("after-sales-customer-service",) and (pre.headcount, after.headcount) == (figure, figure), plan_id
    assert plans["operations-center"].total == 19 and plans["tmall-store"].total == 6
    # The compiler's own figures: every 天猫代运营 entry (the article lists no numbers), 运营 in the 运营中心, 美工 of the startup team.
    assert all("headcount" in e.added for e in plans["tmall-agency-team"].entries)
    assert "headcount" in plans["operations-center"].entry("operations-specialist").added  # type: ignore[union-attr]
    assert "headcount" in plans["startup-team"].entry("graphic-designer").added  # type: ignore[union-attr]
    # No article says who reports to whom in the startup or 8-person teams.
    for plan_id in ("startup-team", "eight-person-team"):
        assert all("reports_to" in e.added for e in plans[plan_id].entries if e.reports_to), plan_id
    page = (own_site / "site" / "plans" / "index.html").read_text("utf-8")
    assert "4（合计）" in page and "标“合计”的是资料只给出一个合计人数" in page
    # The facts a new hire looks for in the team practices: 000 line 164, 003 一/二, 001 line 184, 004 line 72.
    faq = (ROOT / "docs" / "practices" / "faq.md").read_text("utf-8")
    assert "电商团队不适合传统企业的管理模式" in faq and "脑力劳动者" in faq and "其他辅助岗位" in faq
    assert "刷信誉保证活动正常进行" in (ROOT / "docs" / "practices" / "product-lines.md").read_text("utf-8")
    assert "避免重复劳动和信息孤岛的问题" in (ROOT / "docs" / "practices" / "index.md").read_text("utf-8")


def test_structure_no_article_states_is_marked(own_model) -> None:
    # Read against ../shared/seeds/ (issue 23). Stated: the 001 运营中心 chart (line 14) and 岗位设定说明 (line 20)
    # place these under their managers; every other reporting line of the sample is the compiler's and is marked.
    stated = {"campaign-specialist", "diamond-booth-specialist", "merchandise-specialist", "operations-specialist", "operations-supervisor",
              "promotion-supervisor", "sales-supervisor", "through-train-specialist", "juhuasuan-specialist"}
    for pos in own_model.positions.values():
        if pos.reports_to and pos.id not in stated:
            assert "reports_to" in pos.added, pos.id
    # 董事会's 总经理, 付费推广's 直通车专员 and the heads of units the articles name without any post.
    for dept_id in ("management", "paid-promotion", "juhuasuan", "distribution", "new-media", "marketing"):
        assert "head" in own_model.departments[dept_id].added, dept_id
    # Every department placement in the sample follows the 001 line 14 chart: none is marked.
    assert not any("parent" in d.added for d in own_model.departments.values())
    assert "position" in own_model.positions["juhuasuan-specialist"].added
    # A level is stated by a title that names one (专员, 主管, 总监, 经理, 助理); the others are the compiler's.
    for pos in own_model.positions.values():
        names = [pos.title, *pos.other_titles]
        if not any(word in name for name in names for word in ("专员", "主管", "总监", "经理", "助理", "组长", "管理员")):
            assert "level" in pos.added, pos.id
