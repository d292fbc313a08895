#!/bin/bash
# pipelines/benchmark: "How we compare" from DfE's files, checked against
# figures computed here from the files by other means.
. "${SG_SRC:-$(dirname "$0")/..}/t/tap.sh"
cd "$TMP" || exit 1
export SG_BIN="$SG_BUILD/tools"
P=$SG_SRC/pipelines
O=$SAMPLES/official

# DfE's u (low reliability: Hampshire's 2024 children in need, among
# others) reaches sg-rate, which reads it once it knows the symbol (issue
# 16 item 1).  Until then the pipeline runs on a copy with each u as c,
# which changes nothing for authority 800: no u is its, its neighbours',
# its region's or England's, and a u or a c is equally left unranked.
IN=$O
if ! printf 'a\tb\nu\t1\n' | sg-rate -r 'r=a/b*1' >/dev/null 2>&1; then
	mkdir in
	for f in "$O"/*.csv.gz; do
		gzip -dc "$f" | perl -pe '1 while s/,u(,|\r?$)/,c$1/' |
			gzip -c >"in/${f##*/}"
	done
	IN=in
	echo "# sg-rate does not read u yet: running on a copy with u as c"
fi

run bash "$P/benchmark" -i "$IN" -o out
is "$rc" 0 "the pipeline runs on the published files"
like "$err" "benchmark: ok: 9 files written" "and says what it wrote"
ok "$([ -s out/benchmark.tsv ] && [ -s out/benchmark.html ]; echo $?)" \
	"benchmark.tsv and benchmark.html are written"

# row MEASURE YEAR: that row's la neighbours rank quartile region england rag trend.
row() {
	awk -F'\t' -v m="$1" -v y="$2" 'BEGIN { OFS = "|" } $1 == m && $4 == y {
	    print $5, $7, $8, $9, $10, $11, $14, $15 }' out/benchmark.tsv
}
is "$(awk -F'\t' 'NR > 1 { print $1 }' out/benchmark.tsv | uniq -c | awk '{ print $2 ":" $1 }' | paste -sd' ')" \
	"cin:5 referrals:5 rereferrals:5 cpp:5 cpp2y:5" "five measures, five years each"
is "$(awk -F'\t' '$1 == "cin" { print $4 }' out/benchmark.tsv | paste -sd' ')" \
	"2021 2022 2023 2024 2025" "the five latest years"

# Figures by hand, from the files:
#   children in need at 31 March 2025: 800 has 1119, mid-2024 36601 aged
#   0-17: 1119 / 36601 x 10000 = 305.73 -> 305.7; in 2024, 1082 / 36554
#   (mid-2023) x 10000 = 296.00 -> 296.0, so the trend is up.  South West
#   33770 / 1114244 x 10000 = 303.08 -> 303.1; England 402400 / 12183016
#   x 10000 = 330.30 -> 330.3.  An activity measure: no rating (x).
like "$(row cin 2025)" "^305\\.7\\|[0-9.]+\\|[0-9]+ of 153\\|[ABCD]\\|303\\.1\\|330\\.3\\|x\\|up$" \
	"children in need 2025: 305.7, South West 303.1, England 330.3, up, no rating"
#   re-referrals 2025 (lower is better): 13.4% against the neighbours'
#   mean 21.0% (210.0 / 10: t/sg-compare.t), sixth lowest of 153:
#   quartile A, Green; 16.7% in 2024, so down, better.  South West 22.1,
#   England 22.6 (c1, rereferral_percent).
is "$(row rereferrals 2025)" "13.4|21.0|6 of 153|A|22.1|22.6|G|down better" \
	"re-referrals 2025: better than the neighbours, sixth of 153, Green"

