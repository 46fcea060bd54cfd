"""Real news from outlets the rules were not written on: the pipeline scored against blind gold, per source.

tests/fixtures/realnews holds articles copied from ../shared/realnews and gold written before the pipeline's
output was seen, picked per source folder of n files from its sorted file names: first at positions 0, n/4, n/2
and 3n/4 (44 articles), then at positions round(n/8), round(3n/8) and round(5n/8), a pick that is already taken
being skipped (32 more, 76 in all: 8 sources of 16 or 40 files give 3 each, the 4 page sources of 7 or 8 give 2),
then at floor(n/16) and floor(7n/8), the next free position when one is taken (24 more, 2 per source, 100 in all),
then at floor(5n/16), the next free position when taken (11 more, 1 per source; the 7 dms pages were all taken: 111),
then at floor(9n/16) and, in the 40-file folders, floor(13n/16) (15 more; the four page folders had no free file: 126),
then at floor(3n/16) and floor(11n/16), the next free position when taken (16 more, of 8 sources: 142; the list is
tests/fixtures/realnews/picks/session8.txt), then at floor(5n/16) and floor(15n/16), the next free position when taken
(16 more, of the same 8 sources: 158; tests/fixtures/realnews/picks/session9.txt), then at floor(7n/16) and, in the
16- and 40-file folders, floor(13n/16), the next free position when taken (15 more, of the same 8 sources: Apple Daily
2003 had one free file left; 173 in all; tests/fixtures/realnews/picks/session11.txt), then at floor(3n/32) and
floor(21n/32), the next free position when taken, in the 7 folders with free files, and in Terminus2049 (the weakest for
entities) also floor(29n/32) (15 more: 188 in all; tests/fixtures/realnews/picks/session12.txt), then at
floor(11n/32) and floor(27n/32), the next free position when taken, in the same 7 folders, and floor(19n/32) in the
first by name of the folders with the most free files left (cn_bdci2019_finance; six tied) (15 more: 203 in all;
tests/fixtures/realnews/picks/session13.txt), then at floor(7n/32) and floor(25n/32), the next free position when taken,
in the same 7 folders, and floor(15n/32) in cn_sogouca_2012_sample (the lowest source for entity precision) (15 more:
218 in all; tests/fixtures/realnews/picks/session14.txt).
bench/score_realnews.py builds the warehouse and scores it with the shared scorer; this test holds the
figures above floors a little below what is measured now (a ratchet: raise them as the stages improve).
"""

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
from bench import score_realnews  # noqa: E402

