"""Listing content: the SP-API Listings Items documents, the operator ``listings`` sheet and
the suppressed-listings report, recognised by their content and stored per SKU."""

from __future__ import annotations

import json
from pathlib import Path

from sqlalchemy import Engine, select

from sellerops.catalog.listing_models import ListingContent
from sellerops.catalog.models import Product
from sellerops.core.db import unit_of_work
from sellerops.ingest import templates
from sellerops.ingest.service import import_file
from tests.ingest.helpers import filled_in

LISTINGS = Path(__file__).resolve().parent.parent / "data" / "listings"


def contents(engine: Engine) -> dict[str, ListingContent]:
    with unit_of_work(engine) as session:
        rows = session.scalars(select(ListingContent)).all()
        session.expunge_all()
        return {c.sku: c for c in rows}


def test_a_get_listings_item_document_gives_content_issues_and_suppression(
    engine: Engine,
) -> None:
    outcome = import_file(
        engine=engine, path=LISTINGS / "listings_item_suppressed.json", store="Acme US"
    )

    assert outcome.status == "imported", outcome.error
    assert (outcome.report_type, outcome.marketplace, outcome.rows_inserted) == (
        "listings_item_json", "US", 1,
    )  # fmt: skip
    hose = contents(engine)["ACME-HOSE-50"]
    assert hose.title == "Acme Expandable Garden Hose 50 ft, Best Seller, Kills 99.9% of Germs"
    assert hose.bullets is not None and len(hose.bullets) == 3
    assert hose.bullets[0].startswith("50 FT EXPANDABLE")
    assert hose.description == "A hose that grows with water pressure."
    assert hose.image_count == 3  # main + other_1 + other_2
    assert hose.has_aplus is None  # the Listings Items API does not say
    assert (hose.asin, hose.product_type, hose.status) == ("B0CHOSE050", "HOSE", "BUYABLE")
    assert hose.suppressed is True  # SEARCH_SUPPRESSED enforcement, not exempt
    assert hose.missing_attributes == ["brand"]
    assert hose.issues is not None
    assert [i["severity"] for i in hose.issues] == ["ERROR", "ERROR", "WARNING"]
    assert hose.issues[0]["enforcements"] == ["SEARCH_SUPPRESSED"]
    with unit_of_work(engine) as session:
        product = session.scalars(select(Product).where(Product.sku == "ACME-HOSE-50")).one()
        assert product.asin == "B0CHOSE050"


def test_a_search_document_keeps_the_stores_marketplace_only(engine: Engine) -> None:
    outcome = import_file(
        engine=engine, path=LISTINGS / "listings_search.json", store="Acme US", marketplace="US"
    )

    assert outcome.status == "imported", outcome.error
    assert outcome.report_type == "listings_search_json"
    # the DE-only listing and the nozzle's DE listing are skipped
    assert (outcome.rows_inserted, outcome.rows_rejected) == (2, 2)
    found = contents(engine)
    assert set(found) == {"ACME-NOZZLE-8", "ACME-TEE-BLK-M"}
    nozzle = found["ACME-NOZZLE-8"]
    # the US title, not the German one; swatches are not images of the product
    assert nozzle.title == "Acme 8-Pattern Hose Nozzle, Heavy Duty Metal Spray Nozzle"
    assert (nozzle.image_count, len(nozzle.bullets or []), nozzle.suppressed) == (6, 5, False)
    assert nozzle.missing_attributes == []
    tee = found["ACME-TEE-BLK-M"]
    # a SHIRT needs size and material besides colour and department; Amazon says size too
    assert tee.missing_attributes == ["size", "material", "apparel_size"]
    assert (tee.image_count, tee.status) == (1, "BUYABLE DISCOVERABLE")


def test_importing_the_same_document_twice_changes_nothing(engine: Engine) -> None:
    path = LISTINGS / "listings_search.json"
    import_file(engine=engine, path=path, store="Acme US", marketplace="US")
    before = {k: (v.title, v.bullets, v.missing_attributes) for k, v in contents(engine).items()}
    again = import_file(engine=engine, path=path, store="Acme US", force=True)
    assert (again.rows_inserted, again.rows_updated) == (0, 2)
    after = {k: (v.title, v.bullets, v.missing_attributes) for k, v in contents(engine).items()}
    assert after == before


