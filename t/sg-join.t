#!/bin/bash
# sg-join: a small table in memory joined to a stream.
. "${SG_SRC:-$(dirname "$0")/..}/t/tap.sh"

D="$DATA/join"
nl='
'

# --- The four joins. ------------------------------------------------------
# defs.tsv has KPIs 1.1 1.2 1.4; data.tsv has 1.1 (3 rows) 1.2 1.3 1.9.
run sg-join -k kpi "$D/defs.tsv" "$D/data.tsv"
printf '%s\n' "$out" >got
same_file got "$D/inner.want" \
    "inner join: data columns, then SMALL's non-key columns; a clash becomes NAME.2"
is "$err" "sg-join: 2 data rows (2 distinct keys) had no match in $D/defs.tsv" \
    "unmatched data rows and keys are counted on standard error"
run sg-join -k kpi --left "$D/defs.tsv" "$D/data.tsv"
printf '%s\n' "$out" >got
same_file got "$D/left.want" "--left keeps unmatched rows, SMALL's columns x"
run sg-join -k kpi -f -u unmatched.tsv "$D/defs.tsv" "$D/data.tsv"
printf '%s\n' "$out" >got
same_file got "$D/full.want" \
    "--full appends SMALL's unmatched rows: its key, other data columns x"
same_file unmatched.tsv "$D/unmatched.want" \
    "--unmatched writes each unmatched key with its row count"
run sg-join -k kpi --anti "$D/defs.tsv" <"$D/data.tsv"
printf '%s\n' "$out" >got
same_file got "$D/anti.want" "--anti writes the unmatched data rows, data columns only"

# --- Keys. ---------------------------------------------------------------------
run sg-join -k kpi=code,agency=org --full --fill z -u un2.tsv \
    "$D/agency-targets.tsv" "$D/data.tsv"
printf '%s\n' "$out" >got
same_file got "$D/multi-full.want" \
    "a two-column key, DATACOL=SMALLCOL where the names differ, --fill z"
same_file un2.tsv "$D/multi-unmatched.want" "--unmatched with a two-column key"
is "$err" "sg-join: 2 data rows (2 distinct keys) had no match in $D/agency-targets.tsv" \
    "two-column keys are counted too"
run sg-join -k 1 "$D/defs.tsv" "$D/data.tsv"
is "$out" "$(cat "$D/inner.want")" "-k takes column numbers"
printf 'kpi\tagency\tvalue\n1.1\tRUH\t90\n' | sed 's/RUH/R\\tUH/' >esc.tsv
printf 'agency\tname\nR\\tUH\tRoyal United\n' >esc-small.tsv
run sg-join -k agency esc-small.tsv esc.tsv
is "$out" "kpi	agency	value	name${nl}1.1	R\\tUH	90	Royal United" \
    "keys match on their escaped bytes"
printf 'kpi\tagency\tvalue\n1.1\t\t90\n1.2\tDHI\t75\n' >emptykey.tsv
printf 'agency\tname\n\tnone\nDHI\tDrug help\n' >emptykey-small.tsv
run sg-join -k agency emptykey-small.tsv emptykey.tsv
is "$out" "kpi	agency	value	name${nl}1.1		90	none${nl}1.2	DHI	75	Drug help" \
    "an empty key matches an empty key"

# --- Many rows (lookups go in batches) against awk. ----------------------------
awk 'BEGIN { print "id\tname\tn"; for (i = 0; i < 1000; i += 2) print "k" i "\tname " i "\t" i * 3 }' >many-small.tsv
awk 'BEGIN { print "id\tv"; for (i = 0; i < 5003; i++) print "k" (i * 7) % 1100 "\t" i }' >many.tsv
for m in "" --left --anti; do
	awk -F'\t' -v m="$m" 'FNR == NR { if (FNR > 1) r[$1] = $2 "\t" $3; next }
	    FNR == 1 { print (m == "--anti") ? $0 : $0 "\tname\tn"; next }
	    ($1 in r) { if (m != "--anti") print $0 "\t" r[$1]; next }
	    m == "--left" { print $0 "\tx\tx" } m == "--anti" { print }' \
	    many-small.tsv many.tsv >many.want
	sg-join -k id $m many-small.tsv many.tsv >many.got 2>/dev/null
	same_file many.got many.want "5003 rows, ${m:-inner}: as awk joins them, in order"
done

# --- Errors: in t/cases/sg-join. ---------------------------------------------------

