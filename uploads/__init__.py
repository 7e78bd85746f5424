"""Uploads read in the background: each file a clerk sends is a row, queued, read by a worker, then 待核对 or 未能读取.

``intake`` (the request: rows and files, queued in the same transaction), ``lease`` (the conditional
updates that let one worker at a time read a file), ``processing`` (the task the worker runs),
``sweep`` (rows a dead worker left behind go back to the queue), ``queue`` (django-q2, the task library),
``views`` (the clerk's page of uploads, updating itself).
"""
