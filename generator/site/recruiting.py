"""Recruiting: the plain-text job description, schema.org JobPosting data and QR codes (which openings are current: generator/model/openings.py).

Everything a recruiter takes out of the handbook (the text pasted into job boards, the
QR code printed on a poster, the data job search engines read) is made from the public
view of a position, whichever site is being built: a job description is read outside
the company even when it is copied from the intranet.
"""

from __future__ import annotations

import functools
import io
from dataclasses import dataclass

import segno

from ..catalogue import Catalogue
from ..escape import html_text, plain_text
from ..model.audience import public_view
from ..model.org import OrgModel
from ..model.records import Opening, Position
from ..urls import absolute

SCHEMA_TYPES = {"full-time": "FULL_TIME", "part-time": "PART_TIME", "intern": "INTERN", "contract": "CONTRACTOR", "temporary": "TEMPORARY"}
"""schema.org employmentType of each opening type."""


@dataclass(frozen=True)
class Recruiting:
    """What a site's pages need for recruiting; built once per build by ``prepare``."""

    public: OrgModel
    """The public view of the (current) model: every job description is made from it."""
    base_url: str
    """Address the QR codes and job descriptions point at ('' when no site address is known)."""
    text: Catalogue

    def url(self, pos: Position) -> str:
        """Return the published address of a position's page, or '' when it has none to share."""
        return absolute(self.base_url, "position", pos.id) if self.base_url and pos.id in self.public.positions else ""

    def shown(self, pos: Position) -> Position | None:
        """Return the position as a job description may show it (None: it has no public job description)."""
        return self.public.positions.get(pos.id)

    def opening_line(self, o: Opening) -> str:
        """Return one opening as plain text: where, what kind, how many, pay, dates."""
        t = self.text.text
        parts = [self.place(o), t(f"opening.type.{o.type}"), t("opening.count", n=o.count)]
        if o.salary:
            parts.append(self.salary(o))
        parts.append(t("opening.dates", posted=o.posted, valid_through=o.valid_through))
        return t("opening.parts_sep").join(plain_text(p) for p in parts)

    def place(self, o: Opening) -> str:
        t = self.text.text
        country = o.country or self.public.handbook.country
        place = f"{o.location} ({country})" if country else o.location
        return t("opening.remote", location=place) if o.remote else place

    def salary(self, o: Opening) -> str:
        s = o.salary
        assert s is not None
        t = self.text.text
        low = _amount(s.min)
        amount = t("opening.salary_range", min=low, max=_amount(s.max)) if s.max is not None and s.max != s.min else low
        return t("opening.salary", amount=amount, currency=s.currency, unit=t(f"opening.per.{s.unit}"))

    def apply_lines(self, o: Opening) -> list[str]:
        t = self.text.text
        return [
            t(f"opening.apply_{kind}", value=value)
            for kind, value in (("text", o.apply_text), ("email", o.apply_email), ("url", o.apply_url))
            if value
        ]

    def jd_text(self, pos: Position) -> str:
        """Return the plain-text job description for job-board forms: no Markdown, nothing internal, items numbered 1、2、…"""
        shown = self.shown(pos)
        if shown is None:
            return ""
        t = self.text.text
        model = self.public
        lines = [plain_text(shown.title), t("jd.department", name=plain_text(model.departments[shown.department].name))]
        if "level" not in shown.hidden:
            lines.append(t("jd.level", name=plain_text(model.level_name(shown.level))))
        if shown.summary:
            lines += ["", t("jd.summary"), plain_text(shown.summary)]
        for key, items in (("section.responsibilities", shown.responsibilities), ("section.requirements", shown.requirements)):
            if items:
                lines += ["", t(key)] + [t("jd.item", n=i, text=plain_text(item)) for i, item in enumerate(items, 1)]
        if shown.openings:
            lines += ["", t("section.openings")]
            for o in shown.openings:
                lines.append(t("jd.bullet", text=self.opening_line(o)))
                lines += [t("jd.detail", text=plain_text(line)) for line in self.apply_lines(o)]
                if o.note:
                    lines.append(t("jd.detail", text=plain_text(o.note)))
        url = self.url(shown)
        if url:
            lines += ["", t("jd.url", url=url)]
        return "\n".join(lines) + "\n"

    def qr_svg(self, pos: Position) -> str:
        """Return an SVG QR code of the position's published address ('' without one)."""
        url = self.url(pos)
        return qr_svg(url) if url else ""

    def postings(self, pos: Position) -> list[dict]:
        """Return a schema.org JobPosting per current opening, every value one the page shows."""
        shown = self.shown(pos)
        if shown is None:
            return []
        model = self.public
        org: dict = {"@type": "Organization", "name": model.handbook.organization}
        if model.handbook.organization_url:
            org["sameAs"] = model.handbook.organization_url
        description = self._description_html(shown)
        out = []
        for o in shown.openings:
            posting: dict = {
                "@context": "https://schema.org",
                "@type": "JobPosting",
                "title": shown.title,
                "description": description,
                "datePosted": o.posted,
                "validThrough": o.valid_through,
                "employmentType": SCHEMA_TYPES[o.type],
                "hiringOrganization": org,
                "totalJobOpenings": o.count,
            }
            country = o.country or model.handbook.country
            if o.remote:
                posting["jobLocationType"] = "TELECOMMUTE"
                posting["applicantLocationRequirements"] = {"@type": "Country", "name": country or o.location}
            address: dict = {"@type": "PostalAddress", "addressLocality": o.location}
            if country:
                address["addressCountry"] = country
            posting["jobLocation"] = {"@type": "Place", "address": address}
            if o.salary:
                value: dict = {"@type": "QuantitativeValue", "unitText": o.salary.unit.upper()}
                if o.salary.max is not None and o.salary.max != o.salary.min:
                    value.update(minValue=o.salary.min, maxValue=o.salary.max)
                else:
                    value["value"] = o.salary.min
                posting["baseSalary"] = {"@type": "MonetaryAmount", "currency": o.salary.currency, "value": value}
            url = self.url(shown)
            if url:
                posting["url"] = url
            out.append(posting)
        return out

    def _description_html(self, pos: Position) -> str:
        # JobPosting.description is HTML; each piece is escaped as HTML text here, and the whole
        # JSON for a <script> element by escape.script_json.
        t = self.text.text
        parts = [f"<p>{html_text(pos.summary)}</p>"] if pos.summary else []
        for key, items in (("section.responsibilities", pos.responsibilities), ("section.requirements", pos.requirements)):
            if items:
                parts.append(f"<p>{html_text(t(key))}</p><ol>{''.join(f'<li>{html_text(i)}</li>' for i in items)}</ol>")
        return "".join(parts)

    def openings_by_department(self, model: OrgModel) -> list[tuple[str, list[Position]]]:
        """Return (department id, positions with current openings) in the site's department order."""
        out = []
        for _, dept in model.walk_departments():
            hiring = [p for p in model.members(dept.id) if p.openings]
            if hiring:
                out.append((dept.id, hiring))
        return out