# The neighbours' mean and the rank of the children in need rate, for
# every year, computed in integers from the raw files (awk): each rate in
# tenths, q = floor(n x 100000 / p), plus one when the remainder is half
# of p or more; the mean of the neighbours' rounded rates likewise.
sg-import "$IN/b1_children_in_need_2013_to_2025.csv.gz" >b1.tsv
sg-import "$IN/ons_mid-year_population_estimates_2012_to_2024.csv.gz" >ons.tsv
sg-import "$IN/sn_model_2025_wide.csv.gz" >sn.tsv
awk -F'\t' '
    function tenths(n, p,   q, r) { q = int(n * 100000 / p); r = n * 100000 - q * p
	return 2 * r >= p ? q + 1 : q }
    FILENAME == "sn.tsv" { if (FNR > 1 && $1 == 800) for (k = 5; k <= 23; k += 2) nb[$k] = 1; next }
    FILENAME == "ons.tsv" { if ($3 == "Local authority" && $11 ~ /0 to 17/) P[$8, $1] = $12; next }
    FNR > 1 && $3 == "Local authority" && $18 ~ /^[0-9]+$/ && (($8, $1 - 1) in P) {
	t = tenths($18, P[$8, $1 - 1]); rate[$1, $8] = t; las[$1] = las[$1] " " $8
	if ($8 in nb) { s[$1] += t; c[$1]++ } }
    END { for (y = 2021; y <= 2025; y++) {
	me = rate[y, 800]; n = split(las[y], l, " "); above = 0
	for (i = 1; i <= n; i++) if (rate[y, l[i]] > me) above++
	m = int(s[y] / c[y]); r = s[y] - m * c[y]; if (2 * r >= c[y]) m++
	printf "%d %d.%d %d of %d\n", y, int(m / 10), m % 10, above + 1, n } }' \
	sn.tsv ons.tsv b1.tsv >want
awk -F'\t' '$1 == "cin" { print $4, $7, $8 }' out/benchmark.tsv >got
same_file got want "children in need: the neighbours' mean and the rank each year, as computed from the files"

# The page.
html=$(cat out/benchmark.html)
like "$html" "<h1>How we compare: Bath and North East Somerset</h1>" "the page is titled with the LA"
is "$(grep -c '<svg' out/benchmark.html)" 5 "one chart per measure"
is "$(grep -c '<caption>' out/benchmark.html)" 5 "one table per measure"
like "$html" "Green = as good as the statistical neighbours or better" "the rating key"
like "$html" "c suppressed, u low reliability, x not available, z not applicable" "the symbol key"
like "$html" "ten statistical neighbours \\(DfE model 2025\\)" "the neighbour model's year, from its file name"
like "$(awk -F'\t' '$1 == "cpp2y" && $4 == 2024 { print $5 }' out/benchmark.tsv)" "^c$" \
	"a suppressed figure keeps its symbol (plans of 2 years or more, 2024: c)"

# A measure whose file is not given is left out.
mkdir part
cp "$IN"/ons_* "$IN"/sn_* "$IN"/b1_* part/
run bash "$P/benchmark" -i part -o out2
is "$rc:$(awk -F'\t' 'NR > 1 { print $1 }' out2/benchmark.tsv | sort -u | paste -sd' ')" "0:cin" \
	"only the measures whose files are given"
run bash "$P/benchmark" -i part -o out3 -l 816
is "$(awk -F'\t' 'NR == 2 { print $12 }' out3/benchmark.tsv)" "York" "-l chooses the authority"

run bash "$P/benchmark" -i part -o out5 -l 801
is "$rc:$(grep -c '<svg' out5/benchmark.html)" "0:1" "an LA whose name holds a comma (Bristol, City of) is drawn"

# Errors.
fails_with 1 "benchmark: no local authority 999 in the files" "an LA not in the files" \
	bash "$P/benchmark" -i part -o out4 -l 999
fails_with 2 "-l: not a three-digit old LA code: 'Bath'" "a bad -l" \
	bash "$P/benchmark" -i part -o out4 -l Bath
fails_with 2 "benchmark: -l needs a value" "-l without a value" \
	bash "$P/benchmark" -i part -o out4 -l
fails_with 2 "benchmark: unknown option -q" "an unknown option" \
	bash "$P/benchmark" -q
mkdir nopop
cp "$IN"/sn_* "$IN"/b1_* nopop/
fails_with 1 "no ons_mid-year_population_estimates" "no population estimates" \
	bash "$P/benchmark" -i nopop -o out4
mkdir none
cp "$IN"/ons_* "$IN"/sn_* none/
fails_with 1 "none of the DfE files is in none" "no measure at all" \
	bash "$P/benchmark" -i none -o out4
run bash "$P/benchmark" -h
is "$rc" 0 "-h exits 0"
like "$out" "-l LA" "-h lists -l"

done_testing
