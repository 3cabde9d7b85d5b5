#!/usr/bin/env python3
"""Arsip's command line: `python build.py [build|check|serve] [options]`; see `--help`."""

import sys

from arsip.commands.cli import main

if __name__ == "__main__":
    sys.exit(main())
