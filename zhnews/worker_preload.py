"""Imported once by the server that forks the pool workers (`parallel.start_worker_server`).

It puts one tiny document through every function the pools run, so that each stage's rules are compiled,
OpenCC's and jieba's dictionaries and the entity tagger's ONNX model (it reads every lead) loaded and every
lazy import done here, once. Every forked worker starts with all of it (sharing the pages) instead of spending
about a second of each pool's start on it. That includes `zhnews.shards` (pandas, DuckDB, pandera) and pandera's
checks, which register and import their backends at the first validation: the shard pools (ingest, clean,
dedupe's signing) otherwise spent 0.7 s importing them and ingest's 0.3 s more validating, in every worker.
"""

import gc
import os
import sys
from datetime import date

import pandas as pd

from zhnews import clean, dedupe, entities, figures, ingest, mojibake, shards
from zhnews.parallel import MAIN_PATH_VARIABLE, die_with_parent
from zhnews.records import RawDocument

SAMPLE = "據新華社報道，小米公司董事長雷军3月5日在北京表示，公司去年營收增長12%，達到2000億元，員工三千余人。"

die_with_parent()  # the server ends with the run process that started it, even one killed with kill -9
if os.environ.get(MAIN_PATH_VARIABLE):  # see parallel.MAIN_PATH_VARIABLE: named as this server's main, not run
    sys.modules["__main__"].__file__ = os.environ[MAIN_PATH_VARIABLE]
clean.clean_batch([RawDocument("warm-up", "warm-up.txt", "", "txt", "utf-8", SAMPLE)])
row = shards.file_row("warm-up.txt", 1, 0, "0" * 32, ingest.parse_seed("warm-up.txt", SAMPLE.encode()))
shards.refuse_invalid(pd.DataFrame([row], columns=list(shards.RAW_TYPES)))  # pandera's backends, once
dedupe.signatures([("warm-up", SAMPLE)], dedupe.load_rules())
entities.extract_mentions([("warm-up", SAMPLE)])
figures.extract_figures([("warm-up", SAMPLE, date(2024, 1, 1))])
mojibake.word_freq()  # jieba's word frequencies for mojibake repair: the sample has none to repair (0.2 s per worker)
gc.freeze()  # the objects loaded so far stay put: no collection in a worker walks them
