#!/bin/bash
# sg-suppress: primary and secondary suppression of small counts.
. "${SG_SRC:-$(dirname "$0")/..}/t/tap.sh"
D=$DATA/suppress
CHECK=$SG_BUILD/t/suppress-check

# Primary suppression by profile.
printf 'k\tn\tm\nA\t0\t1\nB\t5\t6\nC\t4\t7\nD\t8\t12\nE\t13\t22\nF\t23\t9\n' >p.tsv
run sg-suppress -c n,m p.tsv
is "$out" "$(printf 'k\tn\tm\nA\t0\tc\nB\tc\t6\nC\tc\t7\nD\t8\t12\nE\t13\t22\nF\t23\t9')" \
    "dfe (the default): 1 to 5 become c, 0 stays 0"
run sg-suppress -c n,m --profile dfe p.tsv
is "$out" "$(printf 'k\tn\tm\nA\t0\tc\nB\tc\t6\nC\tc\t7\nD\t8\t12\nE\t13\t22\nF\t23\t9')" \
    "--profile dfe says so"
run sg-suppress -c 2-3 --profile nhs p.tsv
is "$out" "$(printf 'k\tn\tm\nA\tc\tc\nB\t5\t5\nC\tc\t5\nD\t10\t10\nE\t15\t20\nF\t25\t10')" \
    "nhs: 0 to 4 become c, the others round to the nearest 5"
run sg-suppress -c n,m --profile 10 p.tsv
is "$out" "$(printf 'k\tn\tm\nA\t0\tc\nB\tc\tc\nC\tc\tc\nD\tc\t12\nE\t13\t22\nF\t23\tc')" \
    "N: 1 to N-1 become c"

# Secondary suppression, hand-worked on a 3 x 3 table with no totals in it.
run sg-suppress -c 2-4 --secondary row $D/t2.tsv
printf '%s\n' "$out" >got
same_file got $D/t2-row.tsv "--secondary row hides the next smallest cell of a row with one hidden"
run sg-suppress -c 2-4 --secondary col $D/t2.tsv
printf '%s\n' "$out" >got
same_file got $D/t2-col.tsv "--secondary col hides the next smallest cell of a column with one hidden"
run sg-suppress -c 2-4 --secondary both $D/t2.tsv
printf '%s\n' "$out" >got
same_file got $D/t2-both.tsv "--secondary both closes the cheapest cycle (12 and 9)"
run sg-suppress -c 2-5 --secondary both $D/bridge.tsv
printf '%s\n' "$out" >got
same_file got $D/bridge-both.tsv \
    "a cell joining two blocks of hidden cells is protected though every line has two hidden"
run sg-suppress -c 2-4 $D/t2.tsv
is "$(sed -n 2p <<<"$out")" "$(printf 'A\tc\t9\t20')" "without totals or --secondary, only primary"

# The "Outcome of Request for Service" table: outcomes by quarter, with a
# Total row and a Total column; small outcome rows.
run sg-suppress -c Q1,Q2,Q3,Q4 --total-row Total --total-col Total --secondary both $D/outcomes.tsv
printf '%s\n' "$out" >both.tsv
same_file both.tsv $D/outcomes-both.tsv "the outcomes table is protected as worked by hand"
ok "$([ -x "$CHECK" ]; echo $?)" "t/suppress-check is built (make check builds it; by hand: make t/suppress-check)"
run "$CHECK" --file $D/outcomes.tsv both.tsv 1 1 1 1 0
is "$rc:$out" "0:11 hidden, none recoverable" \
    "no hidden cell of the outcomes table can be worked out from the totals"
run "$CHECK" --file $D/outcomes.tsv $D/outcomes-published.tsv 1 1 1 1 0
like "$rc:$err" "^1:.*can be worked out" \
    "blanking the small cells but keeping the totals, as published, is not enough"
run "$CHECK" --file $D/bridge.tsv $D/bridge-lines.tsv 0 0 1 1 0
like "$rc:$err" "^1:.*row 1 column 3 \(4\) can be worked out" \
    "two hidden cells in every line is not enough"
run "$CHECK" --file $D/bridge.tsv $D/bridge-both.tsv 0 0 1 1 0
is "$rc:$out" "0:10 hidden, none recoverable" "the cycle test's pattern is safe"
run sg-suppress -c 2-5 -t Total -T Total $D/outcomes.tsv
is "$out" "$(cat $D/outcomes-both.tsv)" "totals in the table are reasoned with even without --secondary"
run "$CHECK" "$SG_BUILD/tools/sg-suppress" 1000 20261124 "$TMP"
is "$rc" 0 "the brute-force property holds on 1000 random tables"
printf '# %s\n' "$out"
[ "$rc" = 0 ] || printf '%s\n' "$err" | head -30 | sed 's/^/#   /'
run sg-suppress -c 2-5 -t Total $D/outcomes.tsv
is "$(sed -n 9,10p <<<"$out")" "$(printf 'Private fostering assessment\tc\tc\tc\t0\t3\nDuplicate request\tc\tc\t6\tc\t18')" \
    "a total column not named by --total-col is an ordinary column"

