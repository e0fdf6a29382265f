"""Campaigns, ad groups and targets of a bulk-loaded ads report, placed with set operations.

The same outcome as ``ads.service.Structure`` fed the distinct keys one by one (found by
natural key or created; every field the report knows set, later rows winning, nothing the
report does not know blanked), with a few statements per level instead of one ORM object per
parent: new parents in one ``executemany`` INSERT and one SELECT of their ids, known ones
in one ``executemany`` UPDATE per set of columns.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from sqlalchemy import Table, bindparam, insert, select, update
from sqlalchemy.orm import Session
from sqlalchemy.sql.schema import CallableColumnDefault, ScalarElementColumnDefault

from sellerops.ads import service as ads
from sellerops.ads.models import NAME, TEXT, AdCampaign, AdGroup, AdTarget

Key = tuple[Any, ...]


def _table(model: Any) -> Table:
    table: Table = model.__table__
    return table


#: As ``ads_reports._NO_PORTFOLIO`` (not imported: that module imports this one's user).
_NO_PORTFOLIO = frozenset({"", "-", "not grouped", "no portfolio", "未分组", "无广告组合"})


class Placer:
    """One store's parents for one import batch."""

    def __init__(self, session: Session, store_id: int, batch_id: int) -> None:
        self.session, self.store_id, self.batch_id = session, store_id, batch_id
        #: per table: natural key -> id, and what the row holds (as read, then as this
        #: import last wrote it): a parent is written only if the rows say something new
        self._ids: dict[str, dict[Key, int]] = {}
        self._written: dict[str, dict[Key, dict[str, Any]]] = {}
        #: per table: the highest id this import has read back of the rows it created
        self._made: dict[str, int] = {}
        self._target_keys: dict[tuple[int, str, str], Key] = {}

    def campaigns(self, infos: Iterable[dict[str, Any]]) -> list[int]:
        """Rows with the report's campaign fields -> campaign ids (in the same order)."""
        keys: list[Key] = []
        folded: dict[Key, dict[str, Any]] = {}
        for row in infos:
            key = (row["ad_product"], ads.name_key(row["campaign"], NAME))
            keys.append(key)
            _fold(folded.setdefault(key, {}), _campaign_fields(row))
        ids = self._place(_table(AdCampaign), ("ad_product", "name_key"), folded)
        return [ids[k] for k in keys]

    def groups(self, infos: Iterable[tuple[int, str]]) -> list[int]:
        """(campaign id, ad group name) -> ad group ids."""
        keys: list[Key] = []
        folded: dict[Key, dict[str, Any]] = {}
        for campaign_id, name in infos:
            key = (campaign_id, ads.name_key(name, NAME))
            keys.append(key)
            _fold(folded.setdefault(key, {}), {"name": name.strip()[:NAME]})
        ids = self._place(_table(AdGroup), ("campaign_id", "name_key"), folded)
        return [ids[k] for k in keys]

    def targets(self, infos: Iterable[tuple[int, int, str, str]]) -> list[int]:
        """(campaign id, ad group id, targeting text, match type) -> target ids."""
        table, key_names = _table(AdTarget), ("ad_group_id", "match_type", "text_key")
        known = self._known(table, key_names)
        keys: list[Key] = []
        folded: dict[Key, dict[str, Any]] = {}
        firsts: dict[Key, tuple[int, str, str]] = {}
        for campaign_id, group_id, text, match in infos:
            key = self._target_keys.get((group_id, match, text))
            if key is None:  # texts repeat from chunk to chunk: normalise each once
                key = (group_id, match, ads.name_key(text))
                self._target_keys[(group_id, match, text)] = key
            keys.append(key)
            folded[key] = {"text": text.strip()[:TEXT], "negative": False}
            firsts.setdefault(key, (campaign_id, text, match))
        created = {
            k: {"campaign_id": c, "kind": ads.target_kind(text, match)}
            for k, (c, text, match) in firsts.items()
            if k not in known
        }
        ids = self._place(table, key_names, folded, created)
        return [ids[k] for k in keys]

    def _known(self, table: Table, key: tuple[str, ...]) -> dict[Key, int]:
        """The table's rows of the store: natural key -> id (read once per import, with
        what each row holds: a parent the file says nothing new about is not rewritten)."""
        ids = self._ids.get(table.name)
        if ids is None:
            ids = self._ids[table.name] = {}
            written = self._written.setdefault(table.name, {})
            found = self.session.execute(select(table).where(table.c.store_id == self.store_id))
            for row in found.mappings():
                natural = tuple(row[k] for k in key)
                ids[natural] = row["id"]
                written[natural] = dict(row)
        return ids

    def _place(
        self,
        table: Table,
        key: tuple[str, ...],
        folded: dict[tuple[Any, ...], dict[str, Any]],
        created: dict[tuple[Any, ...], dict[str, Any]] | None = None,
    ) -> dict[tuple[Any, ...], int]:
        ids = self._known(table, key)
        written = self._written.setdefault(table.name, {})
        new = {k: None for k in folded if k not in ids}
        if new:
            rows = [
                {
                    "store_id": self.store_id,
                    "import_batch_id": self.batch_id,
                    **dict(zip(key, k, strict=True)),
                    **(created or {}).get(k, {}),
                    **folded[k],
                }
                for k in new
            ]
            connection = self.session.connection()
            for columns, part in _by_columns(rows):
                if connection.dialect.name == "postgresql":
                    _copy(connection, table, columns, part)
                else:
                    connection.execute(insert(table), part)  # executemany, no id per row
            # The new rows' ids by natural key: only this import writes rows of its batch,
            # and ids grow (an earlier call's rows are not read again).
            made = connection.execute(
                select(table.c.id, *[table.c[k] for k in key]).where(
                    table.c.store_id == self.store_id,
                    table.c.import_batch_id == self.batch_id,
                    table.c.id > self._made.get(table.name, 0),
                )
            )
            for row in made:
                ids[tuple(row[1:])] = row[0]
                self._made[table.name] = max(self._made.get(table.name, 0), row[0])
        known = [{"_id": ids[k], "import_batch_id": self.batch_id, **folded[k]}
                 for k in folded if k not in new and _news(written.get(k), folded[k])]  # fmt: skip
        for k in folded:
            written.setdefault(k, {}).update(folded[k])
        for columns, part in _by_columns(known):
            change = (
                update(table)
                .where(table.c.id == bindparam("_id"))
                .values({c: bindparam(c) for c in columns if c != "_id"})
            )
            self.session.connection().execute(change, part)
        return ids