def test_a_document_with_a_bad_severity_names_where(engine: Engine, tmp_path: Path) -> None:
    doc = json.loads((LISTINGS / "listings_search.json").read_text())
    doc["items"][1]["issues"][0]["severity"] = "FATAL"
    path = tmp_path / "search.json"
    path.write_text(json.dumps(doc))

    outcome = import_file(engine=engine, path=path, store="Acme US", marketplace="US")

    assert outcome.status == "failed"
    assert "search.json" in (outcome.error or "")
    assert "items[1].issues[0].severity" in (outcome.error or "")
    assert "FATAL" in (outcome.error or "")
    assert contents(engine) == {}


def test_an_item_without_a_sku_is_an_error(engine: Engine, tmp_path: Path) -> None:
    doc = json.loads((LISTINGS / "listings_search.json").read_text())
    del doc["items"][0]["sku"]
    path = tmp_path / "search.json"
    path.write_text(json.dumps(doc))

    outcome = import_file(engine=engine, path=path, store="Acme US", marketplace="US")

    assert outcome.status == "failed"
    assert "items[0].sku" in (outcome.error or "")


def test_the_listings_sheet_in_english(engine: Engine) -> None:
    outcome = import_file(
        engine=engine, path=LISTINGS / "listings_en.csv", store="Acme US", marketplace="US"
    )

    assert outcome.status == "imported", outcome.error
    assert (outcome.report_type, outcome.rows_inserted, outcome.rows_rejected) == (
        "listing_sheet", 2, 1,
    )  # fmt: skip
    found = contents(engine)
    mat, bottle = found["ACME-MAT-60"], found["ACME-BOTTLE-1"]
    assert (mat.image_count, mat.has_aplus, mat.suppressed, len(mat.bullets or [])) == (
        7, True, False, 5,
    )  # fmt: skip
    # three bullets written as lines of one cell
    assert bottle.bullets == ["Keeps drinks cold for 24 hours", "Leak-proof lid", "BPA free"]
    assert (bottle.has_aplus, bottle.suppressed) == (False, None)
    assert bottle.missing_attributes == ["color", "size"]
    assert bottle.source == "listing_sheet"


def test_the_listings_sheet_in_chinese(engine: Engine) -> None:
    outcome = import_file(
        engine=engine, path=LISTINGS / "listings_zh.csv", store="Acme US", marketplace="US"
    )

    assert outcome.status == "imported", outcome.error
    found = contents(engine)
    lamp, removed = found["ACME-LAMP-1"], found["ACME-LAMP-2"]
    assert lamp.title == "Acme 护眼台灯 LED 三档调光"
    assert (lamp.has_aplus, lamp.suppressed, lamp.image_count) == (True, False, 6)
    assert removed.suppressed is True
    assert removed.issues is not None
    assert "power_source_type" in removed.issues[0]["message"]
    # the sheet has no asin column: what was stored stays
    assert removed.asin is None


def test_the_template_written_by_sellerops_imports_back(engine: Engine, tmp_path: Path) -> None:
    for lang in ("en", "zh"):
        path = filled_in(templates.write("listings", tmp_path / f"listings-{lang}.csv", lang))
        outcome = import_file(engine=engine, path=path, store="Acme US", marketplace="US")
        assert outcome.status == "imported", outcome.error
        assert outcome.report_type == "listing_sheet"
    hose = contents(engine)["HOSE-50-GRN"]
    assert (len(hose.bullets or []), hose.image_count, hose.has_aplus) == (5, 7, True)


def test_a_bad_yes_no_cell_names_the_file_line_and_column(engine: Engine, tmp_path: Path) -> None:
    path = tmp_path / "my listings.csv"
    path.write_text(
        "sku,title,bullet_1,aplus\nA-1,Acme Mat,Non-slip,yes\nA-2,Acme Bottle,Cold,maybe\n"
    )

    outcome = import_file(engine=engine, path=path, store="Acme US", marketplace="US")

    assert outcome.status == "failed"
    error = outcome.error or ""
    assert "my listings.csv" in error and "line 3" in error and "aplus" in error
    assert "maybe" in error
    assert contents(engine) == {}


