#!/bin/bash
# sg-pivot: long to wide and back.
. "${SG_SRC:-$(dirname "$0")/..}/t/tap.sh"
D=$DATA/pivot
KPI=$SAMPLES/published/bnes-2023-24-kpi-agency-ratings.tsv

# Long to wide.
runs_ok "a long table turns wide" sg-pivot -r agency -c quarter -v count $D/long.tsv
printf '%s\n' "$out" >got
same_file got $D/wide.tsv "rows and columns come in first-seen order, empty cells are x"
run sg-pivot -r agency -c quarter -v count --fill 0 $D/long.tsv
is "$(sed -n 3p <<<"$out")" "$(printf 'Police\t7\t0\t9')" "--fill sets the value of empty cells"
run sg-pivot -r agency -c quarter -v count --fill u $D/long.tsv
is "$(sed -n 3p <<<"$out")" "$(printf 'Police\t7\tu\t9')" "--fill u (low reliability) is a symbol"
fails_with 2 "^sg-pivot: --fill: 'q' is not a number or one of the symbols x z c u low$" \
    "--fill of a word is a usage error naming the symbols" sg-pivot -r agency -c quarter -v count --fill q $D/long.tsv
run sg-pivot -r agency -c quarter -v count,rag $D/long.tsv
printf '%s\n' "$out" >got
same_file got $D/wide-rag.tsv "further -v columns become companions CELL.COLUMN after their cell"
run sg-pivot -r agency -c 2 -v 3-4 $D/long.tsv
printf '%s\n' "$out" >got
same_file got $D/wide-rag.tsv "columns can be given by number and range"

# --order.
run sg-pivot -r agency -c quarter -v count --order Q3,Q1,Q2 $D/long.tsv
is "$(head -2 <<<"$out")" "$(printf 'agency\tQ3\tQ1\tQ2\nRUH\tx\t12\t15')" "--order LIST sets the column order"
printf 'quarter\nQ2\nQ4\nQ1\nQ3\n' >order.tsv
run sg-pivot -r agency -c quarter -v count --order order.tsv $D/long.tsv
is "$(head -2 <<<"$out")" "$(printf 'agency\tQ2\tQ4\tQ1\tQ3\nRUH\t15\tx\t12\tx')" \
    "--order FILE reads a one-column table; an ordered value absent from the data is a column of --fill"
run sg-pivot -r agency -c quarter -v count --order <(printf 'q\nQ3\nQ2\nQ1\n') $D/long.tsv
is "$(head -1 <<<"$out")" "$(printf 'agency\tQ3\tQ2\tQ1')" "--order reads a pipe too"
fails_with 1 "long.tsv:6: quarter: not one of the columns of --order: 'Q3'" \
    "a value missing from --order is a data error naming the line" \
    sg-pivot -r agency -c quarter -v count --order Q1,Q2 $D/long.tsv
fails_with 2 "'Q1' is named twice" "a value named twice in --order is a usage error" \
    sg-pivot -r agency -c quarter -v count --order Q1,Q2,Q1 $D/long.tsv
fails_with 2 "empty column name" "an empty item in --order is a usage error" \
    sg-pivot -r agency -c quarter -v count --order Q1,,Q2 $D/long.tsv

# Duplicates and aggregation.
fails_with 1 "teams.tsv:4: n: a second value for the cell already filled at .*teams.tsv:2 \(use --agg\): '0.1'" \
    "two values for one cell is a data error naming both lines" \
    sg-pivot -r team -c month -v n $D/teams.tsv
