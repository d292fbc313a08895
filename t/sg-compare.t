#!/bin/bash
# sg-compare: statistical neighbour averages, ranks and quartiles.
. "${SG_SRC:-$(dirname "$0")/..}/t/tap.sh"
cd "$TMP" || exit 1

tsv() { printf '%s\n' "$@" | tr '|' '\t'; }

# Three groups (years).  E is c in 2024 and absent in 2025; Z, a neighbour
# of C, is never in the data; D is not in the neighbour file.
tsv 'year|area|value' \
    '2024|A|10.5' '2024|B|12' '2024|C|12' '2024|D|8.25' '2024|E|c' \
    '2025|A|0' '2025|B|1' '2025|C|1' '2025|D|0.5' \
    '2026|A|0' '2026|B|3' '2026|C|-1' '2026|D|3' '2026|E|3' >data.tsv
tsv 'area|neighbour' 'A|B' 'A|C' 'A|D' 'A|E' 'B|A' 'B|C' 'C|Z' >nb.tsv

row() {	# YEAR AREA: the new columns of that row of $out
	awk -F'\t' -v y="$1" -v a="$2" 'BEGIN { OFS = "|" }
	    $1 == y && $2 == a { print $4, $5, $6, $7, $8, $9 }' <<<"$out"
}

# --- the mean (default), polarity none, DP per group --------------------
run sg-compare -a area -v value -g year -n nb.tsv data.tsv
is "$rc" 0 "the default comparison runs"
is "$(head -1 <<<"$out")" "$(tsv 'year|area|value|sn|sn_n|rank|rank_n|quartile|vs_sn')" \
	"the six columns come after the others, in order"
is "$(($(wc -l <<<"$out") - 1))" 14 "every row is written"
# 2024 (DP 2, from 8.25).  Ranked largest first: B 12, C 12, A 10.5,
# D 8.25 -> 1, 1, 3, 4 (competition ranking); E (c) is not ranked: 4.
# A: (B 12 + C 12 + D 8.25) / 3 = 32.25 / 3 = 10.75, E's c not counted;
#    10.5 - 10.75 = -0.25; rank 3: 4*3 = 12 > 4, 2*3 = 6 > 4, 12 <= 3*4: C.
is "$(row 2024 A)" "10.75|3|3|4|C|-0.25" "2024 A: the mean of three, a symbol left out"
# B: (A 10.5 + C 12) / 2 = 11.25; 12 - 11.25 = 0.75; rank 1: 4 <= 4: A.
is "$(row 2024 B)" "11.25|2|1|4|A|0.75" "2024 B: ties share rank 1"
is "$(row 2024 C)" "x|0|1|4|A|x" "2024 C: its only neighbour is not in the data: sn_n 0, sn x"
is "$(row 2024 D)" "x|x|4|4|D|x" "2024 D: not in the neighbour file: x, but ranked"
is "$(row 2024 E)" "x|x|x|x|x|x" "2024 E: a symbol gets x in all six"
like "$(grep -P '^2024\tE\t' <<<"$out")" "^2024	E	c	" "and keeps its symbol"
# 2025 (DP 1, from 0.5).  B 1, C 1, D 0.5, A 0 -> 1, 1, 3, 4.
# A: (1 + 1 + 0.5) / 3 = 0.8333... -> 0.8; 0 - 0.8 = -0.8.
is "$(row 2025 A)" "0.8|3|4|4|D|-0.8" "2025 A: the mean rounded to the group's one decimal"
# B: (A 0 + C 1) / 2 = 0.5; 1 - 0.5 = 0.5.
is "$(row 2025 B)" "0.5|2|1|4|A|0.5" "2025 B"
# D: rank 3 of 4: 12 <= 12: C.
is "$(row 2025 D)" "x|x|3|4|C|x" "2025 D: quartile C at rank 3 of 4"
# 2026 (DP 0).  B 3, D 3, E 3, A 0, C -1 -> 1, 1, 1, 4, 5.
# A: (3 + -1 + 3 + 3) / 4 = 2; 0 - 2 = -2; rank 4 of 5: 16 > 15: D.
is "$(row 2026 A)" "2|4|4|5|D|-2" "2026 A: four neighbours"
# B: (A 0 + C -1) / 2 = -0.5 -> -1 (half away from zero); 3 - -1 = 4.
is "$(row 2026 B)" "-1|2|1|5|A|4" "2026 B: a negative half rounds away from zero"
is "$(row 2026 C)" "x|0|5|5|D|x" "2026 C: last of five"
is "$(row 2026 E)" "x|x|1|5|A|x" "2026 E: three tied first"

