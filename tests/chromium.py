"""Where Debian's Chromium is (installed by scripts/install-browser.sh) and the flags it runs with here:
the browser tests and `make bench` launch it through Playwright with these."""

CHROMIUM = "/usr/bin/chromium"  # Debian's, installed by scripts/install-browser.sh
FLAGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
