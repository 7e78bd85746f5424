"""Repeat proposals: the same issue raised again across years, sessions and places, grouped (issue 17, item 2).

``words`` and ``similarity`` find them (pure); ``grouping`` keeps the groups in the database (``manage.py
group_repeats``, and a newly published proposal joins a group at once); ``views`` shows a group's page and
``templatetags`` the line on a proposal's page; ``stats.largest_groups`` gives the issues raised most often.
"""