run sg-pivot -r team -c month -v n --agg first $D/teams.tsv
printf '%s\n' "$out" >got
same_file got $D/teams-first.tsv "--agg first keeps the first value of a cell"
run sg-pivot -r team -c month -v n --agg sum $D/teams.tsv
printf '%s\n' "$out" >got
same_file got $D/teams-sum.tsv "--agg sum adds exactly (2.5+0.1+0.2+0.2 is 3) and propagates symbols (c, x)"
run sg-pivot -r team,kind -c month -v n --agg sum $D/teams.tsv
printf '%s\n' "$out" >got
same_file got $D/teams-sum2.tsv "several -r columns name a row; 0.1+0.2 prints as 0.3"
run sg-pivot -r team -c month --agg count $D/teams.tsv
printf '%s\n' "$out" >got
same_file got $D/teams-count.tsv "--agg count counts rows, symbols included, and needs no -v"
run sg-pivot -r team,kind -c month -v n --agg count $D/teams.tsv
is "$(tail -1 <<<"$out")" "$(printf 'North\treferral\t2\t0')" "--agg count fills an empty cell with 0"
run sg-pivot -r team,kind -c month -v n --agg count --fill x $D/teams.tsv
is "$(tail -1 <<<"$out")" "$(printf 'North\treferral\t2\tx')" "--agg count with --fill uses the fill"
run sg-pivot -r team,kind -c month -v n --agg mean $D/teams.tsv
printf '%s\n' "$out" >got
same_file got $D/teams-mean.tsv "--agg mean divides the exact sum by the rows"
printf 'a\tb\tv\n1\tp\tlow\n1\tp\t2\n2\tp\tz\n2\tp\t3\n' >sym.tsv
run sg-pivot -r a -c b -v v --agg sum sym.tsv
is "$out" "$(printf 'a\tp\n1\tx\n2\tz')" "--agg sum gives x for low beside 2 (near 2, not 0) and z over a number (sg.7)"
printf 'a\tb\tv\n1\tp\t5\n1\tp\tfive\n' >bad.tsv
fails_with 1 "bad.tsv:3: v: cannot sum: not a number or a symbol: 'five'" \
    "--agg sum of a word is a data error" sg-pivot -r a -c b -v v --agg sum bad.tsv
fails_with 1 "bad.tsv:3: v: cannot average" "--agg mean of a word is a data error" \
    sg-pivot -r a -c b -v v --agg mean bad.tsv
printf 'a\tb\tv\n1\tp\t0.1\n1\tp\t12345678901234567890123456789012345\n' >long-num.tsv
run sg-pivot -r a -c b -v v --agg sum long-num.tsv
is "$(tail -1 <<<"$out")" "$(printf '1\t12345678901234600000000000000000000')" \
    "a number too long for exact sums is summed to 15 significant digits"

# Values pass through untouched.
printf 'k\tc\tv\nA\tp\ta\\\\tb\nA\tq\t<script>\n' >esc.tsv
run sg-pivot -r k -c c -v v esc.tsv
is "$out" "$(printf 'k\tp\tq\nA\ta\\\\tb\t<script>')" "values pass through with their escapes"

# Round trip of the published agency-by-KPI matrix.
runs_ok "the published matrix goes long" sg-pivot --longer -k KPI,'Target %' $KPI
printf '%s\n' "$out" >long.tsv
is "$(sed -n '1,3p' long.tsv)" "$(printf 'KPI\tTarget %%\tname\tvalue\n1.1\t85\tRUH\t90\n1.1\t85\tMidsomer Homecare\t100')" \
    "--longer writes key, name, value rows"
is "$(wc -l <long.tsv)" "273" "16 KPIs x 17 agencies make 272 rows"
sg-pivot -r KPI,'Target %' -c name -v value long.tsv >back.tsv
same_file back.tsv $KPI "back with the defaults it is the published table byte for byte"

# --longer.
run sg-pivot --longer -k agency $D/wide.tsv
printf '%s\n' "$out" >got
same_file got $D/wide-long.tsv "--longer turns every non-key column into a row"
run sg-pivot --longer -k agency --names quarter --values count $D/wide.tsv
is "$(head -1 <<<"$out")" "$(printf 'agency\tquarter\tcount')" "--names and --values name the columns"
run sg-pivot --longer -k 1 $D/wide-rag.tsv
is "$(sed -n 3p <<<"$out")" "$(printf 'RUH\tQ1.rag\tG')" "without -C a companion column is an ordinary column"
run sg-pivot --longer -k agency -C $D/wide-rag.tsv
printf '%s\n' "$out" >got
same_file got $D/wide-rag-long.tsv "-C puts companions X.S in a column S beside X's value"
sg-pivot -r agency -c name -v value,rag got >back
same_file back $D/wide-rag.tsv "-C then -v value,rag round-trips"
printf 'k\tA\tA.rag\tB\n1\t5\tG\t6\n' >part.tsv
run sg-pivot --longer -k k -C part.tsv
is "$out" "$(printf 'k\tname\tvalue\trag\n1\tA\t5\tG\n1\tB\t6\tx')" "-C fills a missing companion with x"
printf 'k\tA\tA.name\n1\t5\tG\n' >clash.tsv
fails_with 2 "'name' is already a column" "-C refuses a suffix that clashes with a column" \
    sg-pivot --longer -k k -C clash.tsv
fails_with 2 "--names: 'agency' is already a column" "--names may not repeat a key" \
    sg-pivot --longer -k agency --names agency $D/wide.tsv

