#!/usr/bin/env python3
"""Generate the record-level sample files in samples/.

Everything written here is synthetic: identifiers, dates and flags are drawn
from a fixed-seed random generator and arranged so that the published
figures in samples/published/ come out exactly.  No real person is in any
file.  Run from anywhere:

    python3 samples/make-samples.py

It rewrites the files in place and checks every published count with an
assert before it finishes.  Python 3.6+, standard library only.
"""

import csv
import datetime as dt
import io
import os
import random
import re

HERE = os.path.dirname(os.path.abspath(__file__))
SEED = 20240331
D = dt.date


def path(*parts):
    p = os.path.join(HERE, *parts)
    os.makedirs(os.path.dirname(p), exist_ok=True)
    return p


def dmy(d):
    return "" if d is None else d.strftime("%d/%m/%Y")


def id_maker(rng, fmt, lo, hi):
    """A function that draws a new identifier, fmt % n for n in [lo, hi)
    and never one drawn before, and the set of those it has drawn."""
    used = set()

    def new():
        while True:
            c = fmt % rng.randrange(lo, hi)
            if c not in used:
                used.add(c)
                return c
    return new, used


def days_in(start, end):
    """Every date from start to end inclusive."""
    return [start + dt.timedelta(n) for n in range((end - start).days + 1)]


def write_csv(name, header, rows, newline="\n"):
    buf = io.StringIO()
    w = csv.writer(buf, lineterminator=newline)
    w.writerow(header)
    w.writerows(rows)
    with open(path(name), "w", encoding="utf-8", newline="") as f:
        f.write(buf.getvalue())


def write_tsv(name, header, rows):
    with open(path(name), "w", encoding="utf-8", newline="") as f:
        f.write("\t".join(header) + "\n")
        for r in rows:
            f.write("\t".join(str(v) for v in r) + "\n")


def read_tsv(name):
    with open(path(name), encoding="utf-8") as f:
        return [line.rstrip("\n").split("\t") for line in f]


CUR = (D(2023, 4, 1), D(2024, 3, 31))
PREV = (D(2022, 4, 1), D(2023, 3, 31))


def window(d):
    if CUR[0] <= d <= CUR[1]:
        return "current"
    if PREV[0] <= d <= PREV[1]:
        return "previous"
    return None


# ---------------------------------------------------------------------------
# KPI definitions, agencies, aliases and the partner returns

AGENCIES = [
    # canonical name, published header, file, variant spellings used in it
    ("RUH", "RUH", "ruh.csv",
     ["RUH", "Royal United Hospitals Bath", "RUH Bath"]),
    ("Midsomer Homecare", "Midsomer Homecare", "midsomer-homecare.csv",
     ["Midsomer Homecare", "Midsomer Home Care"]),
    ("Project 28", "Project 28", "project-28.csv",
     ["Project 28", "Project28"]),
    ("Oxford Health", "Oxford Health", "oxford-health.csv",
     ["Oxford Health", "Oxford Health NHS FT"]),
    ("HCRG Care Group", "HCRG Care Group", "hcrg-care-group.csv",
     ["HCRG Care Group", "HCRG"]),
    ("Healthwatch", "Health watch", "healthwatch.csv",
     ["Health watch", "Healthwatch B&NES", "Healthwatch"]),
    ("Avon Fire & Rescue", "Avon Fire & Rescue", "avon-fire-rescue.csv",
     ["Avon Fire & Rescue", "Avon Fire and Rescue Service"]),
    ("DHI", "DHI*", "dhi.csv", ["DHI*", "DHI"]),
    ("Southside", "Southside*", "southside.csv",
     ["Southside*", "Southside Family Project"]),
    ("BSW ICB", "BSW ICB", "bsw-icb.csv",
     ["BSW ICB", "BSW Integrated Care Board"]),
    ("Julian House", "Julian House", "julian-house.csv",
     ["Julian House", "Julian House "]),
    ("Children's Social Care", "Children' s Social Care",
     "childrens-social-care.csv",
     ["Children\u2019s Social Care", "Children' s Social Care",
      "Childrens Social Care"]),
    ("Action for Children", "Action for Children", "action-for-children.csv",
     ["Action for Children", "Action For Children"]),
    ("POhWER", "POhWER", "pohwer.csv", ["POhWER", "Pohwer"]),
    ("Police", "Police*", "police.csv",
     ["Police*", "Avon & Somerset Police", "Avon and Somerset Constabulary"]),
    ("Adult Social Care", "Adult Social Care", "adult-social-care.csv",
     ["Adult Social Care", "Adult Social Care (B&NES)"]),
    ("YCSW", "YCSW", "ycsw.csv", ["YCSW", "Youth Connect South West"]),
]

# One anchored pattern per canonical name, matching every variant above
# (and the published header), for sg-clean --alias.
ALIASES = [
    ("RUH", r"^(?i:RUH|RUH Bath|Royal United Hospitals? Bath)$"),
    ("Midsomer Homecare", r"^(?i:Midsomer Home ?care)$"),
    ("Project 28", r"^(?i:Project ?28)$"),
    ("Oxford Health", r"^(?i:Oxford Health( NHS (FT|Foundation Trust))?)$"),
    ("HCRG Care Group", r"^(?i:HCRG( Care Group)?)$"),
    ("Healthwatch", r"^(?i:Health ?watch( B&NES)?)$"),
    ("Avon Fire & Rescue", r"^(?i:Avon Fire (&|and) Rescue( Service)?)$"),
    ("DHI", r"^(?i:DHI)\*?$"),
    ("Southside", r"^(?i:Southside( Family Project)?)\*?$"),
    ("BSW ICB", r"^(?i:BSW (ICB|Integrated Care Board))$"),
    ("Julian House", r"^(?i:Julian House) *$"),
    ("Children's Social Care",
     "^(?i:Children(?:'|\u2019)? ?s Social Care)$"),
    ("Action for Children", r"^(?i:Action for Children)$"),
    ("POhWER", r"^(?i:POhWER)$"),
    ("Police", r"^(?i:Police\*?|Avon (&|and) Somerset (Police|Constabulary))$"),
    ("Adult Social Care", r"^(?i:Adult Social Care( \(B&NES\))?)$"),
    ("YCSW", r"^(?i:YCSW|Youth Connect South West)$"),
]


