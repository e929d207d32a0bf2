"""`make screenshots`: full-page PNGs of every page of the demo, in English and Dutch, at 320 and 1280 px.

A demo server on a fresh database (the demo accounts, a synthetic cohort), two moments submitted by a learner so
that profiles show growth, then var/screenshots/<lang>-<width>-<page>.png for each page of tests/looks.py, to look
at: a green test suite does not see a chart without bars. `--docs` also writes the README's screenshots (docs/).

It lives with the tests because it is one: it shares the pages, the demo's preparation and the server with
tests/browser/test_looks.py, which measures what these pictures show.

    python -m tests.screenshots [--out DIR] [--only PAGE ...] [--docs] [--url http://127.0.0.1:8000]
"""

from __future__ import annotations

import argparse
import dataclasses
import os
import sys
import tempfile
import time
from pathlib import Path

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "tests.settings")

from tests.browser.conftest import CHROMIUM, CHROMIUM_ARGS
from tests.looks import BY_NAME, LOCALES, LOOKS, WIDTHS, open_look, prepare
from tests.servers import DemoServer

ROOT = Path(__file__).resolve().parent.parent
DOCS_WIDTH = 960  # the README's pictures: a desktop column, readable when GitHub scales them down

# The README's screenshots: (file, look, what to show, the most height to keep)
DOCS = (
    ("framework-browser.png", "framework-search", ".digicomp-browser", 1400),
    ("assessment-form.png", "assessment-short", ".digicomp-assessment", 1100),
    ("assessment-profile.png", "assessment-profile", ".digicomp-assessment .dc-profile", 1400),
    ("coverage-map.png", "course-lecturer", ".dc-coverage .dc-table-wrap", 2000),
    ("cohort.png", "cohort", "main", 1000),
)
PAD = 3  # px around the part: the workbench's frame around a block stays out
assert {look for _, look, _, _ in DOCS} <= set(BY_NAME), "a README screenshot names an unknown page"


def shoot(browser, base, states, out: Path, names) -> list[Path]:
    written = []
    for look in (BY_NAME[name] for name in names):
        for lang in LOCALES:
            for width in WIDTHS:
                page = open_look(browser, base, look, lang, width, states)
                path = out / f"{lang}-{width}-{look.name}.png"
                page.screenshot(path=str(path), full_page=True)
                page.context.close()
                written.append(path)
                print(path.relative_to(ROOT) if path.is_relative_to(ROOT) else path, flush=True)
    return written


def shoot_docs(browser, base, states, docs: Path) -> None:
    """The README's pictures: the part of the page each one is about, English, a desktop width."""
    for file, name, selector, most in DOCS:
        look = BY_NAME[name]
        if name == "course-lecturer":  # the map, not the open picker
            look = dataclasses.replace(look, ready=None)
        page = open_look(browser, base, look, "en", DOCS_WIDTH, states)
        page.evaluate("document.activeElement && document.activeElement.blur()")  # no focus ring in the picture
        box = page.locator(selector).first.evaluate(
            "el => { const r = el.getBoundingClientRect(); return {x: r.left + scrollX, y: r.top + scrollY,"
            " width: r.width, height: r.height}; }")
        pad = 0 if selector == "main" else PAD
        clip = {"x": max(0, box["x"] - pad), "y": max(0, box["y"] - pad), "width": box["width"] + 2 * pad,
                "height": min(box["height"] + 2 * pad, most)}
        page.screenshot(path=str(docs / file), full_page=True, clip=clip)
        page.context.close()
        print(docs.relative_to(ROOT) / file, flush=True)


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--out", type=Path, default=ROOT / "var" / "screenshots", help="folder of the PNGs")
    parser.add_argument("--only", action="append", choices=sorted(BY_NAME), help="only this page (repeatable)")
    parser.add_argument("--docs", action="store_true", help="also write the README's screenshots into docs/")
    parser.add_argument("--learners", type=int, default=200, help="size of the synthetic cohort (as `make demo`)")
    parser.add_argument("--url", help="use this running demo instead of a fresh one (it gets the same moments)")
    args = parser.parse_args(argv)
    if not Path(CHROMIUM).exists():
        print(f"Debian's chromium is needed ({CHROMIUM} not found): apt-get install chromium", file=sys.stderr)
        return 1
    from playwright.sync_api import sync_playwright

    args.out.mkdir(parents=True, exist_ok=True)
    started = time.monotonic()
    with tempfile.TemporaryDirectory(prefix="digicomp-screenshots-") as var:
        server = None
        if args.url:
            base = args.url.rstrip("/")
        else:
            server = DemoServer(Path(var), ["digicomp_demo_data", "--learners", str(args.learners)])
            base = server.start()
        try:
            with sync_playwright() as playwright:
                browser = playwright.chromium.launch(executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS)
                states = prepare(browser, base)
                written = shoot(browser, base, states, args.out, args.only or [look.name for look in LOOKS])
                if args.docs:
                    shoot_docs(browser, base, states, ROOT / "docs")
                browser.close()
        finally:
            if server:
                server.stop()
    print(f"{len(written)} screenshots in {args.out} ({time.monotonic() - started:.0f} s)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