@functools.lru_cache(maxsize=65_536)
def qr_svg(url: str) -> str:
    """Return an SVG QR code of ``url``. Kept per address for the life of the process: encoding one takes
    segno about 7 ms, every regeneration needs them all, and make serve regenerates on every saved edit."""
    out = io.BytesIO()
    # Medium error correction survives a poster's print and a phone camera's glare; the quiet zone is the standard four modules.
    code = segno.make(url, error="m", micro=False)
    code.save(out, kind="svg", xmldecl=False, svgns=True, scale=4, border=4, nl=False, omitsize=True, svgclass=None, lineclass=None)
    # A viewBox lets the code scale to any size; width and height give the file opened on its own a size too.
    width, height = code.symbol_size(scale=4, border=4)
    return out.getvalue().decode("ascii").replace("<svg ", f'<svg width="{width}" height="{height}" ', 1)


def _amount(value: float) -> str:
    return f"{value:,.0f}" if value == int(value) else f"{value:,.2f}"


def prepare(model: OrgModel, text: Catalogue, site_url: str = "", public_url: str = "") -> Recruiting:
    """Return the recruiting view of ``model`` (the internal, current model). Job descriptions lead to the
    public site where it has an address, else to this site's own address."""
    base = (public_url or site_url) if model.audience == "internal" else site_url
    if base and not base.endswith("/"):
        base += "/"
    source = model if model.audience == "public" else public_view(model)
    return Recruiting(public=source, base_url=base, text=text)
