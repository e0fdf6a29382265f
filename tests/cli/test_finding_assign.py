"""``sellerops finding assign ID --to EMAIL | --none`` and the assignee in ``review --json``."""

from __future__ import annotations

import json

from sqlalchemy import select
from typer.testing import CliRunner

from sellerops.accounts import service as accounts
from sellerops.accounts.models import User
from sellerops.cli import app
from sellerops.core.db import make_engine, unit_of_work
from sellerops.daily import service as daily
from sellerops.daily.models import FindingRow
from tests.factories import AS_OF
from tests.web.world import problem_store

runner = CliRunner()


def _world(db_url: str) -> int:
    """Two stores with findings; ana operates Acme, bob only views it, cy works for Beta."""
    engine = make_engine(db_url)
    with unit_of_work(engine) as s:
        acme, beta = problem_store(s, "Acme US"), problem_store(s, "Beta US")
        finding = daily.run_review(session=s, store=acme, as_of=AS_OF).items[0].id
        for email, store, role in (
            ("ana@example.com", acme, "operator"),
            ("bob@example.com", acme, "viewer"),
            ("cy@example.com", beta, "manager"),
        ):
            user = User(email=email, display_name=email[:3], password_hash="-")
            s.add(user)
            s.flush()
            accounts.grant(session=s, user=user, store=store, role=role)
    engine.dispose()
    return finding


def _assignee(db_url: str, finding: int) -> str | None:
    engine = make_engine(db_url)
    with unit_of_work(engine) as s:
        row = s.get(FindingRow, finding)
        assert row is not None
        email = (
            s.scalar(select(User.email).where(User.id == row.assignee_id))
            if row.assignee_id
            else None
        )
    engine.dispose()
    return email


def assign(db_url: str, *args: str, lang: str = "en") -> tuple[int, str, str]:
    result = runner.invoke(
        app, ["--lang", lang, "finding", "assign", *args], env={"SELLEROPS_DATABASE_URL": db_url}
    )
    return result.exit_code, result.stdout, result.stderr


def review_json(db_url: str) -> dict[int, str | None]:
    result = runner.invoke(
        app,
        ["review", "--json", "--store", "Acme US", "--date", AS_OF.isoformat()],
        env={"SELLEROPS_DATABASE_URL": db_url},
    )
    assert result.exit_code == 0, result.stderr
    return {f["id"]: f["assignee"] for f in json.loads(result.stdout)["findings"]}


def test_assign_and_unassign_from_the_command_line(db_url: str) -> None:
    finding = _world(db_url)
    assert set(review_json(db_url).values()) == {None}
    code, out, err = assign(db_url, str(finding), "--to", "ANA@example.com")
    assert code == 0, err
    assert f"Finding {finding} assigned to ana@example.com" in out
    assert _assignee(db_url, finding) == "ana@example.com"
    assert review_json(db_url)[finding] == "ana@example.com"  # the re-run keeps it
    code, out, err = assign(db_url, str(finding), "--none")
    assert code == 0 and "nobody" in out
    assert _assignee(db_url, finding) is None
    assert review_json(db_url)[finding] is None


def test_refusals_name_the_reason_and_change_nothing(db_url: str) -> None:
    finding = _world(db_url)
    assign(db_url, str(finding), "--to", "ana@example.com")
    cases = [
        (("--to", "cy@example.com"), "no access to store Acme US"),
        (("--to", "bob@example.com"), "only a viewer"),
        (("--to", "zed@example.com"), "no user zed@example.com"),
        (("--to", "ana@example.com", "--none"), "either --to EMAIL or --none"),
        ((), "either --to EMAIL or --none"),
    ]
    for args, reason in cases:
        code, _, err = assign(db_url, str(finding), *args)
        assert code != 0 and reason in " ".join(err.split()), (args, err)
    code, _, err = assign(db_url, "999999", "--to", "ana@example.com")
    assert code == 1 and "There is no finding 999999." in err
    assert _assignee(db_url, finding) == "ana@example.com"
    code, _, err = assign(db_url, str(finding), "--to", "cy@example.com", lang="zh")
    assert code == 1 and "无权访问店铺" in err
