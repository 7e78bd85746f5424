"""``/stats/``: charts of the public replies this archive holds, each with its table and its CSV."""
