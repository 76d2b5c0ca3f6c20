"""The shared pagination links (templates/includes/pagination.html)."""

from django.core.paginator import Paginator
from django.template.loader import render_to_string
from django.test import RequestFactory


def _render(query: str, number: int, **extra) -> str:
    request = RequestFactory().get("/netwerk/sociale-kaart/" + query)
    page = Paginator(list(range(100)), 10).page(number)
    return render_to_string("includes/pagination.html", {"page": page, **extra}, request=request)


def test_links_keep_filters_and_replace_the_page():
    html = _render("?type=wijkteam&q=noord&pagina=3", 3)
    assert 'href="?type=wijkteam&amp;q=noord&amp;pagina=2"' in html
    assert 'href="?type=wijkteam&amp;q=noord&amp;pagina=4"' in html
    assert "Pagina 3 van 10" in html


def test_first_and_last_page_have_one_link_and_a_single_page_has_none():
    assert "Vorige" not in _render("", 1) and "Volgende" in _render("", 1)
    assert "Volgende" not in _render("?pagina=10", 10)
    request = RequestFactory().get("/")
    single = Paginator([1, 2], 10).page(1)
    assert "<nav" not in render_to_string("includes/pagination.html", {"page": single}, request=request)


def test_anchor_and_label():
    html = _render("", 2, anchor="#afgesloten", label="Pagina’s afgesloten casussen")
    assert 'href="?pagina=3#afgesloten"' in html
    assert 'aria-label="Pagina’s afgesloten casussen"' in html