# Measured on 2026-12-04 over 44 documents of 12 sources. Before issue 13's cleaning work (main): cleaning 0.78
# (boilerplate 0.55, kept 1.00), metadata 0.71, entities P 0.59 R 0.43, figures P 0.89 R 0.71; lowest source
# cleaning 0.50, metadata 0.40. After it: cleaning 1.00 (boilerplate 1.00, kept 1.00), metadata 0.92, entities
# P 0.64 R 0.43, figures P 0.95 R 0.96 (with gold2's figures rules); lowest source cleaning 0.98 (Terminus2049,
# cnyes), metadata 0.58 (cnyes pages: url and date only in the HTML head, unread behind a clipper's front matter;
# read since: 0.83, all sources 0.94, lowest dms 0.76).
# Entities with the tagger (entities branch): P 0.76 R 0.67; with entities2's rules (Latin model numbers,
# nicknames, police units, known name + head, administrative places): P 0.81 R 0.74, lowest source P 0.67
# (sogouca) R 0.52 (twstat).
# 2026-12-05, 76 documents (32 more, gold written blind). The new 32 alone before the gold branch's rules (the
# held-out estimate): cleaning 0.85 (boilerplate 0.72, kept 0.98), metadata 0.82, figures P 0.92 R 0.88. All 76
# before -> after them: cleaning 0.94 -> 1.00 (boilerplate 0.88 -> 1.00, kept 0.99 -> 1.00), metadata 0.89 -> 0.99,
# figures P 0.93 -> 0.96, R 0.93 -> 0.97; lowest source cleaning 0.99 (Terminus2049, cnyes), metadata 0.91 (bdci),
# figures P 0.83 (sogouca), R 0.89 (Apple Daily 2003).
# Entities on all 76: before the entities package P 0.77 R 0.70; after it (enumerations, relation and age cues,
# registered names from their place, more general-knowledge lexicon, tagger at 16%) P 0.79 R 0.76 (first 44:
# 0.83 / 0.81; the 32 added blind: 0.71 / 0.63 -> 0.73 / 0.69), lowest source P 0.67 (cnyes) R 0.61 (ad2003).
# 2026-12-05, 100 documents: 24 more written blind (picks floor(n/16) and floor(7n/8), the next free position
# when taken). The new 24 alone, before any work on them (held-out estimate): cleaning 0.90 (boilerplate 0.80),
# metadata 0.94, entities P 0.77 R 0.62, figures P 0.83 R 0.85. All 100: cleaning 0.98 (boilerplate 0.95),
# metadata 0.98, entities P 0.78 R 0.73, figures P 0.93 R 0.94; lowest source cleaning 0.91 (twnews), figures
# R 0.78 (bdci: 4.4多亿, 近四个亿).
# 2026-12-05 (session 6), 111 documents: 11 more written blind (pick floor(5n/16)). Held-out estimate on them before the
# debris branch's rules: cleaning 0.93 (boilerplate 0.88, kept 0.98), metadata 0.96, figures P 0.96 R 0.89; after
# them (rules written on the 24 and the 76 only): cleaning 0.93, metadata 0.96, figures P 0.96 R 0.90. All 111 before
# -> after: cleaning 0.97 -> 0.99 (boilerplate 0.94 -> 0.99, kept 1.00), metadata 0.98 -> 0.98, figures P 0.93 -> 0.94,
# R 0.94 -> 0.97 (the 24: cleaning 0.90 -> 1.00, metadata 0.94 -> 0.98, figures P 0.83 -> 0.88, R 0.85 -> 0.98);
# Then, after looking at the 11 (no longer held out), four more rules: all 111 cleaning 0.998 (boilerplate 0.998, kept
# 0.998), metadata 0.98, figures P 0.94 R 0.97; lowest source cleaning 0.99 (Apple Daily charity pages), metadata
# 0.92 (bdci), figures P 0.84 (sogouca), R 0.91 (Apple Daily 2003). Entities on all 111: P 0.78 R 0.71 (the 11: 0.68 /
# 0.56).
# Entities, session 6 (rules developed on the 76, the 24 held out): held-out 24 P/R 0.77/0.62 -> 0.77/0.66; the 76
# 0.79/0.76 -> 0.85/0.83; all 100 0.78/0.73 -> 0.83/0.79, lowest source P 0.74 (twnews) R 0.62 (bdci). Both merged,
# all 111: entities P 0.83 R 0.77, lowest source P 0.73 (twnews) R 0.61 (bdci).
# 2026-12-05 (session 7), 126 documents: 15 more written blind (picks floor(9n/16) and floor(13n/16)). Held-out on
# them, main as it was: cleaning 0.91 (boilerplate 0.81, kept 1.00), metadata 0.95, entities P 0.71 R 0.77, figures
# P 0.95 R 0.85. All 126: cleaning 0.987 (boilerplate 0.976), metadata 0.98, entities P 0.814 R 0.770, figures
# P 0.94 R 0.957; lowest source cleaning 0.92 (sogoucs), ent R 0.57 (bdci), fig R 0.87 (ad2003): floors lowered
# to just under these (the new articles, not a rule change). After the gold branch's rules (closing reporter credits,
# file-photo credits, signatures, 四大行 as a name): all 126 cleaning 0.998 (boilerplate 0.996), metadata 0.983,
# figures P 0.942 R 0.957; lowest source cleaning 0.985 (Terminus2049): cleaning floors raised back.
# Entities, session 7 (priority windows for the tagger, place-named organisations, nickname cut, police-prose
# particles, 3-character agencies): all 111 P 0.836 R 0.794, lowest source P 0.75 (Apple Daily 2003) R 0.64 (bdci).
# Both merged, all 126: entities P 0.82 R 0.79 (the 15 new, held out from the entity work: 0.71/0.77 -> 0.73/0.79),
# lowest source P 0.75 (Apple Daily 2003) R 0.60 (bdci), figures R 0.87 (Apple Daily 2003).
# 2026-12-05 (session 8), 142 documents: 16 more written blind (picks floor(3n/16) and floor(11n/16)). Held-out on them,
# main as it was (04b60df): cleaning 0.94 (boilerplate 0.89), metadata 0.94, entities P 0.69 R 0.79, figures P 0.85
# R 0.88. Then headline figures (figures.field 'title') and the gold2 branch's rules written after looking at the 16:
# the 16 cleaning 1.00, metadata 0.97, figures P 0.86 R 0.90; all 142 cleaning 0.998 (boilerplate 0.997), metadata
# 0.982, entities P 0.816 R 0.793, figures P 0.932 R 0.952; lowest source cleaning 0.987 (Terminus2049), metadata 0.91
# (bdci), ent P 0.737 R 0.549 (bdci: the two new posts name companies and products the rules do not know), figures P
# 0.857 (bdci) R 0.888 (Apple Daily 2003): source entity floors lowered to just under these (new articles, no rule
# change).
# Entities, session 8 (handles, roads and settlements, business lines, rescue teams and local services, ratings,
# everyday-word names, 国家 + body, Taiwanese city short forms): all 126 P 0.82/R 0.79 -> 0.842/0.814, lowest source
# P 0.78 (sogouca, t2049) R 0.67 (t2049).
# 2026-12-06 (session 9), 158 documents: 16 more written blind (picks floor(5n/16) and floor(15n/16), the next free
# position when taken; session9.txt). Held-out on them, main as it was (c872df9): cleaning 0.957 (boilerplate 0.913,
# kept 1.00), metadata 0.956, entities P 0.732 R 0.752, figures P 0.962 R 0.952 (the older 142 on the same code:
# cleaning 0.998, metadata 0.982, entities P 0.832 R 0.811, figures P 0.932 R 0.952). All 158: cleaning 0.994
# (boilerplate 0.988), metadata 0.980, entities P 0.822 R 0.805, figures P 0.935 R 0.952; lowest source cleaning 0.969
# (twstat: a desk credit before '小编推荐'), ent P 0.711 (sogouca). Floors lowered to just under these for the new
# articles (no rule change): all boilerplate 0.99 -> 0.98, ent P 0.83 -> 0.82; source cleaning 0.98 -> 0.96, ent P
# 0.73 -> 0.70.
# Then the gold3 branch's cleaning, metadata and figures rules, written after looking at all 158 (so the 16 are no
# longer held out for those): the 16 cleaning 0.957 -> 0.988, metadata 0.956 -> 0.984, figures P 0.962 -> 0.972 R 0.952
# -> 0.979; all 158 cleaning 0.994 -> 0.997 (boilerplate 0.988 -> 0.995), metadata 0.980 -> 0.991, figures P 0.935 ->
# 0.942 R 0.952 -> 0.967 (seven gold titles now write '...' as '……', as the warehouse writes Chinese text); lowest
# source cleaning 0.976 (t2049), metadata 0.973 (Apple Daily 2003), figures P 0.864 (charity pages) R 0.897 (Apple Daily
# 2003): those floors raised to just under these.
# Entities, session 9 (jieba's word boundaries against titles, tagged names and known names before a proper noun;
# developed on the 126, session 8's 16 held out): the 126 P/R 0.842/0.814 -> 0.851/0.815, the held-out 16 0.757/0.791
# (unchanged), all 142 0.832/0.811 -> 0.840/0.812, lowest source P 0.742 -> 0.759 (sogouca) R 0.639 -> 0.647 (bdci):
# entity floors raised to just under these.
# Both merged (lead, session 9), all 158: cleaning 0.997, metadata 0.991, entities P 0.831 R 0.806, figures P 0.942
# R 0.967; session 9's 16, held out from the entity work: entities 0.732/0.752 -> 0.743/0.752 (hardly any
# transfer); lowest source ent P 0.726 (sogouca) R 0.625 (bdci): entity floors set just under these.
# Eighth pass (nested names, session 9; the 16 held out): all 158 entities 0.831/0.806 -> 0.838/0.812 (lowest source
# P 0.726 sogouca, R 0.625 bdci, unchanged): the entity floors raised to just under these.
# Then the tagger's budget 0.16 -> 0.40 of a document (the lead, session 9): all 158 entities P 0.831 -> 0.827,
# R 0.806 -> 0.827; session 9's 16 (held out from it) P 0.743 -> 0.745, R 0.752 -> 0.806; session 8's 16 P 0.76 -> 0.77,
# R 0.79 -> 0.81; lowest source P 0.707 (sogouca) R 0.652 (bdci): entity floors set just under these.
# All merged (eighth pass and the budget): all 158 entities P 0.834 R 0.832; session 9's 16: 0.745/0.806 (the eighth
# pass changed none of them).
# Ninth pass (kinds of institution are no names, session 9): all 158 entities P 0.834 -> 0.840, R 0.832 unchanged;
# ent P floor raised to just under it.
# 2026-12-06 (session 11), 173 documents: 15 more written blind (picks floor(7n/16) and floor(13n/16), the next free
# position when taken; session11.txt). Held-out on them, main as it was (2449933): cleaning 0.907 (boilerplate 0.813,
# kept 1.00), metadata 0.877, entities P 0.849 R 0.738, figures P 0.963 R 0.867 (the older 158 on the same code:
# cleaning 0.997, metadata 0.991, entities P 0.840 R 0.832, figures P 0.942 R 0.967). All 173 on main: cleaning
# 0.989 (boilerplate 0.979), metadata 0.981, entities P 0.841 R 0.824, figures P 0.944 R 0.958.
# Then the gold5 branch: gold consistency (32 figures in 19 older files: 数/几 magnitudes approximate, year-less dates
# listed, lists share their unit; figures P 0.944 -> 0.963), then cleaning, metadata and figures rules written after
# looking at the 15: the 15 cleaning 0.907 -> 0.967 (boilerplate 0.813 -> 0.933), metadata 0.877 -> 0.933, figures
# P 0.963 -> 0.976 R 0.867 -> 0.929; all 173 cleaning 0.994 (boilerplate 0.989), metadata 0.986, figures P 0.966 R 0.965
# (entities untouched: P 0.841 R 0.824). Floors lowered to just under these for the new articles (no rule change
# reaches them): all boilerplate 0.99 -> 0.98 (sogoucs' footer credit, a wire lead inside a line), entities R 0.825
# -> 0.82; by source metadata 0.96 -> 0.95 (sogoucs 0.956, bdci 0.956), entities P 0.70 -> 0.66 (sogouca 0.670: a
# mojibake-ridden local report of 16 places and offices). Raised where the rules moved them: all figures P 0.94 ->
# 0.96; by source figures P 0.85 -> 0.88 (charity pages 0.885: 四处 and 2处理器 no counts).
# Figures, session 11 (figs2 branch, 2026-12-06): gold consistency (a listed day is a date: +2; 两人 no count: -1; the
# two versions of the A3772 story alike: +7), then rules (listed days share year and month, money tied by 写成/改为 or
# after 发放/赔/债, 两人 referring back, 今年上半年 vague, 小六/老两口, 十大, 十数, 万点, 多一人, 近百/万余, 万元,
# 便士/毛 subunits, 前半小时, 去年（2014）, 某一天, 十教授): all 173 figures P 0.966 -> 0.972 R 0.965 -> 0.976
# (on the old gold 0.969/0.975); session 11's 15 P 0.976 -> 0.992 R 0.929 -> 0.984; lowest source P 0.885 -> 0.913
# (charity pages) R 0.900 -> 0.920 (Apple Daily 2003): figure floors raised to just under these.
# Then the meta2 branch (session 11; cleaning and metadata rules of the genre: a wire credit after run-in headings, a
# site's host credit, an agency dateline inside a post, a column byline with its calling in brackets, a statement's
# signatories, an account's call to add its WeChat): all 173 cleaning 0.994 -> 0.998 (boilerplate 0.989 -> 0.997),
# metadata 0.986 -> 0.996; the 15 cleaning 0.967 -> 1.00, metadata 0.933 -> 1.00. Floors raised: all cleaning 0.99 ->
# 0.995, boilerplate 0.98 -> 0.995, metadata 0.98 -> 0.995; by source cleaning 0.97 -> 0.98 (terminus2049 0.987),
# metadata 0.95 -> 0.97 (factset 0.975: two clipped pages whose gold urls disagree, canonical vs clipper's).
# Tenth entity pass (precision, session 11, 2026-12-06; the older 158 read, session 11's 15 held out): platforms'
# credit products, diseases, everyday English words, document numbers, edition years and market indices, headline-only
# bodies, known names opening a common word, idioms in stems, sects, honorifics after a word's end, address forms,
# tagged names in mojibake, cut from a longer word, split or glued to a character: the 158 entities P 0.840 -> 0.898,
# R 0.832 -> 0.850; session 11's 15 (held out) 0.849/0.738 -> 0.860/0.746; all 173 0.841/0.824 -> 0.895/0.841, lowest
# source P 0.670 (sogouca) -> 0.834 (xwlb), R 0.660 (bdci) -> 0.735 (t2049): entity floors raised to just under these.
# Tenth entity pass (recall, session 11; session 11's 15 held out), on main before ents-precision: all 173 entities
# P/R 0.841/0.824 -> 0.859/0.851 (the older 158 0.840/0.832 -> 0.858/0.859, the 15 0.849/0.738 -> 0.869/0.765). Merged
# with the precision pass: all 173 0.896/0.841 -> 0.903/0.855 (the 158 0.899/0.850 -> 0.905/0.863, the 15 0.867/0.746 ->
# 0.879/0.765), lowest source R 0.735 -> 0.752 (t2049; bdci 0.788 -> 0.821), P 0.834 -> 0.835 (xwlb): ent P floor
# 0.89 -> 0.90, ent R 0.835 -> 0.85, source ent R 0.73 -> 0.75.
# Tenth entity pass, third part (ents4, session 11; the 15 held out): country-abbreviation pairs and sides, great rivers
# and mountains, essays' thinkers, the UK's cities, UN agencies and people's organisations in the lexicon, a department
# before its unit's website, a repeated name over the names read inside it, official prose's qualifiers, a place before
# its unit's committee: all 173 entities P/R 0.903/0.855 -> 0.911/0.861 (the 15 0.879/0.765 -> 0.879/0.774), t2049
# 0.866/0.752 -> 0.891/0.788, xwlb 0.835/0.831 -> 0.885/0.848; lowest source P 0.849 (dms), R 0.788 (t2049): ent P
# floor 0.90 -> 0.905, ent R 0.85 -> 0.855, source ent P 0.83 -> 0.84, ent R 0.75 -> 0.77.
# 2026-12-06 (session 12), 188 documents: 15 more written blind (picks floor(3n/32) and floor(21n/32), Terminus2049
# also floor(29n/32); session12.txt). Held-out on them, main as it was (d54c033): cleaning 0.892 (boilerplate 0.783,
# kept 1.00), metadata 0.923, entities P 0.680 R 0.714, figures P 0.821 R 0.886 (the older 173 on the same code:
# cleaning 0.998, metadata 0.996, entities P 0.911 R 0.861, figures P 0.972 R 0.976). Then the gold6 branch's
# cleaning, metadata and figures rules written after looking at the 15 (a WeChat header's author, '=' credits, an
# account's reprint terms, Apple Daily's update label and file-photo mark; magnitudes before 亩/米, 公厘/公尺, degrees
# of injury, 两头吃) and one gold consistency fix (两人 no count): the 15 cleaning 0.925, metadata 0.957, figures P
# 0.926 R 0.935; all 188 cleaning 0.992 (boilerplate 0.985), metadata 0.993, entities P 0.895 R 0.850, figures P 0.968
# R 0.973; lowest source cleaning 0.975 (sogoucs: a named paper's wire credit glued after a deck; twstat: a mobile
# widget), metadata 0.970 (sogoucs), ent P 0.798 (sogouca: fund names), ent R 0.761 (t2049: an essay of renamed
# Japanese companies and schools). Floors lowered to just under these for the new articles (no rule written on them
# reaches them): all cleaning 0.995 -> 0.99, boilerplate 0.995 -> 0.98, metadata 0.995 -> 0.99, ent P 0.905 -> 0.89,
# ent R 0.855 -> 0.845; by source cleaning 0.98 -> 0.97, metadata 0.97 -> 0.96, ent P 0.84 -> 0.79, ent R 0.77 ->
# 0.75.
# Entity recall by kinds of the genre (recall branch, session 12, 2026-12-06; developed on the 173 minus session 11's
# 15): a known place with its unit and a head, a known place starting a rare region or institution word, a province's
# city in a list, professions heading lists, a place with a part after it, programmes and journals in 《》, the tagger's
# sites after a known place: all 173 entities P/R 0.911/0.861 -> 0.916/0.871 (xwlb R 0.848 -> 0.892, sogouca 0.789 ->
# 0.810, t2049 0.788 -> 0.801); session 11's 15 0.879/0.774 -> 0.892/0.802. Merged with session 12's 15 (blind to it:
# 0.707/0.714 -> 0.710/0.727), all 188 0.895/0.850 -> 0.899/0.859, lowest source P 0.798 -> 0.818 (sogouca), R 0.761
# -> 0.771 (t2049): ent P floor 0.89 -> 0.895, ent R 0.845 -> 0.855, source ent P 0.79 -> 0.81, ent R 0.75 -> 0.765.
# 2026-12-07 (session 13), 203 documents: 15 more written blind (picks floor(11n/32) and floor(27n/32), bdci also
# floor(19n/32); session13.txt). Held-out on them, main as it was (8b41485): cleaning 0.924 (boilerplate 0.847, kept
# 1.00), metadata 0.947, entities P 0.808 R 0.763, figures P 0.963 R 0.921 (the older 188 on the same code: cleaning
# 0.992, metadata 0.993, entities P 0.898 R 0.860, figures P 0.968 R 0.973). All 203 on main: cleaning 0.987
# (boilerplate 0.975), metadata 0.990, entities P 0.892 R 0.853, figures P 0.968 R 0.969. Then the gold7 branch's
# cleaning, metadata and figures rules written after looking at the 15 (a site's '某某网消息（记者…）' lead, a web
# clipper's note, a spaced '作者 某某' byline, '图／某某提供' credits, a closing date kept as the text's own; 株/圈,
# 半米, 1米6, 数千民众, 占…的1/3, class years, 一年比一年, 最后一天, slash dates 今天（6/28）): the 15 cleaning 1.00,
# metadata 1.00, figures P 0.974 R 0.988; all 203 cleaning 0.993 (boilerplate 0.986), metadata 0.994, figures P
# 0.969 R 0.975 (entities untouched: P 0.892 R 0.853); lowest source cleaning 0.977 (sogoucs, twstat), metadata 0.973
# (sogoucs), ent P 0.818 (sogouca), ent R 0.760 (t2049), fig P 0.913 (charity pages), fig R 0.920 (Apple Daily 2003).
# Floors lowered to just under these for the new articles (no rule was written on their entities: they are this
# session's entity hold-out): ent P 0.895 -> 0.89, ent R 0.855 -> 0.85, source ent R 0.765 -> 0.755; raised where the
# rules moved them: boilerplate 0.98 -> 0.985, source metadata 0.96 -> 0.97.
# 2026-12-07 (session 13, tier3 branch): the tagger's third tier (other clauses with a name-shaped unknown word) and
# its persons' kin filters: all 203 entities P/R 0.893/0.851 -> 0.892/0.857, lowest source R 0.757 (t2049) -> 0.766
# (bdci), P 0.823 (sogouca) unchanged: ent R floor 0.85 -> 0.855, source ent R 0.755 -> 0.76.
# 2026-12-07 (session 14), 218 documents: 15 more written blind (picks floor(7n/32) and floor(25n/32), sogouca also
# floor(15n/32); session14.txt). Held-out on them, main as it was (dd63eab): cleaning 0.939 (boilerplate 0.878, kept
# 1.00), metadata 1.00, entities P 0.849 R 0.698, figures P 0.985 R 0.983 (the older 203 on the same code: cleaning
# 0.993, metadata 0.994, entities P 0.892 R 0.857, figures P 0.969 R 0.975). All 218 on main: cleaning 0.989
# (boilerplate 0.979), metadata 0.994, entities P 0.889 R 0.847, figures P 0.970 R 0.976. Then the gold8 branch's
# cleaning and figures rules written after looking at the 15 (a clipper's note alone on its line, '原文地址 url', a
# WeChat call for its 在看 button, file-photo and composite marks glued between captions, a teaser's cut-off link
# label, a closing date line kept, donations as money): the 15 cleaning 1.00, figures R 0.986; all 218 cleaning 0.993
# (boilerplate 0.987), figures P 0.970 R 0.976 (entities untouched: the 15 are this session's entity hold-out); lowest
# source cleaning 0.979 (sogoucs), ent P 0.804 (sogouca), ent R 0.770 (t2049). Floors lowered to just under these for
# the new articles (no entity rule was written on them): ent P 0.89 -> 0.885, ent R 0.855 -> 0.845, source ent P
# 0.81 -> 0.80.
# 2026-12-07 (session 14, persons branch): person boundaries: all 218 entities P/R 0.889/0.847 -> 0.893/0.847, lowest
# source P 0.804 (sogouca) unchanged, R 0.770 -> 0.773 (t2049): ent P floor 0.885 -> 0.89.
# 2026-12-07 (session 14, orgs branch): sites and local institutions named after their place, bare government bodies,
# schools' departments and campuses, tagged names up to their head (no rule written from session 12-14's lists): all
# 218 entities P/R 0.893/0.847 -> 0.892/0.854 (held-out session12 0.731/0.742 -> 0.733/0.751, session13 0.834/0.768 ->
# 0.843/0.813, session14 0.850/0.698 unchanged), lowest source P 0.804 -> 0.809 (sogouca), R 0.773 (t2049) -> 0.777
# (bdci): ent R floor 0.845 -> 0.85, source ent R 0.76 -> 0.77.
FLOORS = {
    "cleaning": 0.99,
    "boilerplate": 0.985,
    "kept": 0.99,
    "metadata": 0.99,
    "ent P": 0.89,
    "ent R": 0.85,
    "fig P": 0.965,
    "fig R": 0.97,
}
SOURCE_FLOORS = {"cleaning": 0.97, "metadata": 0.97, "ent P": 0.80, "ent R": 0.77, "fig P": 0.90, "fig R": 0.91}


