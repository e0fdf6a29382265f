"""``sellerops finding assign ID --to EMAIL | --none``: give a finding to a user of its store."""

from __future__ import annotations

from typing import Annotated

import typer

from sellerops.cli.common import fail, open_engine, state
from sellerops.core import i18n

i18n.register_messages(
    {
        "finding.assigned": {
            "en": "Finding {id} assigned to {user}.",
            "zh": "事项 {id} 已分配给 {user}。",
        },
        "finding.unassigned": {
            "en": "Finding {id} is assigned to nobody now.",
            "zh": "事项 {id} 已取消分配。",
        },
        "finding.assign.choose": {
            "en": "Give either --to EMAIL or --none.",
            "zh": "请指定 --to 邮箱 或 --none（二选一）。",
        },
    }
)


#: The finding a command works on: the number the review shows as ``#12``.
FindingId = Annotated[int, typer.Argument(help="The finding's number (#ID in the review)")]


def finding_assign(
    finding_id: FindingId,
    to: Annotated[
        str | None, typer.Option("--to", help="Email of a user of the finding's store")
    ] = None,
    none: Annotated[bool, typer.Option("--none", help="Assign the finding to nobody")] = False,
) -> None:
    """Assign a finding to a user of its store (operator or above), or to nobody."""
    from sellerops.accounts.service import find_user
    from sellerops.core.db import unit_of_work
    from sellerops.daily import service as daily

    ctx = state.ctx()
    if (to is None) == (not none):  # neither or both
        fail(ctx, i18n.t("finding.assign.choose", ctx.lang), code=2)
    engine, _ = open_engine(ctx)
    email = None
    with unit_of_work(engine) as session:
        user_id = None
        if to is not None:
            user = find_user(session=session, email=to)
            if user is None:
                fail(ctx, i18n.t("finding.assign.no_user", ctx.lang, user=to))
            user_id, email = user.id, user.email
        try:
            daily.assign(session=session, finding_id=finding_id, user_id=user_id)
        except daily.UnknownFindingError as exc:
            fail(ctx, exc.text(ctx.lang))
        except daily.AssignError as exc:
            fail(ctx, exc.text(ctx.lang))
    if email is None:
        ctx.console.print(i18n.t("finding.unassigned", ctx.lang, id=finding_id))
    else:
        ctx.console.print(i18n.t("finding.assigned", ctx.lang, id=finding_id, user=email))