def test_a_sku_listed_twice_in_the_sheet_is_an_error(engine: Engine, tmp_path: Path) -> None:
    path = tmp_path / "listings.csv"
    path.write_text("sku,title,bullet_1\nA-1,Acme Mat,Non-slip\nA-1,Acme Mat 2,Thick\n")

    outcome = import_file(engine=engine, path=path, store="Acme US", marketplace="US")

    assert outcome.status == "failed"
    assert "line 3" in (outcome.error or "") and "A-1" in (outcome.error or "")


def test_the_suppressed_listings_report(engine: Engine, tmp_path: Path) -> None:
    import_file(engine=engine, path=LISTINGS / "listings_en.csv", store="Acme US",
                marketplace="US")  # fmt: skip
    outcome = import_file(engine=engine, path=LISTINGS / "suppressed_listings.txt", store="Acme US")

    assert outcome.status == "imported", outcome.error
    assert (outcome.report_type, outcome.rows_read, outcome.rows_inserted) == (
        "suppressed_listings", 3, 2,
    )  # fmt: skip
    found = contents(engine)
    hose = found["ACME-HOSE-25"]
    assert (hose.suppressed, hose.status, hose.asin) == (True, "Search Suppressed", "B0CHOSE025")
    assert hose.missing_attributes == ["brand", "item_type_keyword"]
    assert hose.title is None  # the report's product name is not the listing's content
    assert found["ACME-REEL-1"].status == "Detail Page Removed"
    assert found["ACME-MAT-60"].title == "Acme Yoga Mat 6 mm Non-Slip"  # untouched

    # a later report without the reel: the reel is no longer suppressed
    later = tmp_path / "suppressed.txt"
    later.write_text("\n".join((LISTINGS / "suppressed_listings.txt").read_text().splitlines()[:3]))
    again = import_file(engine=engine, path=later, store="Acme US")
    assert again.status == "imported", again.error
    assert contents(engine)["ACME-REEL-1"].suppressed is False
    assert contents(engine)["ACME-HOSE-25"].suppressed is True
    assert any("no longer" in n for n in again.notes)


def test_the_listings_sheet_as_an_excel_workbook(engine: Engine, tmp_path: Path) -> None:
    from tests.ingest.workbooks import workbook

    path = tmp_path / "商品资料.xlsx"
    path.write_bytes(
        workbook({
            "说明": [["请在“商品”表中填写"]],
            "商品": [
                ["SKU", "标题", "五点描述1", "五点描述2", "图片数量", "A+页面", "存储类型"],
                ["ACME-TEE-1", "Acme Cotton Tee", "Soft cotton", "Crew neck", 4, "否", "服装"],
            ],
        })
    )  # fmt: skip

    outcome = import_file(engine=engine, path=path, store="Acme US", marketplace="US")

    assert outcome.status == "imported", outcome.error
    tee = contents(engine)["ACME-TEE-1"]
    assert (tee.bullets, tee.image_count, tee.has_aplus, tee.storage_type) == (
        ["Soft cotton", "Crew neck"], 4, False, "apparel",
    )  # fmt: skip


def test_a_document_with_summaries_only_leaves_the_sheets_content_alone(
    engine: Engine, tmp_path: Path
) -> None:
    sheet = tmp_path / "listings.csv"
    sheet.write_text("sku,title,bullet_1,bullet_2,image_count\n"
                     "ACME-NOZZLE-8,Acme Nozzle,Eight patterns,Metal body,7\n")  # fmt: skip
    import_file(engine=engine, path=sheet, store="Acme US", marketplace="US")
    doc = json.loads((LISTINGS / "listings_search.json").read_text())
    item = doc["items"][0]
    del item["attributes"], item["issues"]  # includedData=summaries (the API's default)
    path = tmp_path / "summaries.json"
    path.write_text(json.dumps({"numberOfResults": "1", "items": [item]}))

    outcome = import_file(engine=engine, path=path, store="Acme US")

    assert outcome.status == "imported", outcome.error
    nozzle = contents(engine)["ACME-NOZZLE-8"]
    assert nozzle.title == "Acme 8-Pattern Hose Nozzle"  # the summary's itemName
    assert (nozzle.bullets, nozzle.image_count) == (["Eight patterns", "Metal body"], 7)
    assert (nozzle.status, nozzle.suppressed, nozzle.asin) == (
        "BUYABLE DISCOVERABLE", False, "B0CNOZZ008",
    )  # fmt: skip
