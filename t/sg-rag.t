#!/bin/bash
# sg-rag: Red/Amber/Green ratings against targets, decided exactly.
. "${SG_SRC:-$(dirname "$0")/..}/t/tap.sh"

D=$DATA/rag
TABLE=$SAMPLES/published/bnes-2023-24-kpi-agency-ratings.tsv

# The published 16 x 17 agency table, long: one row per KPI and agency,
# with the report's N/A as z and its / and TBC as x.
awk -F'\t' 'BEGIN { OFS = "\t" }
    NR == 1 { for (i = 3; i <= NF; i++) a[i] = $i
	print "kpi", "target", "agency", "value"; next }
    { for (i = 3; i <= NF; i++) { v = $i
	if (v == "N/A") v = "z"; else if (v == "/" || v == "TBC") v = "x"
	print $1, $2, a[i], v } }' "$TABLE" >kpi.tsv
is "$(($(wc -l <kpi.tsv) - 1))" 272 "the published table holds 16 x 17 = 272 cells"

counts() {	# the G A R B x counts of column $1 of $out
	for r in G A R B x; do
		printf '%s=%s ' "$r" "$(awk -F'\t' -v c="$1" -v r="$r" \
		    'NR > 1 && $c == r' <<<"$out" | wc -l)"
	done
}

# --- the published table ------------------------------------------------
# Counted by hand, KPI by KPI (points, tolerance 15, polarity high):
#        1.1 1.2 1.3 1.4 1.5 1.6 1.7 1.8 1.9 1.10 1.11 1.12 1.13 1.14 1.15 1.16
#   G     11  10  10  12  13  11  10   9  15  13    8    8   12    6    7    8 = 163
#   A      0   1   1   1   1   1   1   1   0   0    2    0    1    2    3    1 =  16
#   R      1   1   2   2   2   1   2   2   0   1    1    1    0    1    0    1 =  18
#   B      3   2   2   1   1   3   3   3   2   2    3    5    2    5    5    6 =  48
#   x      2   3   2   1   0   1   1   2   0   1    3    3    2    3    2    1 =  27
# B is the 48 cells printed N/A; x the 26 printed / and the one TBC.
is "$(grep -c '	z$' kpi.tsv):$(grep -c '	x$' kpi.tsv)" "48:27" \
    "the table prints 48 N/A and 27 / or TBC"
runs_ok "points mode rates the published table" \
    sg-rag -v value -t target --mode points --tolerance 15 kpi.tsv
printf '%s\n' "$out" >points.tsv
is "$(counts 5)" "G=163 A=16 R=18 B=48 x=27 " \
    "points mode, tolerance 15: the counts worked out by hand"
runs_ok "relative mode rates the published table" \
    sg-rag -v value -t target --mode relative kpi.tsv
printf '%s\n' "$out" >relative.tsv
is "$(counts 5)" "G=163 A=14 R=20 B=48 x=27 " \
    "relative mode (the default tolerance 15): two Ambers become Red"
is "$(diff points.tsv relative.tsv | grep '^>' | cut -f1,3-5)" \
    "$(printf "> 1.6\tChildren' s Social Care\t67\tR\n> 1.8\tOxford Health\t76\tR")" \
    "the modes differ on exactly KPI 1.6 Children's Social Care and 1.8 Oxford Health"
is "$(awk -F'\t' '$1 == "1.4" && $4 == 68 { print $2, $5 }' relative.tsv)" "80 A" \
    "68 against 80 is A in relative mode: exactly 15% short, on the boundary"
is "$(awk -F'\t' '$1 == "1.4" && $4 == 68 { print $5 }' points.tsv)" "A" \
    "68 against 80 is A in points mode too (12 points short)"
run sg-rag -v value -t target kpi.tsv
is "$out" "$(cat relative.tsv)" "relative mode and tolerance 15 are the defaults"

# --- every rule, per row from columns (t/data/rag/cases.tsv) -------------
run sg-rag -v value -t target -p polarity -T tolerance -P prev "$D/cases.tsv"
is "$(awk -F'\t' 'NR > 1 && ($7 != $10 || $9 != $11) { print $1 }' <<<"$out")" "" \
    "relative mode: every case's rating and direction as worked out by hand"
is "$(awk -F'\t' 'NR > 1' <<<"$out" | wc -l)" 24 "all 24 cases are rated"
is "$(head -1 <<<"$out" | cut -f10,11)" "$(printf 'rag\ttrend')" \
    "the new columns are rag and trend"
run sg-rag -v value -t target -p polarity -T tolerance -m points "$D/cases.tsv"
is "$(awk -F'\t' 'NR > 1 && $8 != $10 { print $1 }' <<<"$out")" "" \
    "points mode: every case's rating as worked out by hand"

# --- constants and names -------------------------------------------------
printf 'kpi\tvalue\tlast\n1\t70\t60\n2\t84\t90\n3\t86\t86\n' >k.tsv
run sg-rag -v value -t 85 k.tsv
is "$(cut -f4 <<<"$out" | tr '\n' ' ')" "rag R A G " \
    "a constant target (85: 70 is 17.6% short, 84 is 1.2% short)"
