from browser_support import missing_browser


def test_a_missing_driver_is_named_with_the_install_step() -> None:
    reason = missing_browser("/usr/bin/chromium", None)
    assert reason is not None
    assert "chromium-driver" in reason and "chromium and" not in reason
    assert "apt-get install chromium chromium-driver" in reason


def test_both_missing_are_named() -> None:
    assert missing_browser(None, None) == (
        "needs chromium and chromium-driver: apt-get install chromium chromium-driver"
    )


def test_nothing_missing_means_the_tests_run() -> None:
    assert missing_browser("/usr/bin/chromium", "/usr/bin/chromedriver") is None
