#!/bin/bash
# sg-clean: spaces, numbers, symbols, dates and aliases.
. "${SG_SRC:-$(dirname "$0")/..}/t/tap.sh"
D=$DATA/clean
R=$SAMPLES/returns

help_ok sg-clean

# Every rule on one table, checked by hand.
run sg-clean --number value --date date --alias "$D/alias.tsv" --report \
    "$D/values.tsv"
printf '%s\n' "$out" >got.tsv
same_file got.tsv "$D/values.want" "numbers, symbols, dates and aliases clean as documented"
like "$err" "report: value: thousands separators removed: 3" "--report counts thousands separators"
like "$err" "report: value: % removed: 1" "--report counts % signs"
like "$err" "report: value: missing markers to symbols: 11" "--report counts markers"
like "$err" "report: agency: aliases: 4" "--report counts only aliases that changed a value"
like "$err" "report: date: dates to ISO: 18" "--report counts dates"
like "$err" "report: agency: spaces trimmed: 2" "--report counts trimmed values"

# The issue's examples, one by one.
clean1() {	# OPTION VALUE: the cleaned value
	printf 'v\n%s\n' "$2" | sg-clean "$1" v | tail -1
}
is "$(clean1 -n 1,043)" 1043 "1,043 is 1043"
is "$(clean1 -n +30)" 30 "+30 is 30"
is "$(clean1 -n 58.4%)" 58.4 "58.4% is 58.4"
is "$(clean1 -n 1,200.50)" 1200.50 "1,200.50 keeps its places: 1200.50"
is "$(clean1 -n -0)" 0 "-0 is 0"
is "$(clean1 -d 31/03/2024)" 2024-03-31 "31/03/2024 is 2024-03-31"
is "$(clean1 -d 1900-01-01)" x "1900-01-01 is x"
printf 'agency\nDHI*\n' >dhi.tsv
is "$(sg-clean --alias "$SAMPLES/agency-aliases.tsv" dhi.tsv | tail -1)" DHI \
    "DHI* in the agency column is DHI (the alias file)"
is "$(printf 'a b\n  x   y  \n' | sg-clean)" "$(printf 'a b\nx y')" \
    "spaces are trimmed and collapsed in every column"

# Refusals (the error messages themselves are in t/cases/sg-clean).
is "$(clean1 -d 3654):$(clean1 -d 73050)" "1910-01-01:2099-12-31" \
    "Excel serials 3654 to 73050 are dates"
for v in 1,0 12,34 1234,567 1.2.3 abc 5. +-5 '<10'; do
	printf 'v\n%s\n' "$v" >n.tsv
	re=$(printf '%s' "$v" | sed 's/[.+*?]/\\&/g')
	fails_with 1 "^sg-clean: n.tsv:2: v: not a number: '$re'" "'$v' is not a number" \
	    sg-clean --number v n.tsv
done
printf 'k\tv\n1\t5\n2\tabout 5\n3\t6\n4\t31/02/2024\n' >rej.tsv
run sg-clean --number v --reject bad.tsv rej.tsv
is "$out" "$(printf 'k\tv\n1\t5\n3\t6')" "--reject keeps the good rows"
is "$(cat bad.tsv)" "$(printf "k\tv\treason\n2\tabout 5\trej.tsv:3: v: not a number: 'about 5'\n4\t31/02/2024\trej.tsv:5: v: not a number: '31/02/2024'")" \
    "--reject writes the bad rows as read, with a reason"
like "$err" "2 rows set aside in bad.tsv" "--reject says how many"
is "$(($(printf '%s\n' "$out" | wc -l) + $(wc -l <bad.tsv) - 2))" 4 \
    "rows in = rows out + rows rejected"

# --symbol, --alias.
printf 'v\nN/K\n-\n' >sym.tsv
run sg-clean --number v --symbol N/K=z --symbol -=z sym.tsv
is "$out" "$(printf 'v\nz\nz')" "--symbol adds and overrides markers"
printf 'column\tpattern\treplacement\n-\t^Agency name$\tagency\nagency\t^(RUH) Bath$\t$1\n' >al.tsv
printf 'kpi\tAgency name\n1\tRUH Bath\n' >al-in.tsv
run sg-clean --alias al.tsv al-in.tsv
is "$out" "$(printf 'kpi\tagency\n1\tRUH')" "--alias with column - renames headers; \$1 works"

# Streams: several files, gzip, empty, header only, -o, /dev/full.
printf 'v\n1,000\n' >a.tsv
printf 'v\n2,000\n' | gzip >b.tsv.gz
run sg-clean -n v a.tsv b.tsv.gz
is "$out" "$(printf 'v\n1000\n2000')" "several files (one gzipped) are one stream"
printf 'v\n' >ho.tsv
run sg-clean -n v ho.tsv
is "$rc:$out" "0:v" "a header-only stream gives its header"
: >empty.tsv
run sg-clean empty.tsv
is "$rc" 1 "an empty input is an error"
runs_ok "-o writes a file" sg-clean -n v -o o.tsv a.tsv
is "$(cat o.tsv)" "$(printf 'v\n1000')" "-o writes the cleaned stream"

# The sample returns: imported and cleaned, they stack into exactly the
# published agency-by-KPI values.
while IFS=$'\t' read -r f enc skip; do
	[ "$f" = file ] && continue
	sg-import -e "$enc" -s "$skip" -m "$R/columns.map" "$R/$f" \
	    >"ret-$f.tsv"
done <"$R/manifest.tsv"
sg-clean --number value --alias "$SAMPLES/agency-aliases.tsv" ret-*.tsv \
    >stacked.tsv 2>stack.err