run sg-rag -v value -t 85 -T 20 k.tsv
is "$(cut -f4 <<<"$out" | tr '\n' ' ')" "rag A A G " "a constant tolerance"
run sg-rag -v value -t 85 -p low k.tsv
is "$(cut -f4 <<<"$out" | tr '\n' ' ')" "rag G G A " "a constant polarity low"
run sg-rag -v value -t 85 -p none k.tsv
is "$(cut -f4 <<<"$out" | tr '\n' ' ')" "rag x x x " "polarity none judges nothing"
run sg-rag -v 2 -t 85 -P 3 -n RUH.rag -N RUH.trend k.tsv
is "$out" "$(printf 'kpi\tvalue\tlast\tRUH.rag\tRUH.trend\n1\t70\t60\tR\tup better\n2\t84\t90\tA\tdown worse\n3\t86\t86\tG\tsame')" \
    "columns by number; -n and -N name the new columns"
printf 'kpi\t80\n1\t70\n' >n80.tsv
run sg-rag -v 1 -t 80 n80.tsv
is "$(tail -1 <<<"$out")" "$(printf '1\t70\tR')" \
    "a column name wins over a constant (column '80' holds 70)"

# --- stream behaviour ---------------------------------------------------
printf 'v\tt\n' >hdr.tsv
run sg-rag -v v -t t hdr.tsv
is "$out" "$(printf 'v\tt\trag')" "header-only input gives the header"
: >empty.tsv
fails_with 1 'empty input' "empty input is a data error" sg-rag -v v -t t empty.tsv
printf 'v\tt\r\n68\t80\r\n' >crlf.tsv
run sg-rag -v v -t t crlf.tsv
is "$out" "$(printf 'v\tt\trag\n68\t80\tA')" "CRLF input is read, LF written"
printf 'v\tt\n90\t80\n' | gzip >in.gz
run sg-rag -v v -t t in.gz crlf.tsv
is "$out" "$(printf 'v\tt\trag\n90\t80\tG\n68\t80\tA')" \
    "gzip input and several files are one stream"
runs_ok "-o and -z write a gzip file" sg-rag -v v -t t -z -o out.gz crlf.tsv
is "$(gzip -dc out.gz)" "$(printf 'v\tt\trag\n68\t80\tA')" "-o -z output unzips"
fails_with 1 'write error' "a full disk is exit 1" \
    sg-rag -v value -t target -o /dev/full kpi.tsv
seq 1 200000 | awk 'BEGIN { print "v\tt" } { print $1 "\t7" }' >big.tsv
sg-rag -v v -t t big.tsv 2>pipe.err | head -1 >/dev/null
is "${PIPESTATUS[0]}:$(cat pipe.err)" "0:" "a closed pipe ends quietly"

# --- bad data -----------------------------------------------------------
printf 'v\tt\tp\tn\n68\t80\thigh\t15\n6x\t80\thigh\t15\n' >bad.tsv
fails_with 1 "^sg-rag: bad.tsv:3: v: not a number: '6x'$" \
    "a non-number value names file, line and column; exit 1" \
    sg-rag -v v -t t bad.tsv
printf 'v\tt\n68\t80%%\n' >pct.tsv
fails_with 1 "pct.tsv:2: t: not a number: '80%'" "a non-number target is a data error" \
    sg-rag -v v -t t pct.tsv
printf 'v\tt\tp\n68\t80\tup\n' >pol.tsv
fails_with 1 "pol.tsv:2: p: not a polarity \(high, low or none\): 'up'" \
    "a bad polarity in a column is a data error" sg-rag -v v -t t -p p pol.tsv
printf 'v\tt\tn\n68\t80\t-1\n' >tol.tsv
fails_with 1 "tol.tsv:2: n: negative tolerance: '-1'" \
    "a negative tolerance in a column is a data error" sg-rag -v v -t t -T n tol.tsv
printf 'v\tt\tq\n68\t80\t1\n1\t2\tq\n70\tc\t1\n' >prev.tsv
run sg-rag -v v -t t -P q --reject rej.tsv prev.tsv
is "$rc:$out" "$(printf '0:v\tt\tq\trag\ttrend\n68\t80\t1\tA\tup better\n70\tc\t1\tx\tup better')" \
    "--reject sets a row with a bad previous value aside and goes on"
is "$(cat rej.tsv)" "$(printf "v\tt\tq\treason\n1\t2\tq\tprev.tsv:3: q: not a number: 'q'")" \
    "the rejected row keeps its columns plus a reason"
like "$err" "1 row set aside in rej.tsv" "--reject says how many rows it set aside"

# --- bad command lines: in t/cases/sg-rag; --help and -V here. -------
run sg-rag --help
like "$rc:$out" "^0:usage: sg-rag" "--help prints usage, exit 0"
run sg-rag -V
like "$rc:$out" "^0:sg-rag " "-V prints the version"

printf 'v\tt\n68\t80\nu\t80\n' >u.tsv
run sg-rag -v v -t t -p high u.tsv
is "$rc:$(cut -f3 <<<"$out" | tail -1)" "0:x" "a u value (low reliability) is rated x, not judged"

done_testing
