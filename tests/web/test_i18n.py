"""Every text on a page goes through i18n, exists in both languages, and renders in Chinese."""

from __future__ import annotations

import re
import string
from html.parser import HTMLParser
from pathlib import Path

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient

from sellerops.accounts.models import ROLES
from sellerops.core import i18n
from sellerops.daily.finding import MODULES, SEVERITIES
from sellerops.daily.service import STATUSES
from sellerops.web.inventory_views import COLUMNS
from sellerops.web.rendering import TEMPLATES_DIR
from tests.web.conftest import sign_in
from tests.web.world import World

TEMPLATES = sorted(TEMPLATES_DIR.glob("*.html"))
#: Attributes a person reads (or a screen reader reads out).
READ_ATTRIBUTES = {"title", "placeholder", "alt", "aria-label", "label"}
#: Characters that may stand between expressions: punctuation, arrows, separators.
ALLOWED = set(string.punctuation) | set(string.whitespace) | set("·–—→←↑↓×…")
STATEMENT = re.compile(r"{#.*?#}|{%.*?%}", re.S)
EXPRESSION = re.compile(r"{{.*?}}", re.S)
KEY_CALL = re.compile(r"""\b_\(\s*["']([\w.]+)["']""")
#: Keys built in a template (``_("role." ~ role)``): every value they can take.
DYNAMIC = {
    "role.": ROLES,
    "severity.": SEVERITIES,
    "status.": STATUSES,
    "web.module.": MODULES,
    "web.imports.status.": ("imported", "skipped_duplicate", "failed"),
    "web.restock.col.": COLUMNS,
    "web.restock.method.": ("smooth", "intermittent", "new", "none"),
}


class LiteralText(HTMLParser):
    """Collects text a person would read that is not produced by a Jinja expression."""

    def __init__(self) -> None:
        super().__init__()
        self.found: list[str] = []
        self._skip = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in ("script", "style"):
            self._skip += 1
        for name, value in attrs:
            if name in READ_ATTRIBUTES and value and self._words(value):
                self.found.append(f'{tag}[{name}="{value}"]')

    def handle_endtag(self, tag: str) -> None:
        if tag in ("script", "style"):
            self._skip -= 1

    def handle_data(self, data: str) -> None:
        if not self._skip and self._words(data):
            self.found.append(data.replace("\x00", "").strip())

    @staticmethod
    def _words(text: str) -> bool:
        return any(ch not in ALLOWED and ch != "\x00" for ch in text)


def literal_text(template: Path) -> list[str]:
    source = template.read_text(encoding="utf-8")
    source = EXPRESSION.sub("\x00", STATEMENT.sub("", source))
    parser = LiteralText()
    parser.feed(source)
    return parser.found


@pytest.mark.parametrize("template", TEMPLATES, ids=lambda p: p.name)
def test_templates_have_no_literal_text_outside_the_i18n_function(template: Path) -> None:
    assert literal_text(template) == []


def test_the_scanner_catches_literal_text(tmp_path: Path) -> None:
    sample = tmp_path / "sample.html"
    sample.write_text('<p>{{ _("x") }} Save</p><input placeholder="Email"><b>{{ a }} · #</b>')
    assert literal_text(sample) == ["Save", 'input[placeholder="Email"]']


@pytest.mark.parametrize("template", TEMPLATES, ids=lambda p: p.name)
def test_every_message_a_template_names_exists_in_both_languages(template: Path) -> None:
    keys: list[str] = []
    for key in KEY_CALL.findall(template.read_text(encoding="utf-8")):
        keys += [key + v for v in DYNAMIC[key]] if key.endswith(".") else [key]
    missing = [k for k in keys if not i18n.has_message(k)]
    assert missing == []


def test_register_messages_refuses_a_message_missing_a_language() -> None:
    with pytest.raises(ValueError, match="lacks"):
        i18n.register_messages({"web.test.only_english": {"en": "Hello"}})


def _pages(client: TestClient, world: World) -> dict[str, str]:
    return {
        "today": client.get(f"/stores/{world.store_a}/today").text,
        "account": client.get("/account").text,
        "imports": client.get(f"/stores/{world.store_a}/imports").text,
        "products": client.get(f"/stores/{world.store_a}/products").text,
        "product": client.get(
            f"/stores/{world.store_a}/products/{world.products[world.store_a][0]}"
        ).text,
        "restock": client.get(f"/stores/{world.store_a}/restock").text,
        "not found": client.get("/stores/9999/today").text,
    }


UNTRANSLATED = re.compile(
    r">\s*(?:web|review|severity|status|role|evidence)\.[a-z_.]+\s*<|"
    r"\b(?:web|role|severity|status)\.[a-z_]+\.?[a-z_]*\b"
)


def test_pages_in_chinese_have_no_untranslated_keys(
    app: FastAPI, client: TestClient, world: World
) -> None:
    csrf = sign_in(client, app, world.users["operator"])
    assert client.post("/account/lang", data={"lang": "zh", "csrf_token": csrf}).status_code == 303
    pages = _pages(client, world)
    assert "每日复盘" in pages["today"] and "待处理事项" in pages["today"]
    assert "确认" in pages["today"] and "可售库存" in pages["today"]
    assert "API 令牌" in pages["account"]
    assert "页面不存在" in pages["not found"]
    for name, html in pages.items():
        assert UNTRANSLATED.findall(html) == [], name


def test_money_and_dates_follow_the_language(
    app: FastAPI, client: TestClient, world: World
) -> None:
    csrf = sign_in(client, app, world.users["operator"])
    english = client.get(f"/stores/{world.store_a}/today").text
    client.post("/account/lang", data={"lang": "zh", "csrf_token": csrf})
    chinese = client.get(f"/stores/{world.store_a}/today").text
    assert "Nov 20, 2026" in english and "$60.00" in english
    assert "2026年11月20日" in chinese and "US$60.00" in chinese