# The police pipeline: one row per period, then measure/current/previous.
printf 'period\treports\tchildren\ncurrent\t282\t105\nprevious\t178\t98\n' >agg.tsv
sg-pivot --longer -k period --names measure --values value agg.tsv |
    sg-pivot -r measure -c period -v value --order current,previous >cp.tsv
is "$(cat cp.tsv)" "$(printf 'measure\tcurrent\tprevious\nreports\t282\t178\nchildren\t105\t98')" \
    "--longer then --order current,previous makes measure/current/previous"
printf 'period\treports\tchildren\nprevious\t178\t98\ncurrent\t282\t105\n' >agg2.tsv
sg-pivot --longer -k period --names measure agg2.tsv |
    sg-pivot -r measure -c period -v value --order current,previous >cp2.tsv
same_file cp2.tsv cp.tsv "--order puts current first whatever order the periods come in"

# Edge cases of the stream.
printf 'agency\tquarter\tcount\n' >hdr.tsv
run sg-pivot -r agency -c quarter -v count hdr.tsv
is "$out" "agency" "a header-only input gives the row columns' header"
run sg-pivot -r agency -c quarter -v count --order Q1,Q2 hdr.tsv
is "$out" "$(printf 'agency\tQ1\tQ2')" "a header-only input with --order gives the ordered header"
run sg-pivot --longer -k agency hdr.tsv
is "$out" "$(printf 'agency\tname\tvalue')" "--longer of a header-only input is a header"
: >empty.tsv
fails_with 1 "empty input" "an empty input is a data error" sg-pivot -r a -c b -v c empty.tsv
sed 's/$/\r/' $D/long.tsv >crlf.tsv
run sg-pivot -r agency -c quarter -v count crlf.tsv
printf '%s\n' "$out" >got
same_file got $D/wide.tsv "CRLF input is read"
gzip -c $D/long.tsv >long.gz
run sg-pivot -r agency -c quarter -v count long.gz
printf '%s\n' "$out" >got
same_file got $D/wide.tsv "gzip input is read"
head -3 $D/long.tsv >p1.tsv
(head -1 $D/long.tsv; tail -n +4 $D/long.tsv) >p2.tsv
run sg-pivot -r agency -c quarter -v count p1.tsv p2.tsv
printf '%s\n' "$out" >got
same_file got $D/wide.tsv "several files are one stream"
sg-pivot -r agency -c quarter -v count -o out.tsv -z $D/long.tsv
gzip -dc out.tsv >got
same_file got $D/wide.tsv "-o writes a file, -z gzips it"
printf 'k\tc\tv\nA\t\t1\n' >emptyc.tsv
fails_with 1 "emptyc.tsv:2: c: empty value where a column name is wanted" \
    "an empty -c value is a data error" sg-pivot -r k -c c -v v emptyc.tsv
printf 'k\tc\tv\nA\tk\t1\n' >dupname.tsv
fails_with 1 "dupname.tsv:2: c: the output would have two columns of this name: 'k'" "an output column name that repeats a row column is an error" \
    sg-pivot -r k -c c -v v dupname.tsv
# With two -v columns, value x gives columns x and x.w; a later value x.w
# would give a second x.w: refused where it is read.
printf 'k\tc\tv\tw\nA\tx\t1\t2\nB\tx.w\t3\t4\n' >dupname2.tsv
fails_with 1 "dupname2.tsv:3: c: the output would have two columns of this name: 'x.w'" \
    "a column value that repeats another's companion name is an error at its line" \
    sg-pivot -r k -c c -v v,w dupname2.tsv
run bash -c "sg-pivot -r agency -c quarter -v count $D/long.tsv >/dev/full"
is "$rc" "1" "a full disk on standard output is exit 1"
awk 'BEGIN { print "k\ta\tb\tc"; for (i = 0; i < 100000; i++) print "r" i "\t1\t2\t3" }' >big.tsv
sg-pivot --longer -k k big.tsv 2>pipe.err | head -1 >/dev/null
ok "${PIPESTATUS[0]}" "a closed pipe ends sg-pivot quietly (exit 0)"
is "$(cat pipe.err)" "" "and says nothing"

# Usage errors: in t/cases/sg-pivot; --help and -V here.
run sg-pivot --help
like "$out" "^usage: sg-pivot -r COLS -c COL -v COLS" "--help prints the usage"
is "$rc" "0" "--help exits 0"
run sg-pivot -V
like "$out" "^sg-pivot " "-V prints the version"

done_testing
