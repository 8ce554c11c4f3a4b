"""What every browser test checks the same way."""

from axe_playwright_python.sync_playwright import Axe


def assert_no_axe_violations(page) -> None:
    """axe runs as a script in the page, so call this only where JavaScript is on."""
    results = Axe().run(page)
    assert results.violations_count == 0, f"{page.url}\n{results.generate_report()}"
