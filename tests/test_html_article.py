"""HTML input is checked on the article body by default (issue 14, item 18): navigation, site
header and footer, asides, cookie banners, share and related blocks are page furniture; a switch
(--html page, config html = "page") checks everything; offsets stay exact; the HTML report shows
the extracted text, not the page's source."""

from __future__ import annotations

import json

import pytest

from qa.readers import from_bytes

PAGE = """<!DOCTYPE html><html><head><title>VRC</title></head><body>
<header class="site-header"><a href="/">Home of VRC news</a></header>
<div id="cookieConsent">We use cookies on VRC pages. <button>Accept</button></div>
<div class="breadcrumbs">World / VRC</div>
<article>
<header><h1>Trade talks resume</h1><p class="byline">By A. Writer</p></header>
<p>Officials from the VRC met on Monday &amp; agreed to talk again.</p>
<div class="share-tools">Share this VRC story</div>
<p>Exports grew by a fifth.</p>
<footer class="tags">Tags: VRC, trade</footer>
</article>
<aside><h2>Related</h2><p>More VRC news</p></aside>
<div class="related-stories"><p>VRC in pictures</p></div>
<div class="newsletter-signup">Get the VRC briefing</div>
<footer>Copyright VRC Media</footer>
</body></html>
"""


def read(html: str, scope: str):
    (src,) = from_bytes(html.encode(), "page.html", ".html", scope)
    return src


def test_article_body_only_by_default():
    src = read(PAGE, "article")
    assert "Trade talks resume" in src.text and "By A. Writer" in src.text  # the article's own header
    assert "Officials from the VRC met on Monday & agreed" in src.text and "Exports grew" in src.text
    for furniture in ("Home of", "cookies", "Accept", "World /", "Share this", "Tags:", "Related", "More VRC",
                      "in pictures", "briefing", "Copyright"):
        assert furniture not in src.text, furniture
    at = src.text.index("VRC")  # offsets stay exact in the file
    raw_start, raw_end = src.to_raw(at, at + 3)
    assert src.raw[raw_start:raw_end] == "VRC" and src.raw[raw_start - 18 : raw_start] == "Officials from the "[1:]


def test_page_scope_checks_every_visible_text():
    src = read(PAGE, "page")
    for text in ("Home of VRC news", "cookies", "Share this", "More VRC news", "Copyright VRC Media", "Trade talks"):
        assert text in src.text, text


def test_page_without_an_article_element_loses_only_furniture():
    html = (
        '<body><nav>Menu</nav><div class="social-share">Tweet</div><div class="content">'
        "<h1>Talks</h1><p>Ministers met.</p></div><div role=\"contentinfo\">Legal</div>"
        '<div class="shadow headline">Kept: not an ad</div></body>'
    )
    text = read(html, "article").text
    assert "Talks" in text and "Ministers met." in text and "Kept: not an ad" in text
    assert "Menu" not in text and "Tweet" not in text and "Legal" not in text


def test_suppression_comments_count_outside_the_article():
    html = "<!-- qa-disable FRN001 --><nav>x</nav><article><p>The VRC met.</p></article>"
    src = read(html, "article")
    assert [d.kind for d in src.meta["directives"]] == ["disable"]


@pytest.fixture
def page(tmp_path):
    (tmp_path / "page.html").write_text(PAGE, encoding="utf-8")
    return tmp_path


def _frn(qa, cwd, *args):
    p = qa("check", "--format", "json", "--no-cache", "--select", "FRN001", "--fail-on", "never", *args, "page.html", cwd=cwd)
    assert p.returncode == 0, p.err
    return len(json.loads(p.out)["files"][0]["findings"])


def test_switch_from_command_line_and_config(qa, page):
    assert _frn(qa, page) == 1
    assert _frn(qa, page, "--html", "page") == 10
    (page / ".qa.toml").write_text('html = "page"\n', encoding="utf-8")
    assert _frn(qa, page) == 10
    assert _frn(qa, page, "--html", "article") == 1


def test_html_report_shows_the_extracted_text(qa, page):
    p = qa("check", "--no-cache", "--fail-on", "never", "-f", "html", "page.html", cwd=page)
    text = p.out[p.out.index('<pre class="text">') : p.out.index("</pre>", p.out.index('<pre class="text">'))]
    assert "&lt;" not in text and "cookies" not in text
    assert "Trade talks resume" in text and ">VRC</mark> met on Monday &amp; agreed" in text
