"""Checks of a built handbook site that hold for any organisation's data.

Each function returns a list of problems (empty when all is well), so the same
checks run on the project's own data (an adopting company's acceptance suite),
on fixtures and on a freshly adopted copy of the repository.
"""

from __future__ import annotations

import json
import re
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urljoin, urlsplit

from generator.model.org import OrgModel
from generator.site.searchindex import read_docs

# A chart as the generator marks it, left out of search and named for screen readers; the empty
# attribute is written bare by the theme, or as ="" when mermaid2 re-serialises the page.
CHART = re.compile(r'<div class="mermaid" data-search-exclude(?:="")? role="figure" aria-label="[^"]+"')
SECTION_ANCHORS = ["responsibilities", "requirements", "kpis", "collaboration", "escalation", "tools", "reporting-line", "onboarding", "first-weeks", "sources"]
"""Fixed anchors of a position page; they exist even when their section is empty, so old deep links land."""


class _Parsed(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.tags: list[tuple[str, dict]] = []
        self.ids: set[str] = set()
        self.title = ""
        """The text of <title>, as the browser shows it (character references decoded)."""
        self._in_title = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = dict(attrs)
        self.tags.append((tag, a))
        if a.get("id"):
            self.ids.add(a["id"] or "")
        self._in_title = tag == "title"

    def handle_endtag(self, tag: str) -> None:
        self._in_title = False

    def handle_data(self, data: str) -> None:
        if self._in_title:
            self.title += data

    def meta(self, key: str) -> str | None:
        """Return the content of the first <meta name|property=key>, decoded."""
        return next((a.get("content") for tag, a in self.tags if tag == "meta" and key in (a.get("name"), a.get("property"))), None)


def parse(path: Path) -> _Parsed:
    parser = _Parsed()
    parser.feed(path.read_text("utf-8"))
    return parser


def stable_pages(site: Path, model: OrgModel) -> list[str]:
    """Every position and department has its page at its fixed URL, with its fixed anchors and its title."""
    problems = []
    for pos in model.positions.values():
        page = site / "positions" / pos.id / "index.html"
        if not page.is_file():
            problems.append(f"no page for position {pos.id}")
            continue
        parsed = parse(page)
        missing = set(SECTION_ANCHORS) - parsed.ids
        if missing:
            problems.append(f"/positions/{pos.id}/: no anchor {sorted(missing)}")
        # Compared as the browser reads it: the theme writes " as &#34;, the generator as &quot;.
        if not parsed.title.startswith(f"{pos.title} - "):
            problems.append(f"/positions/{pos.id}/: title is not the position's ({parsed.title!r})")
    for dept in model.departments.values():
        page = site / "departments" / dept.id / "index.html"
        ids = parse(page).ids if page.is_file() else set()
        if not {"functions", "positions", "chart"} <= ids:
            problems.append(f"/departments/{dept.id}/: missing page or anchors")
    return problems


def onboarding_problems(site: Path, model: OrgModel) -> list[str]:
    """With plans, each position has its checklist at its fixed URL, one tick box per item with a key of its own,
    and /onboarding/ leads to every checklist; without them there are no checklists at all."""
    from generator.model.onboarding import CHECKABLE

    problems = []
    listing = site / "onboarding" / "index.html"
    if not model.has_onboarding:
        found = [p.relative_to(site).as_posix() for p in site.glob("positions/*/onboarding/index.html") if "http-equiv" not in p.read_text("utf-8")]
        return [f"a checklist without a plan: {p}" for p in found] + (["/onboarding/ without any plan"] if listing.exists() else [])
    listed = listing.read_text("utf-8") if listing.is_file() else ""
    for pos in model.positions.values():
        page = site / "positions" / pos.id / "onboarding" / "index.html"
        if not page.is_file():
            problems.append(f"no checklist for position {pos.id}")
            continue
        text = page.read_text("utf-8")
        keys = re.findall(r'<input type="checkbox" class="hb-tick" data-key="([0-9a-f]{12})">', text)
        wanted = sum(len(items) for stage in pos.onboarding for kind, items in stage.lists() if kind in CHECKABLE)
        if len(keys) != wanted or len(set(keys)) != len(keys):
            problems.append(f"/positions/{pos.id}/onboarding/: {len(keys)} tick boxes ({len(set(keys))} keys) for {wanted} items")
        if not {"contacts", *(s.id for s in pos.onboarding)} <= parse(page).ids:
            problems.append(f"/positions/{pos.id}/onboarding/: missing stage anchors")
        if f'href="../positions/{pos.id}/onboarding/"' not in listed:
            problems.append(f"/onboarding/ does not lead to the checklist of {pos.id}")
    return problems


def broken_links(site: Path) -> list[str]:
    """Every link and every anchor within the site resolves."""
    broken = []
    for page in site.rglob("*.html"):
        for _tag, attrs in parse(page).tags:
            for key in ("href", "src"):
                ref = attrs.get(key) or ""
                parts = urlsplit(ref)
                if not ref or parts.scheme or parts.netloc or ref.startswith(("#", "mailto:", "data:")):
                    continue
                base = site if parts.path.startswith("/") else page.parent  # 404.html links from the root
                target = (base / unquote(parts.path).lstrip("/")).resolve()
                if target.is_dir():
                    target = target / "index.html"
                if not target.exists():
                    broken.append(f"{page.relative_to(site)}: {ref}")
                elif parts.fragment and target.suffix == ".html" and parts.fragment not in parse(target).ids:
                    broken.append(f"{page.relative_to(site)}: {ref} (no anchor)")
    return broken


def external_loads(site: Path) -> list[str]:
    """Nothing a page loads comes from another host; a canonical link names the page's own published address."""
    problems = []
    for page in site.rglob("*.html"):
        for tag, attrs in parse(page).tags:
            if tag in ("script", "link", "img", "iframe", "source", "video", "audio") and attrs.get("rel") != "canonical":
                ref = attrs.get("src") or attrs.get("href") or ""
                if urlsplit(ref).netloc or ref.startswith("//"):
                    problems.append(f"{page.relative_to(site)}: {ref}")
        if "fonts.googleapis" in page.read_text("utf-8"):
            problems.append(f"{page.relative_to(site)}: Google Fonts")
    return problems


def unreachable_pages(site: Path, model: OrgModel) -> list[str]:
    """Every generated page can be reached by following the navigation from the home page (it is pruned to the open branch)."""
    urls: set[str] = set()
    queue = [""]
    while queue:
        url = queue.pop()
        for tag, a in parse(site / url / "index.html").tags:
            if tag == "a" and "md-nav__link" in (a.get("class") or ""):
                target = urlsplit(urljoin(f"http://site/{url}", a.get("href") or "")).path.lstrip("/")
                if target not in urls and (site / target / "index.html").exists():
                    urls.add(target)
                    queue.append(target)
    expected = {f"positions/{i}/" for i in model.positions} | {f"departments/{i}/" for i in model.departments}
    expected |= {f"plans/{i}/" for i in model.plans} | {"org-chart/", "positions/", "departments/"}
    expected |= {"about/"} if model.shows("about") else set()
    expected |= {"plans/"} if model.plans else set()
    expected |= {"glossary/"} if model.glossary else set()
    expected |= {"sources/"} if model.handbook.sources else set()
    expected |= {"onboarding/"} if model.has_onboarding else set()
    return sorted(expected - urls)


def known_words(model: OrgModel) -> list[str]:
    """Return every title, name and glossary spelling: what a reader types into search."""
    words = [w for p in model.positions.values() for w in (p.title, *p.other_titles)]
    words += [w for d in model.departments.values() for w in (d.name, *d.other_names)]
    return words + [s for t in model.glossary for s in t.spellings]


def index_problems(site: Path, model: OrgModel) -> list[str]:
    """The search index holds no diagram source, and every known Chinese word is a word of its own in it."""
    index = json.loads((site / "search" / "search_index.json").read_text("utf-8"))
    docs = read_docs(site / "search")
    texts = [doc["text"] for doc in docs]
    problems = [f"diagram source indexed in {doc['location']}" for doc in docs if "flowchart" in doc["text"] or "click p_" in doc["text"]]
    separator = re.compile(index["config"]["separator"])
    tokens = {tok for t in texts + [d["title"] for d in docs] for tok in separator.split(t) if tok}
    # One that contains others (售后客服 holds 售后 and 客服) is cut at their edges, so each is found.
    words = {w for w in known_words(model) if re.fullmatch(r"[\u4e00-\u9fff]{2,}", w)}
    for word in words:
        inner = {w for w in words if w != word and w in word}
        smallest = {w for w in inner if not any(v != w and v in w for v in inner)}
        if not ((smallest <= tokens) if inner else (word in tokens)):
            problems.append(f"{word} is not a search word of its own")
    return problems


def built_text(site: Path) -> dict[str, str]:
    """Return every text file of a built site (pages, search index, sitemap, 404 …) by path."""
    out = {}
    for path in site.rglob("*"):
        if path.is_file() and path.suffix in (".html", ".json", ".xml", ".txt", ".js") and "assets" not in path.relative_to(site).parts[:1]:
            out[path.relative_to(site).as_posix()] = path.read_text("utf-8", errors="replace")
    return out


class _Visible(HTMLParser):
    """Text a reader sees or hears: text outside scripts and styles, and shown or spoken attributes."""

    SHOWN = ("title", "alt", "aria-label", "placeholder", "content")

    def __init__(self) -> None:
        super().__init__()
        self.parts: list[str] = []
        self._hidden = 0
        self._chart: list[str] | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = dict(attrs)
        if tag in ("script", "style", "code"):  # code (paths, commands) is not words of a language
            self._hidden += 1
        if tag == "div" and "mermaid" in (a.get("class") or "").split():
            self._chart = []  # a chart's source: readers see only its box labels
        kind = a.get("name") or a.get("property") or ""
        if tag == "meta" and (not kind.startswith(("description", "og:", "twitter:")) or kind in ("og:url", "og:type", "og:locale", "twitter:card")):
            return  # link previews show titles and descriptions; URLs and types are not words
        self.parts += [a[k] or "" for k in self.SHOWN if a.get(k)]

    def handle_endtag(self, tag: str) -> None:
        if tag in ("script", "style", "code"):
            self._hidden = max(0, self._hidden - 1)
        if tag == "div" and self._chart is not None:
            self.parts += chart_labels("".join(self._chart))
            self._chart = None

    def handle_data(self, data: str) -> None:
        if self._chart is not None:
            self._chart.append(data)
        elif not self._hidden:
            self.parts.append(data)


_MERMAID_ENTITY = {"quot": '"', "lt": "<", "gt": ">", "amp": "&"}


def chart_labels(source: str) -> list[str]:
    """Return the text of every box of a Mermaid flowchart source, as the chart shows it."""
    out = []
    for label in re.findall(r'\["(.*?)"\]', source):
        label = re.sub(r"#(\d+|[a-z]+);", lambda m: chr(int(m.group(1))) if m.group(1).isdigit() else _MERMAID_ENTITY.get(m.group(1), m.group()), label)
        out += label.split("<br/>")
    return out


def page_text(path: Path) -> str:
    """Return what a reader sees of one page (text and shown attributes, character references decoded)."""
    parser = _Visible()
    parser.feed(path.read_text("utf-8"))
    return "\n".join(parser.parts)


def visible_text(site: Path) -> dict[str, str]:
    """Return what readers see of every page, and the titles and text of the search index, by path."""
    out = {}
    for path in site.rglob("*.html"):
        if "assets" in path.relative_to(site).parts[:1]:
            continue
        out[path.relative_to(site).as_posix()] = page_text(path)
    parser = _Visible()  # the index holds HTML too: what a result shows of it
    parser.feed("\n".join(f"<p>{d['title']}</p>{d['text']}" for d in read_docs(site / "search")).replace("\u200b", ""))
    out["search/search_index.json"] = "\n".join(parser.parts)
    return out
