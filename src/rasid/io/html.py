"""HTML page → (headline, article text), boilerplate stripped."""

from __future__ import annotations

import re

from bs4 import BeautifulSoup

__all__ = ["html_to_text"]

_DROP_TAGS = ("script", "style", "noscript", "nav", "header", "footer", "aside", "form",
              "iframe", "svg", "button", "select", "template")
_BOILER = re.compile(r"(comment|share|social|footer|header|menu|nav|sidebar|related|advert|banner|cookie)", re.I)
_BLOCKS = ("p", "h1", "h2", "h3", "h4", "li", "blockquote", "td", "pre")


def html_to_text(html: str) -> tuple[str, str]:
    """Extract the headline and the article body text from an HTML page.

    The body comes from ``<article>`` (or ``<main>``) when present, else from
    the element holding the most paragraph text. Scripts, styles, navigation
    and blocks whose class or id marks them as boilerplate are dropped.
    """
    soup = BeautifulSoup(html, "html.parser")
    for tag in soup(list(_DROP_TAGS)):
        tag.decompose()
    for tag in soup.find_all(attrs={"class": _BOILER}) + soup.find_all(attrs={"id": _BOILER}):
        if tag.name not in ("body", "html", "article", "main") and not tag.decomposed:
            tag.decompose()
    h1 = soup.find("h1")
    title_tag = soup.find("title")
    title = (h1.get_text(" ", strip=True) if h1 else "") or (title_tag.get_text(" ", strip=True) if title_tag else "")
    root = soup.find("article") or soup.find("main")
    if root is None:
        best, best_len = soup.body or soup, 0
        for cand in soup.find_all(["div", "section", "td"]):
            n = sum(len(p.get_text(strip=True)) for p in cand.find_all("p", recursive=False))
            if n > best_len:
                best, best_len = cand, n
        root = best
    lines: list[str] = []
    blocks = root.find_all(list(_BLOCKS))
    if blocks:
        for b in blocks:
            if b.find(list(_BLOCKS)):
                continue  # a container; its children are visited
            t = b.get_text(" ", strip=True)
            if t and t != title:
                lines.append(t)
    else:
        lines = [t.strip() for t in root.get_text("\n").split("\n") if t.strip()]
    return title, "\n".join(lines)
