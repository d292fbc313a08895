#!/bin/bash
# sg-check: recompute a table's totals, percentages and changes at the
# precision shown, report every mismatch, pass the stream through.
. "${SG_SRC:-$(dirname "$0")/..}/t/tap.sh"

D=$DATA/check
POLICE=$SAMPLES/published/bnes-2023-24-police-12m-rolling.tsv
CHG='Current,Previous,Chg,% Chg'

# The four published police tables as one stream, values exactly as
# printed (+7, 1,043, +7.1%): only the section lines are dropped.
awk -F'\t' 'BEGIN { OFS = "\t"; print "measure", "Current", "Previous",
    "Chg", "% Chg" }
    $2 == "Current" || $2 == "12 Month Rolling" { next } { print }' \
    "$POLICE" >printed.tsv
is "$(grep -c '1,043' printed.tsv):$(grep -c '+168.8%' printed.tsv)" "1:1" \
    "the police table is kept as printed"

# --- the published tables ----------------------------------------------
run sg-check --change "$CHG" printed.tsv
is "$rc:$err" "0:" "--change flags nothing on the police tables as printed"
printf '%s\n' "$out" >passed.tsv
same_file passed.tsv printed.tsv "the stream passes through unchanged"

sed 's/\t282\t/\t283\t/' printed.tsv >283.tsv
run sg-check --change "$CHG" 283.tsv
is "$rc" 1 "283 reports in place of 282: exit 1"
is "$err" "$(printf '%s\n' \
    'sg-check: 283.tsv:3: change Chg: expected 105, found 104' \
    'sg-check: 283.tsv:3: change % Chg: expected 59.0, found 58.4%' \
    'sg-check: 2 checks failed in 1 of 16 rows')" \
    "283 in place of 282: the Chg and the % Chg (58.4 printed, 59.0 due) are flagged"
printf '%s\n' "$out" >passed.tsv
same_file passed.tsv 283.tsv "a failing table still passes through whole"
run sg-check --change 'Current,Previous,-,% Chg' 283.tsv
is "$err" "$(printf '%s\n' \
    'sg-check: 283.tsv:3: change % Chg: expected 59.0, found 58.4%' \
    'sg-check: 1 check failed in 1 of 16 rows')" "- skips the Chg column"
run sg-check --change 'Current,Previous,Chg,-' 283.tsv
like "$err" "change Chg: expected 105, found 104" "- skips the % Chg column"
unlike "$err" "% Chg:" "... and then % Chg is not checked"

# sg-rate's own plain output checks clean, at the places it printed.
awk -F'\t' 'BEGIN { OFS = "\t" } { NF = 3; gsub(/,/, "", $2);
    gsub(/,/, "", $3); print }' printed.tsv >counts.tsv
sg-rate -c Current,Previous:2 counts.tsv >rated.tsv
run sg-check -c "$CHG" rated.tsv
is "$rc:$err" "0:" "sg-rate --change output checks clean (plain forms, 2 places)"

# --- totals and percentages (t/data/check/sums.tsv, worked by hand) ------
cp "$D/sums.tsv" sums.tsv
run sg-check --total 'total=a+b+c' --pct 'share=count/of' \
    --pct 'share1dp=count/of' sums.tsv
is "$rc" 1 "--total and --pct failures: exit 1"
printf '%s\n' "$err" >sums.err
same_file sums.err "$D/sums.err" \
    "every mismatch reported: 87 printed where 15/20 gives 75, a wrong total, precision as shown"
like "$(sed -n 3p sums.err)" "expected z, found 0.0" \
    "a percentage of 0 is z and must be printed so"
run sg-check --total 'total=a+b+c' sums.tsv
like "$err" "sums.tsv:7: total total: expected 6, found 7" \
    "--total catches a total that is not the sum of its parts"
unlike "$err" "sums.tsv:[56]:" "rows with a symbol among the parts are not checked"
unlike "$err" "sums.tsv:3:" "1,043 + 7 + 0 = 1,050 is read in report form"
run sg-check --pct 'share=count/of' sums.tsv
is "$(head -1 <<<"$err")" "sg-check: sums.tsv:3: pct share: expected 75, found 87" \
    "--pct catches 87 printed where 15/20 gives 75"
printf 'n\td\tp\n1\t8\t13\n1\t8\t12\n1\t8\t12.5%%\n' >half.tsv
run sg-check -p p=n/d half.tsv
is "$err" "$(printf '%s\n' 'sg-check: half.tsv:3: pct p: expected 13, found 12' \
    'sg-check: 1 check failed in 1 of 3 rows')" \
    "12.5 shown to 0 places must be 13 (halves away from zero)"