@pytest.fixture(scope="module")
def report(tmp_path_factory) -> dict:
    if not score_realnews.SCORER.exists():
        pytest.skip(f"shared scorer not found at {score_realnews.SCORER} (../shared is absent)")
    warehouse = score_realnews.build_warehouse(tmp_path_factory.mktemp("realnews"))
    return score_realnews.score_documents(score_realnews.load_scorer(), warehouse)


@pytest.fixture(scope="module")
def summary(report) -> dict:
    return score_realnews.summarise(report)


def test_every_gold_article_is_a_document(report):
    assert all(row["found"] for row in report.values()), [name for name, row in report.items() if not row["found"]]


@pytest.mark.parametrize("measure", FLOORS)
def test_realnews_measure_stays_above_its_floor(report, summary, measure):
    got = summary["all"][measure]
    assert got >= FLOORS[measure], (
        f"{measure} = {got:.3f} fell below {FLOORS[measure]:.2f} on the real-news gold\n"
        + score_realnews.table(summary)
        + "\n"
        + score_realnews.misses(report)
    )


@pytest.mark.parametrize("measure", SOURCE_FLOORS)
def test_no_source_falls_below_its_floor(summary, measure):
    low = {source: round(s[measure], 3) for source, s in summary.items() if s[measure] < SOURCE_FLOORS[measure]}
    assert not low, f"{measure} below {SOURCE_FLOORS[measure]} for {low}\n" + score_realnews.table(summary)