def _copy(
    connection: Any, table: Table, columns: tuple[str, ...], rows: list[dict[str, Any]]
) -> None:
    """PostgreSQL: new rows COPied in (one statement per row costs a round trip each), with
    the Python-side defaults an ORM insert would have given the columns they leave out."""
    defaults: dict[str, Any] = {}
    for column in table.columns:
        default = column.default
        if column.name in columns or default is None:
            continue
        if isinstance(default, CallableColumnDefault):
            defaults[column.name] = default.arg(None)  # type: ignore[arg-type]
        elif isinstance(default, ScalarElementColumnDefault):
            defaults[column.name] = default.arg
        else:  # a SQL expression or a sequence: not a value Python can give
            raise TypeError(f"{table.name}.{column.name}: {type(default).__name__}")
    names = [*columns, *defaults]
    quoted = ", ".join(f'"{n}"' for n in names)
    cursor = connection.connection.driver_connection.cursor()
    with cursor.copy(f'COPY "{table.name}" ({quoted}) FROM STDIN') as copy:
        for row in rows:
            copy.write_row([*(row[c] for c in columns), *defaults.values()])


def _news(before: dict[str, Any] | None, now: dict[str, Any]) -> bool:
    """Whether ``now`` sets something this import has not written yet."""
    return before is None or any(before.get(k, _UNSET) != v for k, v in now.items())


_UNSET = object()


def _fold(into: dict[str, Any], fields: dict[str, Any]) -> None:
    """What a later row knows overrides; what it does not know (None) keeps the earlier."""
    for name, value in fields.items():
        if value is not None:
            into[name] = value


def _by_columns(rows: list[dict[str, Any]]) -> list[tuple[tuple[str, ...], list[dict[str, Any]]]]:
    """Rows grouped by the columns they set (an executemany needs one shape)."""
    groups: dict[tuple[str, ...], list[dict[str, Any]]] = {}
    for row in rows:
        groups.setdefault(tuple(sorted(row)), []).append(row)
    return list(groups.items())


def _campaign_fields(row: dict[str, Any]) -> dict[str, Any]:
    """What ``ads_reports._campaign`` tells ``Structure.campaign`` about a campaign."""
    portfolio = row["portfolio"]
    return {
        "name": row["campaign"].strip()[:NAME],
        "portfolio": None if ads.name_key(portfolio or "") in _NO_PORTFOLIO else portfolio,
        "currency": row["currency"],
        "state": ads.state(row.get("status")),
        "targeting_type": (row.get("targeting_type") or "").casefold() or None,
        "bidding_strategy": row.get("bidding_strategy"),
        "daily_budget": row.get("budget"),
    }
