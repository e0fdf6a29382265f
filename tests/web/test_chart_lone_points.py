"""A day between two gaps (Dec 2 after a Dec 1 without data) is a point a line cannot draw
(no neighbour to join): the charts give it a dot of its own. Runs app.js's helper in Node."""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

import pytest

APP_JS = Path(__file__).parents[2] / "src" / "sellerops" / "web" / "static" / "app.js"
NODE = shutil.which("node")

RUN = """
global.window = {};
global.document = { readyState: "loading", addEventListener: function () {} };
require(process.argv[1]);
process.stdout.write(JSON.stringify(window.sellerops.lonePoints(JSON.parse(process.argv[2]))));
"""


def _lone(values: list[float | None]) -> list[object]:
    done = subprocess.run([NODE or "node", "-e", RUN, str(APP_JS), json.dumps(values)],
                          capture_output=True, text=True, check=True, timeout=60)  # fmt: skip
    result: list[object] = json.loads(done.stdout)
    return result


@pytest.mark.skipif(NODE is None, reason="Node.js is not installed")
def test_a_point_with_no_neighbour_gets_a_marker() -> None:
    dot = {"symbol": "circle", "symbolSize": 5}
    marked = _lone([3.0, None, 5.0, None, 7.0, 8.0, None, 2.0])
    assert marked == [{"value": 3.0, **dot}, None, {"value": 5.0, **dot}, None, 7.0, 8.0, None,
                      {"value": 2.0, **dot}]  # fmt: skip
    assert _lone([1.0, 2.0, 3.0]) == [1.0, 2.0, 3.0]  # a line: drawn as before
    assert _lone([None, 0.0, None]) == [None, {"value": 0.0, **dot}, None]  # 0 is a value
