"""Whether the browser tests can run here, kept apart so its own test runs without a browser."""


def missing_browser(chromium: str | None, chromedriver: str | None) -> str | None:
    """Why the browser tests cannot run, naming the install step; None when they can."""
    missing = [
        package
        for package, path in (("chromium", chromium), ("chromium-driver", chromedriver))
        if path is None
    ]
    if not missing:
        return None
    return f"needs {' and '.join(missing)}: apt-get install chromium chromium-driver"