# Row labels and totals found by --row-key.
awk -F'\t' -v OFS='\t' '{ print "x" NR, $0 }' $D/outcomes.tsv | sed '1s/^x1/id/' >keyed.tsv
run sg-suppress -c 3-6 -k Outcome -t Total -T Total keyed.tsv
is "$(cut -f 2- <<<"$out")" "$(cat $D/outcomes-both.tsv)" "--row-key names the column the total row is found in"

# Symbols.
printf 'k\ta\tb\tc\nA\tc\t8\t20\nB\tx\t12\t30\nC\tz\tlow\t7\n' >sym.tsv
run sg-suppress -c 2-4 --secondary row sym.tsv
is "$out" "$(printf 'k\ta\tb\tc\nA\tc\tc\t20\nB\tx\t12\t30\nC\tz\tlow\t7')" \
    "symbols pass through; a c in the input is hidden and protected like the others"
printf 'k\ta\tb\nA\tu\t8\nB\t12\t30\n' >u.tsv
run sg-suppress -c 2-3 u.tsv
is "$rc:$out" "$(printf '0:k\ta\tb\nA\tu\t8\nB\t12\t30')" \
    "u (DfE's low reliability) is a symbol and passes through"

printf 'k\ta\tb\tc\nA\t0\t0\tc\nB\t7\t9\t12\n' >inc.tsv
run sg-suppress -c 2-4 -s row inc.tsv
is "$out" "$(printf 'k\ta\tb\tc\nA\tc\t0\tc\nB\t7\t9\t12')" \
    "a c of the input that could only be protected if it is not 0 is taken to be 1 or more"
like "$err" "protecting it on the assumption that they stand for 1 or more" "and a warning says so"

# --with.
printf 'agency\treferrals\tpopulation\trate\tpct\nNorth\t4\t2000\t2.0\t10.0\nSouth\t36\t3000\t12.0\t90.0\n' >rate.tsv
run sg-suppress -c referrals --with rate=referrals --with pct=referrals rate.tsv
is "$out" "$(printf 'agency\treferrals\tpopulation\trate\tpct\nNorth\tc\t2000\tc\tc\nSouth\t36\t3000\t12.0\t90.0')" \
    "--with hides a rate and a percentage whose count is hidden"
printf 'k\ta\tb\tpa\tpb\nA\t3\t9\t25\t75\nB\t12\t40\t23\t77\n' >with2.tsv
run sg-suppress -c a,b --secondary row --with pa=a --with pb=b with2.tsv
is "$out" "$(printf 'k\ta\tb\tpa\tpb\nA\tc\tc\tc\tc\nB\t12\t40\t23\t77')" \
    "--with follows secondary suppression too"
run sg-suppress -c a,b --with pa=a,b with2.tsv
is "$(sed -n 2p <<<"$out")" "$(printf 'A\tc\t9\tc\t75')" "--with D=C,C hides D when any of them is hidden"
# The way instead: suppress and round, then compute from the published counts.
printf 'agency\treferrals\tpopulation\nNorth\t4\t2000\nSouth\t36\t3000\n' >counts.tsv
run sh -c "sg-suppress -c referrals --profile nhs counts.tsv | sg-rate -r 'rate=referrals/population*10000'"
is "$out" "$(printf 'agency\treferrals\tpopulation\trate\nNorth\tc\t2000\tc\nSouth\t35\t3000\t116.7')" \
    "nhs, then sg-rate: 36 published as 35, its rate 35 / 3,000 x 10,000 = 116.7 (not 120.0), c for c"

# Data errors: in t/cases/sg-suppress.

# The stream.
printf 'k\ta\tb\tc\n' >hdr.tsv
run sg-suppress -c 2-4 -s both -t Total hdr.tsv
is "$rc:$out" "$(printf '0:k\ta\tb\tc')" "a header-only input gives its header"
sed 's/$/\r/' $D/t2.tsv >crlf.tsv
run sg-suppress -c 2-4 -s both crlf.tsv
printf '%s\n' "$out" >got
same_file got $D/t2-both.tsv "CRLF input is read"
gzip -c $D/t2.tsv >t2.gz
sg-suppress -c 2-4 -s both -o out.tsv -z t2.gz
gzip -dc out.tsv >got
same_file got $D/t2-both.tsv "gzip input is read, -o writes a file and -z gzips it"
head -3 $D/t2.tsv >h1.tsv
(head -1 $D/t2.tsv; tail -1 $D/t2.tsv) >h2.tsv
run sg-suppress -c 2-4 -s both h1.tsv h2.tsv
printf '%s\n' "$out" >got
same_file got $D/t2-both.tsv "several files are one table"
run bash -c "sg-suppress -c 2-4 $D/t2.tsv >/dev/full"
is "$rc" "1" "a full disk is exit 1"
awk 'BEGIN { print "k\ta\tb"; for (i = 0; i < 100000; i++) print "r" i "\t10\t20" }' >big.tsv
sg-suppress -c a,b big.tsv 2>pipe.err | head -1 >/dev/null
ok "${PIPESTATUS[0]}" "a closed pipe ends sg-suppress quietly (exit 0)"
is "$(cat pipe.err)" "" "and says nothing"

# Usage errors: in t/cases/sg-suppress; --help and -V here.
run sg-suppress --help
like "$out" "^usage: sg-suppress -c COLS" "--help prints the usage"
run sg-suppress -V
like "$out" "^sg-suppress " "-V prints the version"

done_testing
