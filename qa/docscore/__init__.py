"""Learned document scores: features of one document (``features``), a small logistic model
(``model``), the two signals it feeds (``signals``: likely machine-translated, damaged by
scraping), story groups and grouped cross-validation for fitting and measuring them
(``groups``, ``crossval``). The report-facing side is :mod:`qa.mtscore`; the fitted
parameters are ``params.json``, written by ``scripts/calibrate_mtscore.py``."""