# --- rows: unique, required, range (t/data/check/rows.tsv) -------------
cp "$D/rows.tsv" rows.tsv
run sg-check -u kpi,agency -r agency,value -b value:0:100 -b target:0: rows.tsv
is "$rc" 1 "row checks failing: exit 1"
printf '%s\n' "$err" >rows.err
same_file rows.err "$D/rows.err" "--unique, --required and --range report every failure"
run sg-check --warn -u kpi,agency -r agency,value -b value:0:100 \
    -b target:0: rows.tsv
is "$rc" 0 "--warn reports and exits 0"
printf '%s\n' "$err" >warn.err
same_file warn.err "$D/rows.err" "--warn reports the same failures"
run sg-check -b 'value::100' rows.tsv
like "$err" "rows.tsv:4: range value: expected at most 100, found 101" \
    "--range with no minimum"

# --- output -------------------------------------------------------------
echo previous >out.tsv
run sg-check -c "$CHG" -o out.tsv 283.tsv
is "$rc:$(cat out.tsv)" "1:previous" "a failed check leaves the previous -o file in place"
run sg-check -c "$CHG" --warn -o out.tsv 283.tsv
same_file out.tsv 283.tsv "with --warn the -o file is written"
run sg-check -c "$CHG" -z -o out.gz printed.tsv
gzip -dc out.gz >out.plain
same_file out.plain printed.tsv "-z gzips the output"
fails_with 1 'write error' "a full disk is exit 1" \
    sg-check -c "$CHG" -o /dev/full printed.tsv
seq 1 200000 | awk 'BEGIN { print "a\tb\tt" } { print $1 "\t1\t" $1 + 1 }' >big.tsv
sg-check -t t=a+b big.tsv 2>pipe.err | head -1 >/dev/null
is "${PIPESTATUS[0]}:$(cat pipe.err)" "0:" "a closed pipe ends quietly"

# --- stream behaviour ---------------------------------------------------
printf 'a\tb\n' >hdr.tsv
run sg-check -r a hdr.tsv
is "$rc:$out" "$(printf '0:a\tb')" "header-only input passes its header"
: >empty.tsv
fails_with 1 'empty input' "empty input is a data error" sg-check -r a empty.tsv
printf 'a\tb\tt\r\n1\t2\t3\r\n' >crlf.tsv
run sg-check -t t=a+b crlf.tsv
is "$rc:$out" "$(printf '0:a\tb\tt\n1\t2\t3')" "CRLF input is checked, LF written"
printf 'k\tv\n1\ta\\tb\n2\tb\n' | gzip >one.gz
printf 'k\tv\n3\tc\n1\td\n' >two.tsv
run sg-check -u k one.gz two.tsv
is "$err" "$(printf '%s\n' \
    "sg-check: two.tsv:3: unique k: expected a value not seen before, found 1 again (first at one.gz:2)" \
    'sg-check: 1 check failed in 1 of 4 rows')" \
    "gzip input and several files are one stream; a repeat names the first file"
is "$(sed -n 2p <<<"$out")" "$(printf '1\ta\\tb')" "escapes pass through untouched"

# --- bad command lines --------------------------------------------------
fails_with 2 "nothing to check" "no check is a usage error" sg-check printed.tsv
fails_with 2 "--change: no column 'Chg%'; the columns are: measure, Current, Previous, Chg, % Chg" \
    "a missing column is a usage error listing the columns" \
    sg-check -c 'Current,Previous,Chg%' printed.tsv
fails_with 2 "--change: expected CUR,PREV,CHG,PCT" "--change needs four columns" \
    sg-check -c 'Current,Previous,Chg' printed.tsv
fails_with 2 "--pct: expected COL=NUM/DEN" "--pct needs a column" \
    sg-check -p 'Current/Previous' printed.tsv
fails_with 2 "--total: expected COL=PART" "--total needs parts" \
    sg-check -t 'Current=' printed.tsv
fails_with 2 "--range: expected COL:MIN:MAX" "--range needs bounds" \
    sg-check -b 'Current' printed.tsv
fails_with 2 "--range: MIN is not a number: 'low'" "--range bounds are numbers" \
    sg-check -b 'Current:low:5' printed.tsv
fails_with 2 "--range: MIN is more than MAX" "--range MIN <= MAX" \
    sg-check -b 'Current:5:1' printed.tsv
fails_with 2 "--unique: no column 'kpi'" "--unique columns must exist" \
    sg-check -u kpi printed.tsv
fails_with 2 "Try 'sg-check --help'" "an unknown option is exit 2" sg-check --bogus
run sg-check --help
like "$rc:$out" "^0:usage: sg-check" "--help prints usage, exit 0"
run sg-check -V
like "$rc:$out" "^0:sg-check " "-V prints the version"

done_testing