is "$?:$(cat stack.err)" "0:" "the 17 returns clean and stack"
tail -n +2 stacked.tsv | cut -f1,3,4 | LC_ALL=C sort >got.tsv
# The published table is wide and quirky: long it, canonical names,
# N/A as z, / and TBC as x.
awk -F'\t' -v q="'" '
NR == 1 {
	for (i = 3; i <= NF; i++) {
		n = $i
		if (n == "Health watch") n = "Healthwatch"
		else if (n == "DHI*") n = "DHI"
		else if (n == "Southside*") n = "Southside"
		else if (n == "Children" q " s Social Care") n = "Children" q "s Social Care"
		else if (n == "Police*") n = "Police"
		name[i] = n
	}
	next
}
{
	for (i = 3; i <= NF; i++) {
		v = $i
		if (v == "N/A") v = "z"
		else if (v == "/" || v == "TBC") v = "x"
		print $1 "\t" name[i] "\t" v
	}
}' "$SAMPLES/published/bnes-2023-24-kpi-agency-ratings.tsv" |
    LC_ALL=C sort >want.tsv
is "$(wc -l <want.tsv)" 272 "the published table has 16 x 17 values"
same_file got.tsv want.tsv "the stacked returns are exactly the published values"
is "$(cut -f2 got.tsv | LC_ALL=C sort -u | tr '\n' '|')" \
    "$(LC_ALL=C sort "$SAMPLES/agencies.tsv" | grep -vx agency | tr '\n' '|')" \
    "every spelling of an agency becomes its canonical name"

# --- Official symbols (issue 16): DfE's u and the GSS bracketed forms. ----
# Real rows of DfE's children in need file (t/data/clean/dfe-cin.csv):
# Herefordshire 2024 has u for starts, Hampshire 2024 u throughout,
# Rotherham 2025 c awaiting assessment, Hackney 2022 x throughout.
run sh -c "sg-import '$D/dfe-cin.csv' | sg-clean -n 12-19"
is "$rc" 0 "sg-clean reads DfE's children in need file, u and all"
is "$(cut -f10,12- <<<"$out" | sed -n 3,6p)" "$(printf '%s\n' \
    'Herefordshire, County of	3025	3020	u	u	1438	1436	1587	200' \
    'Hampshire	u	u	u	u	u	u	u	u' \
    'Rotherham	3027	2860	1404	1350	1250	1199	1777	c' \
    'Hackney	x	x	x	x	x	x	x	x')" \
    "u, c and x stand as symbols, the numbers as published"
is "$(clean1 -n u)" u "u (DfE's low reliability) is the symbol u"
is "$(clean1 -n U)" u "U is u (symbols are compared without regard to case)"
for s in c x z u low; do
	is "$(clean1 -n "[$s]")" "$s" "[$s] is written $s: one spelling per symbol"
done
is "$(clean1 -n '[C]')" c "[C] is c"
is "$(clean1 -n '12 [c]')" c "12 [c] is c: the number beside a symbol is dropped"
is "$(clean1 -n '1,234[u]')" u "1,234[u] is u"
is "$(clean1 -n '5 [low]')" low "5 [low] is low"
is "$(clean1 -n '12 [u] [c]')" c "12 [u] [c] is c: the stronger symbol wins"
is "$(clean1 -n '3 [z] [u]')" u "3 [z] [u] is u (u before z)"
is "$(clean1 -n '3 [u] [x]')" x "3 [u] [x] is x (x before u)"
is "$(clean1 -n 'N/A [c]')" c "a marker and a bracketed symbol: the stronger"

markers() {	# VALUE: the cleaned value and its marker column
	printf 'v\tw\n%s\t1\n' "$1" | sg-clean -n v -m v | tail -1
}
run sh -c "printf 'v\tw\n1\t2\n' | sg-clean -n v,w -m v"
is "$out" "$(printf 'v\tv_marker\tw\n1\t\t2')" \
    "--markers adds COL_marker right after the column, empty without markers"
is "$(markers '1,234 [p]')" "$(printf '1234\tp\t1')" "1,234 [p] is 1234, marked p"
is "$(markers '7[e]')" "$(printf '7\te\t1')" "7[e] is 7, marked e"
is "$(markers '12.5 [r]')" "$(printf '12.5\tr\t1')" "12.5 [r] is 12.5, marked r"
is "$(markers '3 [r] [p] [e]')" "$(printf '3\te p r\t1')" \
    "several markers are written e p r in that order"
is "$(markers '3 [p] [p]')" "$(printf '3\tp\t1')" "a marker twice is written once"
is "$(markers '12 [c] [p]')" "$(printf 'c\tp\t1')" "a symbol and a marker: the symbol, marked"
is "$(markers 'x [r]')" "$(printf 'x\tr\t1')" "x [r] is x, marked r"
is "$(markers '[u] [P]')" "$(printf 'u\tp\t1')" "[u] [P] is u, marked p"
is "$(markers '45%')" "$(printf '45\t\t1')" "a value without a marker keeps its companion empty"
run sh -c "printf 'v\n1,234 [p]\n' | sg-clean -n v -m v -R"
like "$err" "report: v: markers to the companion column: 1" "--report counts markers moved"
printf 'v\n[p]\n' >mk0.tsv
run sg-clean -n v -m v -r rej.tsv mk0.tsv
is "$rc:$out" "$(printf '0:v\tv_marker')" "with --reject a row with a lone marker is set aside"
like "$(cat rej.tsv)" "a marker without a value" "and the reject file says why"
is "$(printf 'v\n12 [p]\n' | sg-clean -n v -m v --symbol 12=c | tail -1)" \
    "$(printf 'c\tp')" "--symbol applies to the value before its markers"
is "$(clean1 -n 'u [x]')" x "u [x] is x"

done_testing