# --- the median ------------------------------------------------------------
run sg-compare -a area -v value -g year -n nb.tsv -s median data.tsv
is "$rc" 0 "--stat median runs"
# 2024 A: 8.25, 12, 12 -> 12 -> 12.00 (DP 2); 10.5 - 12 = -1.50.
is "$(row 2024 A)" "12.00|3|3|4|C|-1.50" "the median of an odd count, to the group's decimals"
# 2024 B: 10.5, 12 -> (10.5 + 12) / 2 = 11.25.
is "$(row 2024 B)" "11.25|2|1|4|A|0.75" "the median of two is their mean"
# 2025 A: 0.5, 1, 1 -> 1.0; 0 - 1.0 = -1.0.
is "$(row 2025 A)" "1.0|3|4|4|D|-1.0" "2025 A: median 1.0"
# 2026 A: -1, 3, 3, 3 -> (3 + 3) / 2 = 3; 0 - 3 = -3.
is "$(row 2026 A)" "3|4|4|5|D|-3" "the median of an even count of four"
# 2026 B: -1, 0 -> -0.5 -> -1; 3 - -1 = 4.
is "$(row 2026 B)" "-1|2|1|5|A|4" "an even median of -0.5 rounds to -1"

# --- polarity -------------------------------------------------------------
run sg-compare -a area -v value -g year -n nb.tsv -p low data.tsv
# 2026 low: C -1, A 0, B/D/E 3 -> 1, 2, 3, 3, 3.  A: 4*2 = 8 > 5, 2*2 <= 5: B.
is "$(row 2026 C)" "x|0|1|5|A|x" "--polarity low: the smallest is 1"
is "$(row 2026 A)" "2|4|2|5|B|-2" "--polarity low: A second, quartile B"
# B, D, E: rank 3: 12 > 5, 6 > 5, 12 <= 15: C.
is "$(row 2026 D)" "x|x|3|5|C|x" "--polarity low: ties share the lowest rank"
run sg-compare -a area -v value -g year -n nb.tsv -p high data.tsv
high=$out
run sg-compare -a area -v value -g year -n nb.tsv -p none data.tsv
is "$out" "$high" "--polarity none ranks as high does (largest is 1)"
run sg-compare -a area -v value -g year -n nb.tsv data.tsv
is "$out" "$high" "and none is the default"

# --- -d ----------------------------------------------------------------------
run sg-compare -a area -v value -g year -n nb.tsv -d 2 data.tsv
# 2025 A: 2.5 / 3 = 0.8333 -> 0.83; 0 - 0.83 = -0.83.
is "$(row 2025 A)" "0.83|3|4|4|D|-0.83" "-d 2 gives two decimals"
is "$(row 2026 B)" "-0.50|2|1|5|A|3.50" "-d 2 on whole numbers: -0.50 and 3.50"
run sg-compare -a area -v value -g year -n nb.tsv -d 0 data.tsv
# 2024 A: 10.75 -> 11; 10.5 - 11 = -0.5 -> -1 (half away from zero).
is "$(row 2024 A)" "11|3|3|4|C|-1" "-d 0 rounds the mean and the difference"

# --- no groups: the whole input is one -----------------------------------
tsv 'area|value' 'A|1' 'B|2' 'C|3' 'D|4' >one.tsv
run sg-compare -a area -v value -n nb.tsv one.tsv
# A: (2 + 3 + 4) / 3 = 3; rank 4 of 4.  B: (1 + 3) / 2 = 2; rank 3: C.
is "$(awk -F'\t' 'NR > 1 { print $3 "|" $4 "|" $5 "|" $7 }' <<<"$out" | paste -sd' ')" \
	"3|3|4|D 2|2|3|C x|0|2|B x|x|1|A" "without -g the whole input is one group"

# --- symbols, DfE's among them -------------------------------------------
tsv 'area|value' 'A|5' 'B|u' 'C|[c]' 'D|low' 'E|[x]' 'F|' 'G|z' 'H|[u]' \
    'I|[low]' 'J|[z]' 'K|x' >sym.tsv
tsv 'area|neighbour' 'A|B' 'A|C' 'A|D' 'A|E' 'A|F' >nbs.tsv
run sg-compare -a area -v value -n nbs.tsv sym.tsv
is "$rc" 0 "every symbol is read"
is "$(awk -F'\t' 'NR == 2 { print $3 "|" $4 "|" $5 "|" $6 }' <<<"$out")" "x|0|1|1" \
	"neighbours with symbols are not counted; the one number ranks 1 of 1"
is "$(awk -F'\t' 'NR > 2 && $3 $4 $5 $6 $7 $8 == "xxxxxx"' <<<"$out" | wc -l)" 10 \
	"u [c] low [x] empty z [u] [low] [z] x: all x in the six columns"
is "$(awk -F'\t' 'NR > 1 { print $2 }' <<<"$out" | paste -sd' ')" \
	"5 u [c] low [x]  z [u] [low] [z] x" "and each keeps its value as written"

# An empty area is not an area (DfE's England and region rows have no
# old_la_code): x, not ranked.
tsv 'area|value' 'A|1' '|9' 'B|2' >empty.tsv
run sg-compare -a area -v value -n nb.tsv empty.tsv
is "$(awk -F'\t' 'NR > 1 { print $5 "/" $6 }' <<<"$out" | paste -sd' ')" "2/2 x/x 1/2" \
	"a row with no area is not ranked"