def kpi_tables():
    ratings = read_tsv("published/bnes-2023-24-kpi-agency-ratings.tsv")
    defs = read_tsv("published/bnes-2023-24-kpi-definitions.tsv")
    head = ratings[0]
    assert head[2:] == [a[1] for a in AGENCIES], head
    values = {}      # (kpi, published agency) -> value
    targets = {}
    for r in ratings[1:]:
        targets[r[0]] = r[1]
        for h, v in zip(head[2:], r[2:]):
            values[(r[0], h)] = v
    indicators = {r[0]: r[1] for r in defs[1:]}
    def_targets = {r[0]: r[2].rstrip("%") for r in defs[1:]}
    return ratings, defs, values, targets, indicators, def_targets


def make_kpi_files():
    ratings, defs, values, targets, indicators, def_targets = kpi_tables()
    kpis = [r[0] for r in ratings[1:]]
    assert len(kpis) == 16

    # The ratings table is what the published RAG was judged against; it
    # differs from the definitions only for 1.11 (90 against 80).
    diff = [k for k in kpis if targets[k] != def_targets[k]]
    assert diff == ["1.11"] and targets["1.11"] == "90", diff
    write_tsv("kpi-definitions.tsv",
              ["kpi", "indicator", "target", "polarity", "tolerance"],
              [[k, indicators[k], targets[k], "high", "15"] for k in kpis])
    write_tsv("agencies.tsv", ["agency"], [[a[0]] for a in AGENCIES])
    write_tsv("agency-aliases.tsv", ["column", "pattern", "replacement"],
              [["agency", p, c] for c, p in ALIASES])

    # Each file has the five canonical columns in the same order, under the
    # header names its agency happens to use.
    headers = [
        ["KPI", "Indicator", "Agency", "Result", "Notes"],
        ["KPI Ref", "Indicator", "Organisation", "% compliant", "Notes"],
        ["Indicator No.", "Training", "Partner", "Percentage", "Comments"],
        ["KPI", "Description", "Organisation", "Result ", "Comment"],
        ["kpi", "indicator", "agency", "value", "notes"],
    ]
    notes_pool = [
        "", "", "", "", "", "",
        "Figures from ESR, 31 March",
        "Includes bank staff",
        "New starters only, Q4",
        "Data from LMS; excludes agency staff",
        "Training paused for 3 months",
    ]
    rng = random.Random(SEED + 1)
    manifest = []
    for i, (canon, pub, fname, variants) in enumerate(AGENCIES):
        style = {
            "bom": i % 3 != 1,                  # Excel "CSV UTF-8" adds one
            "crlf": i % 4 != 3,
            "pct": i in (0, 3, 4, 9, 12, 16),   # "90%" rather than "90"
            "skip": [0, 1, 0, 2, 0, 1][i % 6],
            "header": headers[i % len(headers)],
            "cp1252": fname in ("childrens-social-care.csv", "police.csv"),
        }
        if style["cp1252"]:
            style["bom"] = False
        rows = []
        for j, k in enumerate(kpis):
            v = values[(k, pub)]
            if style["pct"] and v.replace(".", "").isdigit():
                v += "%"
            # Mostly the first spelling, the others now and then.
            name = variants[0] if j % 5 else variants[j // 5 % len(variants)]
            note = notes_pool[rng.randrange(len(notes_pool))]
            if v == "/":
                note = "Narrative response given"
            elif v == "TBC":
                note = "To be confirmed, system migration"
            elif v == "N/A":
                note = "Not applicable to our staff group"
            rows.append([k, indicators[k], name, v, note])
        if fname == "childrens-social-care.csv":
            rows[3][4] = "Course cost \u00a345 per head, places limited"
            rows[5][4] = "\u201cToxic trio\u201d course renamed"
            rows[12][4] = "Includes social workers\u2019 induction"
        if fname == "police.csv":
            rows[0][4] = "Force-wide figure \u2013 B&NES not separated"
            rows[4][4] = "\u201cModern slavery\u201d SPOC in place"
        preamble = [
            ["Partner KPI return 2023-24", "", "", "", ""],
            ["Returned by: " + variants[0].strip(), "", "", "", ""],
        ][:style["skip"]]
        nl = "\r\n" if style["crlf"] else "\n"
        buf = io.StringIO()
        w = csv.writer(buf, lineterminator=nl)
        w.writerows(preamble)
        w.writerow(style["header"])
        w.writerows(rows)
        text = buf.getvalue()
        enc = "cp1252" if style["cp1252"] else "utf-8"
        data = text.encode(enc)
        if style["bom"]:
            data = b"\xef\xbb\xbf" + data
        with open(path("returns", fname), "wb") as f:
            f.write(data)
        manifest.append([fname, enc, style["skip"]])

        # Check: reading the file back as a pipeline would gives exactly the
        # published values, and the aliases give the canonical name.
        raw = open(path("returns", fname), "rb").read()
        if raw.startswith(b"\xef\xbb\xbf"):
            raw = raw[3:]
        back = list(csv.reader(io.StringIO(raw.decode(enc), newline="")))
        back = back[style["skip"] + 1:]
        assert len(back) == 16
        for k, r in zip(kpis, back):
            assert r[0] == k
            assert r[3].rstrip("%") == values[(k, pub)], (fname, k, r[3])
            hits = [c for c, p in ALIASES
                    if re.match(to_python_re(p), r[2])]
            assert hits == [canon], (r[2], hits)
        if style["cp1252"]:
            assert any(ch >= 0x80 for ch in raw)
    for c, p in ALIASES:
        hits = [c2 for c2, p2 in ALIASES
                if re.match(to_python_re(p2), [a[1] for a in AGENCIES
                                               if a[0] == c][0])]
        assert hits == [c], (c, hits)
    assert sum(1 for m in manifest if m[1] == "cp1252") == 2
    write_tsv("returns/manifest.tsv", ["file", "encoding", "skip"], manifest)
    write_tsv("returns/columns.map", ["pattern", "column"], [
        [r"^\s*(kpi( ref)?|indicator no\.?)\s*$", "kpi"],
        [r"^\s*(indicator( text)?|training|description)\s*$", "indicator"],
        [r"^\s*(agency|organi[sz]ation|partner)\s*$", "agency"],
        [r"^\s*(value|result|% compliant|percentage)\s*$", "value"],
        [r"^\s*(notes?|comments?)\s*$", "notes"],
    ])
    maps = read_tsv("returns/columns.map")[1:]
    for h in headers:
        out = []
        for name in h:
            m = [c for p, c in maps if re.match(p, name, re.I)]
            assert len(m) == 1, (name, m)
            out.append(m[0])
        assert out == ["kpi", "indicator", "agency", "value", "notes"], out


def to_python_re(p):
    # PCRE2's scoped (?i:...) is also Python's; nothing else to translate.
    return p


# ---------------------------------------------------------------------------
# Population and bank holidays

def easter(y):
    """Anonymous Gregorian algorithm (Meeus/Jones/Butcher)."""
    a, b, c = y % 19, y // 100, y % 100
    d, e = b // 4, b % 4
    f = (b + 8) // 25
    g = (b - f + 1) // 3
    h = (19 * a + b - d - g + 15) % 30
    i, k = c // 4, c % 4
    l = (32 + 2 * e + 2 * i - h - k) % 7
    m = (a + 11 * h + 22 * l) // 451
    month = (h + l - 7 * m + 114) // 31
    day = (h + l - 7 * m + 114) % 31 + 1
    return D(y, month, day)


def first_monday(y, m):
    d = D(y, m, 1)
    return d + dt.timedelta((7 - d.weekday()) % 7)


def last_monday(y, m):
    d = D(y, m + 1, 1) - dt.timedelta(1)
    return d - dt.timedelta(d.weekday())


def bank_holidays():
    out = []
    for y in range(2015, 2028):
        ny = D(y, 1, 1)
        if ny.weekday() >= 5:
            out.append((ny + dt.timedelta(7 - ny.weekday()),
                        "New Year's Day (substitute day)"))
        else:
            out.append((ny, "New Year's Day"))
        e = easter(y)
        out.append((e - dt.timedelta(2), "Good Friday"))
        out.append((e + dt.timedelta(1), "Easter Monday"))
        if y == 2020:
            out.append((D(2020, 5, 8), "Early May bank holiday (VE day)"))
        else:
            out.append((first_monday(y, 5), "Early May bank holiday"))
        if y == 2023:
            out.append((D(2023, 5, 8), "Bank holiday for the coronation of "
                        "King Charles III"))
        if y == 2022:
            out.append((D(2022, 6, 2), "Spring bank holiday"))
            out.append((D(2022, 6, 3), "Platinum Jubilee bank holiday"))
            out.append((D(2022, 9, 19), "Bank Holiday for the State Funeral "
                        "of Queen Elizabeth II"))
        else:
            out.append((last_monday(y, 5), "Spring bank holiday"))
        out.append((last_monday(y, 8), "Summer bank holiday"))
        xmas = D(y, 12, 25)
        wd = xmas.weekday()
        if wd <= 3:                     # Mon-Thu: both on the day
            out.append((xmas, "Christmas Day"))
            out.append((D(y, 12, 26), "Boxing Day"))
        elif wd == 4:                   # Fri: Boxing Day on Monday 28th
            out.append((xmas, "Christmas Day"))
            out.append((D(y, 12, 28), "Boxing Day (substitute day)"))
        elif wd == 5:                   # Sat: Mon 27th and Tue 28th
            out.append((D(y, 12, 27), "Christmas Day (substitute day)"))
            out.append((D(y, 12, 28), "Boxing Day (substitute day)"))
        else:                           # Sun: Boxing Mon 26th, Xmas Tue 27th
            out.append((D(y, 12, 26), "Boxing Day"))
            out.append((D(y, 12, 27), "Christmas Day (substitute day)"))
    out.sort()
    # Spot checks against the gov.uk lists.
    s = {d for d, _ in out}
    for d in [D(2015, 12, 28), D(2016, 3, 25), D(2016, 12, 27),
              D(2017, 1, 2), D(2019, 4, 22), D(2020, 5, 8), D(2020, 12, 28),
              D(2021, 12, 27), D(2021, 12, 28), D(2022, 1, 3), D(2022, 6, 2),
              D(2022, 6, 3), D(2022, 9, 19), D(2022, 12, 26),
              D(2022, 12, 27), D(2023, 1, 2), D(2023, 4, 7), D(2023, 5, 1),
              D(2023, 5, 8), D(2023, 5, 29), D(2024, 3, 29), D(2024, 4, 1),
              D(2025, 4, 18), D(2025, 4, 21), D(2026, 4, 3), D(2026, 12, 28),
              D(2027, 3, 26), D(2027, 3, 29), D(2027, 12, 27),
              D(2027, 12, 28)]:
        assert d in s, d
    for d in [D(2020, 5, 4), D(2022, 5, 30), D(2021, 12, 25),
              D(2022, 1, 1)]:
        assert d not in s, d
    assert all(d.weekday() < 5 for d in s)
    assert len(s) == len(out)
    per_year = {}
    for d in s:
        per_year[d.year] = per_year.get(d.year, 0) + 1
    assert per_year == {y: {2020: 8, 2022: 10, 2023: 9}.get(y, 8)
                        for y in range(2015, 2028)}, per_year
    return out


# ---------------------------------------------------------------------------
# Police: missing children

def make_missing(rng):
    rows = []   # (date, child_id, age, from_care)
    new_id, used = id_maker(rng, "P%05d", 10000, 99999)

    def spread(n, lo, hi):
        return sorted(rng.choice(days_in(lo, hi)) for _ in range(n))

    def counts(repeaters, total):
        """Split total reports over repeaters children, each >= 2, skewed."""
        c = [2] * repeaters
        left = total - 2 * repeaters
        while left:
            i = min(int(rng.paretovariate(1.2)) - 1, repeaters - 1)
            c[rng.randrange(repeaters) if rng.random() < 0.5 else i] += 1
            left -= 1
        return c

    # (window, distinct, reports, repeaters, care single, care repeat
    # reports per child)
    plan = [
        (CUR, 105, 282, 54, 6, [9, 5]),
        (PREV, 98, 178, 57, 3, [4, 3, 2]),
    ]
    previous_ids = []
    ages = {}
    for win, distinct, reports, repeat, care1, care_rep in plan:
        singles = distinct - repeat
        rep_counts = counts(repeat - len(care_rep),
                            reports - singles - sum(care_rep))
        children = []   # (id, n reports, from care)
        ids = []
        for n in care_rep:
            children.append((new_id(), n, "Y"))
        for n in range(care1):
            children.append((new_id(), 1, "Y"))
        # Some children seen in the previous year go missing again.
        carry = [c for c in previous_ids if rng.random() < 0.3]
        for n in rep_counts:
            cid = carry.pop() if carry else new_id()
            children.append((cid, n, "N"))
        for n in range(singles - care1):
            cid = carry.pop() if carry else new_id()
            children.append((cid, 1, "N"))
        for cid, n, care in children:
            # Current is generated first: a child seen again in the
            # previous year was a year younger then.
            age = ages[cid] - 1 if cid in ages else rng.randint(11, 17)
            ages[cid] = age
            for d in spread(n, *win):
                rows.append((d, cid, age, care))
            ids.append(cid)
        previous_ids = [c for c, n, care in children if care == "N"]
    # Reports before both windows (the extract runs from January 2022).
    early = list(used)
    early.sort()
    for _ in range(15):
        d = rng.choice(days_in(D(2022, 1, 1), D(2022, 3, 31)))
        rows.append((d, rng.choice(early), rng.randint(11, 17), "N"))
    rows.sort()
    out = []
    seq = {}
    for d, cid, age, care in rows:
        y = d.year
        seq[y] = seq.get(y, 0) + 1
        out.append(["MP/%d/%05d" % (y, seq[y] * 7 + 100), cid, dmy(d),
                    age, care])
    write_csv("police/missing-persons.csv",
              ["report_ref", "child_id", "report_date", "age", "from_care"],
              out)
    return rows


def check_missing():
    with open(path("police/missing-persons.csv"), encoding="utf-8") as f:
        rows = list(csv.DictReader(f))
    res = {}
    outside = 0
    for w in ("current", "previous"):
        per = {}
        care = {}
        for r in rows:
            d = dt.datetime.strptime(r["report_date"], "%d/%m/%Y").date()
            if window(d) != w:
                continue
            per[r["child_id"]] = per.get(r["child_id"], 0) + 1
            if r["from_care"] == "Y":
                care[r["child_id"]] = care.get(r["child_id"], 0) + 1
        res[w] = (len(per), sum(per.values()),
                  sum(1 for n in per.values() if n >= 2),
                  len(care), sum(1 for n in care.values() if n >= 2))
    for r in rows:
        d = dt.datetime.strptime(r["report_date"], "%d/%m/%Y").date()
        outside += window(d) is None
    assert res["current"] == (105, 282, 54, 8, 2), res
    assert res["previous"] == (98, 178, 57, 6, 3), res
    assert outside == 15
    assert len({r["report_ref"] for r in rows}) == len(rows)
    return res


# ---------------------------------------------------------------------------
# Police: crimes and incidents

CRIME_COLS = ["crime_ref", "record_type", "recorded_date", "domestic_abuse",
              "victim_age_band", "child_victim", "child_suspect",
              "race_hate", "cse", "child_protection", "serious_sexual",
              "non_familial_sexual", "cruelty_neglect"]


def make_crimes(rng):
    # Archetypes: (record_type, flags...) with a count per window.  Flags are
    # (da, band, child_victim, child_suspect, race_hate, cse, cp, serious,
    # non_familial, cruelty).  band "*child" picks 0-15 or 16-17, "*adult"
    # picks 18+ or blank.
    def arche(rt, da="N", band="18+", cv="N", cs="N", rh="N", cse="N",
              cp="N", ss="N", nf="N", cn="N"):
        return (rt, da, band, cv, cs, rh, cse, cp, ss, nf, cn)

    kinds = {
        "cruelty": arche("crime", band="0-15", cv="Y", cp="Y", cn="Y"),
        "cp_sexual": arche("crime", band="*child", cv="Y", cp="Y", ss="Y"),
        "cp_sexual_da": arche("crime", da="Y", band="16-17", cv="Y", cp="Y",
                              ss="Y"),
        "cp_other": arche("crime", band="0-15", cv="Y", cp="Y"),
        "cp_da": arche("crime", da="Y", band="0-15", cv="Y", cp="Y"),
        "cse_nf": arche("crime", band="*child", cv="Y", cse="Y", ss="Y",
                        nf="Y"),
        "cse": arche("crime", band="*child", cv="Y", cse="Y"),
        "nf": arche("crime", band="*child", cv="Y", nf="Y"),
        "nf_suspect": arche("crime", band="*child", cv="Y", cs="Y", nf="Y"),
        "race_hate": arche("crime", band="*child", cv="Y", rh="Y"),
        "race_hate_suspect": arche("crime", band="*child", cv="Y", cs="Y",
                                   rh="Y"),
        "da_1617": arche("crime", da="Y", band="16-17", cv="Y"),
        "child_victim": arche("crime", band="*child", cv="Y"),
        "child_on_child": arche("crime", band="*child", cv="Y", cs="Y"),
        "da_adult": arche("crime", da="Y", band="18+"),
        "suspect_only": arche("crime", band="*adult", cs="Y"),
        "adult_race_hate": arche("crime", band="*adult", rh="Y"),
        "filler": arche("crime", band="*adult"),
        "da_incident": arche("incident", da="Y", band="*adult"),
        "da_incident_child": arche("incident", da="Y", band="16-17",
                                   cv="Y"),
        "incident": arche("incident", band="*adult"),
    }
    # Records of each archetype in the current and the previous year.
    years = dict(
        cruelty=(172, 64), cp_sexual=(90, 64), cp_sexual_da=(4, 3),
        cp_other=(77, 175), cp_da=(60, 50), cse_nf=(40, 60), cse=(32, 69),
        nf=(95, 42), nf_suspect=(10, 5), race_hate=(21, 23),
        race_hate_suspect=(5, 5), da_1617=(42, 34), child_victim=(160, 85),
        child_on_child=(100, 40), da_adult=(1820, 1609),
        suspect_only=(475, 510), adult_race_hate=(38, 41),
        filler=(1500, 1400), da_incident=(930, 1031),
        da_incident_child=(14, 12), incident=(520, 560))
    counts = {
        "current": {k: n[0] for k, n in years.items()},
        "previous": {k: n[1] for k, n in years.items()},
        # Older records an extract to 12 months back would still carry.
        "early": dict(da_adult=120, filler=150, da_incident=60,
                      child_victim=15, suspect_only=25, cp_other=6),
    }
    spans = {"current": CUR, "previous": PREV,
             "early": (D(2022, 1, 1), D(2022, 3, 31))}
    rows = []
    for w, cs in counts.items():
        days = days_in(*spans[w])
        for k, n in cs.items():
            a = kinds[k]
            for _ in range(n):
                band = a[2]
                if band == "*child":
                    band = "0-15" if rng.random() < 0.7 else "16-17"
                elif band == "*adult":
                    band = "18+" if rng.random() < 0.85 else ""
                rows.append((rng.choice(days), a[0], a[1], band) + a[3:])
    rows.sort(key=lambda r: (r[0], rng.random()))
    out = []
    seq = {}
    for r in rows:
        pre = "CR" if r[1] == "crime" else "IN"
        key = (pre, r[0].year)
        seq[key] = seq.get(key, 0) + 1
        out.append(["%s%02d%06d" % (pre, r[0].year % 100, seq[key]), r[1],
                    dmy(r[0])] + list(r[2:]))
    write_csv("police/crimes.csv", CRIME_COLS, out)


CRIME_MEASURES = [
    ("Number of Child Suspects of Crimes", (590, 560),
     lambda r: r["record_type"] == "crime" and r["child_suspect"] == "Y"),
    ("Number of Domestic Abuse Incidents (Excluding Crimes)", (944, 1043),
     lambda r: r["record_type"] == "incident" and r["domestic_abuse"] == "Y"),
    ("Number of Domestic Abuse Crimes", (1926, 1696),
     lambda r: r["record_type"] == "crime" and r["domestic_abuse"] == "Y"),
    ("Number of Domestic Abuse Crimes - Victim Age 16 - 17", (46, 37),
     lambda r: r["record_type"] == "crime" and r["domestic_abuse"] == "Y"
     and r["victim_age_band"] == "16-17"),
    ("Number of Child Victims of Crimes", (908, 719),
     lambda r: r["record_type"] == "crime" and r["child_victim"] == "Y"),
    ("Number of Child Victims of Race Hate Crimes", (26, 28),
     lambda r: r["record_type"] == "crime" and r["child_victim"] == "Y"
     and r["race_hate"] == "Y"),
    ("Number of Child Sexual Exploitation Crimes", (72, 129),
     lambda r: r["record_type"] == "crime" and r["cse"] == "Y"),
    ("Number of Child Protection Crime (excluding Domestic Abuse Crimes)",
     (339, 303),
     lambda r: r["record_type"] == "crime" and r["child_protection"] == "Y"
     and r["domestic_abuse"] == "N"),
    ("Number of Child Protection Serious Sexual Offences", (94, 67),
     lambda r: r["record_type"] == "crime" and r["child_protection"] == "Y"
     and r["serious_sexual"] == "Y"),
    ("Number of Non-Familial Sexual Crimes - Child Victim", (145, 107),
     lambda r: r["record_type"] == "crime"
     and r["non_familial_sexual"] == "Y" and r["child_victim"] == "Y"),
    ("Number of Child Protection Crimes for Cruelty and Neglect of Children",
     (172, 64),
     lambda r: r["record_type"] == "crime" and r["child_protection"] == "Y"
     and r["cruelty_neglect"] == "Y"),
]


def check_crimes():
    with open(path("police/crimes.csv"), encoding="utf-8") as f:
        rows = list(csv.DictReader(f))
    for r in rows:
        r["w"] = window(dt.datetime.strptime(r["recorded_date"],
                                             "%d/%m/%Y").date())
        assert r["record_type"] in ("crime", "incident")
        assert r["victim_age_band"] in ("0-15", "16-17", "18+", "")
        if r["child_victim"] == "Y":
            assert r["victim_age_band"] in ("0-15", "16-17"), r
        else:
            assert r["victim_age_band"] in ("18+", ""), r
        for c in CRIME_COLS[5:] + ["domestic_abuse"]:
            assert r[c] in ("Y", "N")
    res = []
    for name, want, f in CRIME_MEASURES:
        got = (sum(1 for r in rows if r["w"] == "current" and f(r)),
               sum(1 for r in rows if r["w"] == "previous" and f(r)))
        assert got == want, (name, got, want)
        res.append((name, got))
    assert len({r["crime_ref"] for r in rows}) == len(rows)
    assert os.path.getsize(path("police/crimes.csv")) < 2000000
    return res, len(rows)


# ---------------------------------------------------------------------------
# Adult safeguarding: concerns and s42 enquiries

FY = {"2021-22": (D(2021, 4, 1), D(2022, 3, 31)),
      "2022-23": (D(2022, 4, 1), D(2023, 3, 31)),
      "2023-24": (D(2023, 4, 1), D(2024, 3, 31))}


def fy_of(d):
    for k, (a, b) in FY.items():
        if a <= d <= b:
            return k
    return None


def make_adults(rng):
    # Per year: concerns, distinct people (2023-24 fixed by the report),
    # outcomes, decisions within 4 days.
    spec = {
        "2021-22": dict(n=1021, people=720,
                        out={"s42(2) enquiry": 240,
                             "s42(1) criteria met": 520,
                             "s42(1) criteria not met": 261},
                        fast=460),
        "2022-23": dict(n=1654, people=1150,
                        out={"s42(2) enquiry": 355,
                             "s42(1) criteria met": 809,
                             "s42(1) criteria not met": 490},
                        fast=695),
        "2023-24": dict(n=1603, people=1086,
                        out={"s42(2) enquiry": 343,
                             "s42(1) criteria met": 673,
                             "s42(1) criteria not met": 517, "": 70},
                        fast=914),
    }
    new_person, _ = id_maker(rng, "A%06d", 100000, 999999)

    concerns = []   # [received, decision, person, outcome]
    carry = []
    for fy, s in spec.items():
        # People: some known from earlier years, each at least one concern,
        # the rest of the concerns spread over them with a skew.
        people = []
        while len(people) < s["people"]:
            if carry and rng.random() < 0.15:
                p = carry.pop(rng.randrange(len(carry)))
            else:
                p = new_person()
            people.append(p)
        persons = list(people)
        for _ in range(s["n"] - s["people"]):
            # A third of people account for most repeats.
            persons.append(people[int(len(people) * rng.random() ** 3)])
        rng.shuffle(persons)
        outcomes = [o for o, c in s["out"].items() for _ in range(c)]
        assert len(outcomes) == s["n"], fy
        rng.shuffle(outcomes)
        fast = [True] * s["fast"] + [False] * (s["n"] - s["fast"])
        rng.shuffle(fast)
        a, b = FY[fy]
        days = days_in(a, b)
        for p, o, f in zip(persons, outcomes, fast):
            rec = rng.choice(days)
            lag = rng.randint(0, 4) if f else rng.randint(5, 40)
            concerns.append([rec, rec + dt.timedelta(lag), p, o])
        carry = list(dict.fromkeys(people))
    concerns.sort(key=lambda c: (c[0], c[2]))
    rows = []
    for i, (rec, dec, p, o) in enumerate(concerns, 1):
        rows.append(["SC%06d" % (i * 3 + 1000), p, dmy(rec), dmy(dec), o])
    write_csv("adults/concerns.csv",
              ["concern_id", "person_id", "received_date", "decision_date",
               "outcome"], rows)

    # Enquiries for the 343 s42(2) concerns of 2023-24.
    enq = [r for r, c in zip(rows, concerns)
           if c[3] == "s42(2) enquiry" and fy_of(c[0]) == "2023-24"]
    dec_of = {r[0]: c[1] for r, c in zip(rows, concerns)}
    assert len(enq) == 343
    # Open enquiries: those from late in the year are likelier to be open.
    order = sorted(range(343), key=lambda i: (dec_of[enq[i][0]],
                                              rng.random()))
    late = order[-60:]
    rng.shuffle(late)
    open_idx = set(late[:21])
    closed = [i for i in range(343) if i not in open_idx]
    assert len(closed) == 322
    asked = set(rng.sample(closed, 260))
    asked_l = sorted(asked)
    rng.shuffle(asked_l)
    achieved = {}
    for j, i in enumerate(asked_l):
        achieved[i] = "fully" if j < 153 else "partly" if j < 233 else "not"
    risk_l = list(closed)
    rng.shuffle(risk_l)
    risk = {}
    for j, i in enumerate(risk_l):
        risk[i] = ("removed" if j < 51 else "reduced" if j < 261
                   else "remains" if j < 300 else "")
    erows = []
    for i, r in enumerate(enq):
        opened = dec_of[r[0]] + dt.timedelta(rng.randint(0, 6))
        if i in open_idx:
            erows.append(["EQ%05d" % (i + 1), r[0], dmy(opened), "", "", "",
                          ""])
            continue
        close = opened + dt.timedelta(rng.randint(10, 120))
        erows.append(["EQ%05d" % (i + 1), r[0], dmy(opened), dmy(close),
                      "Y" if i in asked else "N", achieved.get(i, ""),
                      risk[i]])
    write_csv("adults/enquiries.csv",
              ["enquiry_id", "concern_id", "opened_date", "closed_date",
               "outcome_asked", "outcome_achieved", "risk"], erows)


def pct(num, den):
    """Whole percent, halves away from zero (exact, integer arithmetic)."""
    return (200 * num + den) // (2 * den)


def check_adults():
    with open(path("adults/concerns.csv"), encoding="utf-8") as f:
        rows = list(csv.DictReader(f))
    ddmm = lambda s: dt.datetime.strptime(s, "%d/%m/%Y").date()
    by = {}
    for r in rows:
        r["fy"] = fy_of(ddmm(r["received_date"]))
        by.setdefault(r["fy"], []).append(r)
    assert None not in by
    assert {k: len(v) for k, v in by.items()} == \
        {"2021-22": 1021, "2022-23": 1654, "2023-24": 1603}
    y = by["2023-24"]
    assert len({r["person_id"] for r in y}) == 1086
    oc = {}
    for r in y:
        oc[r["outcome"]] = oc.get(r["outcome"], 0) + 1
    assert oc == {"s42(2) enquiry": 343, "s42(1) criteria met": 673,
                  "s42(1) criteria not met": 517, "": 70}, oc
    assert sum(1 for r in by["2022-23"]
               if r["outcome"] == "s42(1) criteria met") == 809
    fast = {}
    for k, v in by.items():
        fast[k] = sum(1 for r in v if (ddmm(r["decision_date"])
                                       - ddmm(r["received_date"])).days <= 4)
        assert all(ddmm(r["decision_date"]) >= ddmm(r["received_date"])
                   for r in v)
    assert fast["2023-24"] == 914 and pct(914, 1603) == 57
    assert fast["2022-23"] == 695 and pct(695, 1654) == 42
    assert len({r["concern_id"] for r in rows}) == len(rows)

    with open(path("adults/enquiries.csv"), encoding="utf-8") as f:
        enq = list(csv.DictReader(f))
    cid = {r["concern_id"]: r for r in rows}
    assert len(enq) == 343
    assert all(cid[e["concern_id"]]["outcome"] == "s42(2) enquiry"
               and cid[e["concern_id"]]["fy"] == "2023-24" for e in enq)
    assert len({e["concern_id"] for e in enq}) == 343
    closed = [e for e in enq if e["closed_date"]]
    assert len(closed) == 322
    asked = [e for e in closed if e["outcome_asked"] == "Y"]
    assert len(asked) == 260 and pct(260, 322) == 81
    fully = [e for e in asked if e["outcome_achieved"] == "fully"]
    assert len(fully) == 153 and pct(153, 260) == 59
    assert all(e["outcome_achieved"] == "" for e in closed
               if e["outcome_asked"] == "N")
    risk = [e for e in closed if e["risk"]]
    removed = sum(1 for e in risk if e["risk"] == "removed")
    reduced = sum(1 for e in risk if e["risk"] == "reduced")
    assert len(risk) == 300 and removed == 51 and reduced == 210
    assert pct(removed, 300) == 17 and pct(reduced, 300) == 70
    for e in enq:
        assert ddmm(e["opened_date"]) >= \
            ddmm(cid[e["concern_id"]]["decision_date"])
        if e["closed_date"]:
            assert ddmm(e["closed_date"]) > ddmm(e["opened_date"])
        else:
            assert e["outcome_asked"] == e["outcome_achieved"] == \
                e["risk"] == ""


# ---------------------------------------------------------------------------
# Children's social care: contacts and child protection plans

QUARTERS = {
    "2022-23 Q1": (D(2022, 4, 1), D(2022, 6, 30), 1846, 313),
    "2022-23 Q2": (D(2022, 7, 1), D(2022, 9, 30), 1712, 289),
    "2022-23 Q3": (D(2022, 10, 1), D(2022, 12, 31), 1958, 327),
    "2022-23 Q4": (D(2023, 1, 1), D(2023, 3, 31), 2014, 336),
    "2023-24 Q1": (D(2023, 4, 1), D(2023, 6, 30), 1905, 301),
    "2023-24 Q2": (D(2023, 7, 1), D(2023, 9, 30), 1788, 262),
    "2023-24 Q3": (D(2023, 10, 1), D(2023, 12, 31), 2040, 303),
    "2023-24 Q4": (D(2024, 1, 1), D(2024, 3, 31), 2102, 309),
}


def make_contacts(rng):
    pool = ["K%06d" % i for i in rng.sample(range(100000, 999999), 9000)]
    rows = []
    for q, (a, b, n, assess) in QUARTERS.items():
        days = [d for d in days_in(a, b) if d.weekday() < 5]
        eh = int(n * 0.24)
        adv = int(n * 0.37)
        outs = (["assessment"] * assess + ["early help"] * eh
                + ["advice"] * adv
                + ["no further action"] * (n - assess - eh - adv))
        rng.shuffle(outs)
        for o in outs:
            # Skewed draw from the pool: some children are contacted often.
            c = pool[int(len(pool) * rng.random() ** 1.6)]
            rows.append((rng.choice(days), c, o))
    rows.sort()
    write_csv("childrens/contacts.csv",
              ["contact_id", "child_id", "contact_date", "outcome"],
              [["CT%06d" % i, c, dmy(d), o]
               for i, (d, c, o) in enumerate(rows, 1)])


def check_contacts():
    with open(path("childrens/contacts.csv"), encoding="utf-8") as f:
        rows = list(csv.DictReader(f))
    for q, (a, b, n, assess) in QUARTERS.items():
        sel = [r for r in rows if a <= dt.datetime.strptime(
            r["contact_date"], "%d/%m/%Y").date() <= b]
        assert len(sel) == n, q
        assert sum(1 for r in sel if r["outcome"] == "assessment") == assess
        assert 1500 <= n <= 2500
    tot = sum(v[2] for k, v in QUARTERS.items() if k.startswith("2023-24"))
    ass = sum(v[3] for k, v in QUARTERS.items() if k.startswith("2023-24"))
    assert (tot, ass) == (7835, 1175) and pct(ass, tot) == 15
    tot2 = sum(v[2] for k, v in QUARTERS.items() if k.startswith("2022-23"))
    ass2 = sum(v[3] for k, v in QUARTERS.items() if k.startswith("2022-23"))
    assert (tot2, ass2) == (7530, 1265) and pct(ass2, tot2) == 17
    assert {r["outcome"] for r in rows} == {"assessment", "early help",
                                           "advice", "no further action"}
    assert len(rows) == tot + tot2
    return tot, ass, tot2, ass2


SNAP = D(2024, 3, 31)
EXTRACT = D(2024, 6, 28)


def make_plans(rng):
    ids = ["K%06d" % i for i in rng.sample(range(100000, 999999), 600)]
    rows = []
    k = 0
    # 141 children on a plan at 31 March 2024: 9 started before 1 October
    # 2022, 24 of them have since ended (the extract was taken in June 2024).
    for i in range(141):
        if i < 9:
            start = rng.choice(days_in(D(2021, 11, 1), D(2022, 9, 30)))
        else:
            start = rng.choice(days_in(D(2022, 10, 1), SNAP))
        end = None
        if i >= 117:
            end = rng.choice(days_in(D(2024, 4, 1), EXTRACT))
        rows.append([ids[k], start, end])
        k += 1
    # 12 plans started after the snapshot date, still open.
    for i in range(12):
        rows.append([ids[k], rng.choice(days_in(D(2024, 4, 1), EXTRACT)),
                     None])
        k += 1
    # 230 plans that ended on or before 31 March 2024, some on the day.
    for i in range(230):
        end = rng.choice(days_in(D(2021, 4, 1), SNAP)) if i > 2 else SNAP
        start = end - dt.timedelta(rng.randint(60, 700))
        rows.append([ids[k], start, end])
        k += 1
    # A few children on a plan now had an earlier, ended plan.
    for i in range(15):
        cid, start, _ = rows[20 + i]
        end = start - dt.timedelta(rng.randint(90, 400))
        rows.append([cid, end - dt.timedelta(rng.randint(90, 500)), end])
    rows.sort(key=lambda r: (r[1], r[0]))
    write_csv("childrens/cp-plans.csv", ["child_id", "plan_start",
                                          "plan_end"],
              [[c, dmy(s), dmy(e)] for c, s, e in rows])


def check_plans():
    with open(path("childrens/cp-plans.csv"), encoding="utf-8") as f:
        rows = list(csv.DictReader(f))
    p = lambda s: dt.datetime.strptime(s, "%d/%m/%Y").date() if s else None
    on = [r for r in rows if p(r["plan_start"]) <= SNAP
          and (not r["plan_end"] or p(r["plan_end"]) > SNAP)]
    assert len(on) == 141
    assert len({r["child_id"] for r in on}) == 141
    assert sum(1 for r in on if p(r["plan_start"]) < D(2022, 10, 1)) == 9
    assert all(not r["plan_end"] or p(r["plan_end"]) > p(r["plan_start"])
               for r in rows)
    return len(rows)


# ---------------------------------------------------------------------------

def main():
    make_kpi_files()
    write_tsv("population.tsv", ["area", "period", "population_0_17"],
              [["B&NES", "2016-17", 34700], ["B&NES", "2017-18", 35100]])
    write_tsv("bank-holidays.tsv", ["date", "name"],
              [[d.isoformat(), n] for d, n in bank_holidays()])
    make_missing(random.Random(SEED + 2))
    make_crimes(random.Random(SEED + 3))
    make_adults(random.Random(SEED + 4))
    make_contacts(random.Random(SEED + 5))
    make_plans(random.Random(SEED + 6))

    print("missing:", check_missing())
    res, n = check_crimes()
    print("crimes: %d rows" % n)
    for name, got in res:
        print("  %s: %d / %d" % (name, got[0], got[1]))
    check_adults()
    print("adults: ok")
    print("contacts:", check_contacts())
    print("plans: %d rows" % check_plans())


if __name__ == "__main__":
    main()
