"""A Business Report from Seller Central in French or Italian (headers no source gives us
yet) is refused, and the refusal says the language is the cause and how to get a file
sellerops reads. The headers below are not copied from a real download (none was found):
they are the header words such a file is described with, enough to tell its language; no
column mapping is made of them."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import Engine

from sellerops.ingest.errors import localize
from sellerops.ingest.headers import interface_language
from sellerops.ingest.service import import_file

FRENCH = (
    "ASIN (parent),ASIN (enfant),Titre,Sessions – Total,Pages vues – Total,"
    "Pourcentage de l'offre vedette (Buy Box),Unités commandées,"
    "Chiffre d'affaires des produits commandés,Nombre total d'articles commandés"
)
ITALIAN = (
    "ASIN (padre),ASIN (figlio),Titolo,Sessioni - Totale,Visualizzazioni di pagina - Totale,"
    "Percentuale offerta in evidenza (Buy Box),Unità ordinate,Vendite prodotti ordinati,"
    "Numero totale di articoli ordinati"
)
ROW = 'B0PARENT01,B0CHILD001,Tuyau 15 m,"1 234","1 800",98%,321,"5 255,61 €",300'


@pytest.mark.parametrize(
    ("header", "market", "language", "zh"),
    [(FRENCH, "FR", "French", "法语"), (ITALIAN, "IT", "Italian", "意大利语")],
)
def test_the_refusal_names_the_language_and_the_way_out(
    engine: Engine, tmp_path: Path, header: str, market: str, language: str, zh: str
) -> None:
    path = tmp_path / f"BusinessReport_{market}_2026-11-20.csv"
    path.write_text(f"{header}\n{ROW}\n", encoding="utf-8")

    outcome = import_file(engine=engine, path=path)

    assert outcome.status == "failed"
    error = outcome.error or ""
    assert "Closest known report types: Business Report" in error
    assert (
        f"Its headers are in {language}: Business Reports from Seller Central in {language} "
        "are not known to sellerops yet; switch Seller Central's language to English (or "
        "Chinese, Japanese, German or Korean), download the report again and import that."
    ) in error
    text = localize(error, "zh")
    assert "最接近的报告类型：业务报告" in text
    assert (
        f"其表头是{zh}：sellerops 尚不认识{zh}界面的 Seller Central 业务报告；请把 Seller Central "
        "的语言切换为英语（或中文、日语、德语、韩语），重新下载报告后再导入。"
    ) in text
    assert "Its headers" not in text


def test_the_language_is_told_only_by_its_words() -> None:
    assert interface_language(FRENCH.split(",")) == "French"
    assert interface_language(ITALIAN.split(",")) == "Italian"
    english = "(Parent) ASIN,(Child) ASIN,Title,Sessions - Total,Page Views - Total,Units Ordered"
    german = (
        "(Übergeordnete) ASIN,Titel,Sitzungen – Summe,Seitenaufrufe – Summe,Bestellte Einheiten"
    )
    assert interface_language(english.split(",")) is None
    assert interface_language(german.split(",")) is None
    assert interface_language(["Sessions", "notes"]) is None  # too few words to tell


def test_a_spanish_file_is_refused_with_its_language_and_the_columns_it_lacks(
    engine: Engine, tmp_path: Path
) -> None:
    header = (
        "ASIN (parent),ASIN (child),Título,SKU,Sesiones: total,"
        "Porcentaje de ofertas destacadas (Buy Box),Unidades encargadas,"
        "Ventas de productos encargados"
    )
    path = tmp_path / "BusinessReport_ES_2026-11-20.csv"
    path.write_text(f'{header}\nB0PARENT01,B0CHILD001,Manguera,H-15,9,97%,3,"5,61 €"\n', "utf-8")

    outcome = import_file(engine=engine, path=path)

    error = outcome.error or ""
    assert "but lacks the columns" in error and "Its headers are in Spanish" in error
    text = localize(error, "zh")
    assert "缺少这些列" in text and "其表头是西班牙语" in text
