"""A progress bar with the time left, for the long commands (import_replies, rebuild_search_index).

Drawn by tqdm on stderr, and only when stderr is a terminal: in tests, logs, cron mails and pipes the
commands print what they printed before, and no line of carriage returns.
"""

import sys

from tqdm import tqdm

_FORMAT = "{desc} {percentage:3.0f}%|{bar}| {n_fmt}/{total_fmt} {unit} [已用 {elapsed}，约剩 {remaining}]"


def progress_bar(total: int, *, description: str, unit: str) -> tqdm:
    """A bar to ``update(n)`` as work is done; a silent one unless stderr is a terminal."""
    return tqdm(total=total, desc=description, unit=unit, bar_format=_FORMAT, file=sys.stderr,
                disable=not sys.stderr.isatty(), dynamic_ncols=True)