# --- DfE's wide neighbour file --------------------------------------------
printf '\xef\xbb\xbfold_la_code,la_name,region_ind,region_name,SN_1,SN_1P,SN_2,SN_2P\r\n' >wide.csv
printf '800,"Bath and North East Somerset, the",7,South West,816,Very close,358,"Close "\r\n' >>wide.csv
printf '816,York,2,"Yorkshire and ""the"" Humber",800,Close ,,\r\n' >>wide.csv
gzip -c wide.csv >wide.csv.gz
tsv 'old_la_code|v' '800|10' '816|20' '358|31' >w.tsv
run sg-compare -a old_la_code -v v -n wide.csv.gz w.tsv
# 800: (816 20 + 358 31) / 2 = 25.5 -> 26; 10 - 26 = -16.  816: 800 only: 10.
is "$(awk -F'\t' 'NR > 1 { print $1 "|" $3 "|" $4 "|" $8 }' <<<"$out" | paste -sd' ')" \
	"800|26|2|-16 816|10|1|10 358|x|x|x" \
	"DfE's wide file (BOM, CRLF, quotes, gzip, an empty SN) is read"

# The published model and the published re-referral rates: Bath and North
# East Somerset (800) in 2025 against its ten neighbours.  By hand from
# c1_..._2013_to_2025.csv, rereferral_percent in 2025:
#   816 York 23.2, 358 Trafford 18, 919 Hertfordshire 15.8, 356 Stockport
#   21.5, 938 West Sussex 24.4, 314 Kingston upon Thames 15, 825
#   Buckinghamshire 22.8, 931 Oxfordshire 17.7, 873 Cambridgeshire 29.2,
#   916 Gloucestershire 22.4: sum 210.0, mean 21.0; 13.4 - 21.0 = -7.6.
O=$SAMPLES/official
sg-import "$O/c1_children_in_need_referrals_and_rereferrals_2013_to_2025.csv.gz" >c1.tsv
run sg-compare -a old_la_code -v rereferral_percent -g time_period -p low \
    -n "$O/sn_model_2025_wide.csv.gz" c1.tsv
is "$rc" 0 "the published files compare"
# The rank counted independently: 1 + the LAs of 2025 below 13.4.
below=$(awk -F'\t' '$1 == 2025 && $3 == "Local authority" &&
    $14 ~ /^[0-9.]+$/ && $14 + 0 < 13.4' c1.tsv | wc -l)
las=$(awk -F'\t' '$1 == 2025 && $3 == "Local authority" && $14 ~ /^[0-9.]+$/' c1.tsv | wc -l)
is "$(awk -F'\t' '$1 == 2025 && $8 == 800 { print $14, $22, $23, $24, $25, $26, $27 }' <<<"$out")" \
	"13.4 21.0 10 $((below + 1)) $las A -7.6" \
	"800 in 2025: 21.0 from ten neighbours, -7.6, rank and count as counted by awk"
is "$((below + 1)):$las" "6:153" "(sixth lowest of 153)"
is "$(awk -F'\t' '$1 == 2025 && $3 != "Local authority" { print $22 $24 }' <<<"$out" | sort -u)" \
	"xx" "England and the regions (no old_la_code) are not compared"

# --- errors: in t/cases/sg-compare; -o, --help and --version here. -------
run sg-compare -a area -v value -g year -n nb.tsv -o ok.tsv <data.tsv
is "$rc:$(sed -n 2p ok.tsv)" "0:$(tsv '2024|A|10.5|10.75|3|3|4|C|-0.25')" "standard input in, -o FILE out"
run sg-compare --help
is "$rc" 0 "--help exits 0"
like "$out" "^usage: sg-compare -a COL -v COL -n FILE" "--help starts with the usage"
like "$out" "--polarity high\\|low\\|none" "--help lists --polarity"
run sg-compare --version
like "$rc:$out" "^0:sg-compare \\(sg\\) " "--version"

# --- the man page's examples run and give what they say ---------------------
. "$SG_SRC/t/examples.sh"
example 1 sg-compare.1
is "$(awk -F'\t' '$1 == 2025 && $8 == 800 { print $22, $24, $25, $26, $27 }' <<<"$out")" \
	"21.0 6 153 A -7.6" "example 1: 21.0, sixth of 153, A, -7.6"
example 2 sg-compare.1
# The ten sorted: 15 15.8 17.7 18 21.5 | 22.4 22.8 23.2 24.4 29.2.
is "$(awk -F'\t' '$1 == 2025 && $8 == 800 { print $22, $27 }' <<<"$out")" \
	"22.0 -8.6" "example 2: the median 21.95 rounds to 22.0; -8.6"
example 3 sg-compare.1
is "$(sed -n 2p <<<"$out")" "$(tsv 'A|10|14|2|3|3|D|-4')" "example 3: 13.5 -> 14, 10 - 14 = -4"

done_testing
