#!/usr/bin/env python3
"""Arsip's command line: `python build.py [build|check|serve] [options]`; see `--help`."""

from arsip.commands.cli import run

if __name__ == "__main__":
    run()