# --- The stream contract. ---------------------------------------------------------
gzip -c "$D/defs.tsv" >defs.gz
run sg-join -k kpi defs.gz "$D/data.tsv"
is "$out" "$(cat "$D/inner.want")" "SMALL may be gzip"
gzip -c "$D/data.tsv" >data.gz
sed 's/$/\r/' "$D/data.tsv" >crlf.tsv
run sg-join -k kpi "$D/defs.tsv" data.gz crlf.tsv
is "$(printf '%s\n' "$out" | wc -l)" 9 "DATA may be gzip, CRLF and several files"
is "$(printf '%s\n' "$out" | tail -1)" "1.1	RUH	91	80	t1	high" \
    "CRLF is stripped before the joined columns"
printf 'kpi\tagency\tvalue\n' >hdr.tsv
run sg-join -k kpi --left "$D/defs.tsv" hdr.tsv
is "$rc:$out:$err" "0:kpi	agency	value	target	value.2	polarity:" \
    "header-only DATA: the header, nothing on standard error"
run sg-join -k kpi --full hdr.tsv hdr.tsv
is "$out" "kpi	agency	value	agency.2	value.2" "SMALL's clashing columns get .2"
printf 'kpi\tvalue.2\tvalue\n1.1\ta\tb\n' >clash.tsv
run sg-join -k kpi clash.tsv hdr.tsv
is "$out" "kpi	agency	value	value.2	value.3" \
    "NAME.2 taken: NAME.3 (the renames are predictable)"
runs_ok "-o FILE -z" sg-join -k kpi -o out.gz -z "$D/defs.tsv" "$D/data.tsv"
is "$(gzip -dc out.gz)" "$(cat "$D/inner.want")" "-o and -z"
run sh -c "sg-join -k kpi '$D/defs.tsv' '$D/data.tsv' >/dev/full"
is "$rc" 1 "a write error exits 1"
run sh -c "sg-join -k kpi '$D/defs.tsv' '$D/data.tsv' | head -1"
is "$rc:$out" "0:kpi	agency	value	target	value.2	polarity" "a closed pipe is quiet"

# --- Memory grows with SMALL, not with the stream. ------------------------------
if [ -x /usr/bin/time ]; then
	awk 'BEGIN { print "id\tv"; for (i = 0; i < 1000; i++) print i "\t" i }' >small.tsv
	awk 'BEGIN { print "id\tw"; for (i = 0; i < 400000; i++) print i % 1000 "\t" i }' >big.tsv
	head -200001 big.tsv >little.tsv
	/usr/bin/time -f %M -o m1 sg-join -k id small.tsv little.tsv >/dev/null
	/usr/bin/time -f %M -o m2 sg-join -k id small.tsv big.tsv >/dev/null
	m1=$(tail -1 m1) m2=$(tail -1 m2)
	ok "$([ $((m2 - m1)) -lt 1024 ]; echo $?)" \
	    "peak memory does not grow with the stream (${m1} KB, ${m2} KB for twice the rows)"
else
	skip "peak memory does not grow with the stream" "no /usr/bin/time"
fi

run sg-join --help
is "$rc" 0 "--help exits 0"
like "$out" "^usage: sg-join" "--help prints the usage"

# Many unmatched keys, most seen more than once: counted the same by the
# compact key set (no --unmatched) and by the table of counts (with it).
# 50,000 rows over 7,000 keys (i % 7000), none in the small table.
awk 'BEGIN { print "id\tv"; for (i = 0; i < 50000; i++) print "K" (i % 7000) "\t" i }' >many.tsv
printf 'id\tname\nnone\tx\n' >one.tsv
run sg-join -k id one.tsv many.tsv
is "$rc:$err" "0:sg-join: 50000 data rows (7000 distinct keys) had no match in one.tsv" \
    "many unmatched keys: rows and distinct keys counted (key set)"
run sg-join -k id -u many-unmatched.tsv one.tsv many.tsv
is "$rc:$err" "0:sg-join: 50000 data rows (7000 distinct keys) had no match in one.tsv" \
    "many unmatched keys: the same counts with --unmatched"
is "$(awk -F'\t' 'NR > 1 { n++; s += $2; if ($2 != ($1 == "K" substr($1, 2) && substr($1, 2) + 0 < 50000 % 7000 ? 8 : 7)) bad++ } END { print n, s, bad + 0 }' many-unmatched.tsv)" \
    "7000 50000 0" "many unmatched keys: --unmatched lists 7000 keys, 7 or 8 rows each, 50000 in all"

done_testing
