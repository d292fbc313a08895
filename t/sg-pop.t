#!/bin/bash
# sg-pop: the population of the year before, from official estimates.
. "${SG_SRC:-$(dirname "$0")/..}/t/tap.sh"
cd "$TMP" || exit 1

tsv() { printf '%s\n' "$@" | tr '|' '\t'; }

# Estimates in DfE's tidy form: mid-2023 and mid-2024, England, the South
# West, Bath and North East Somerset (800), and an all-ages row to skip.
H='time_period,time_identifier,geographic_level,country_code,country_name,region_code,region_name,old_la_code,new_la_code,la_name,age_group,population_estimate'
A='Children aged 0 to 17 years'
{
	echo "$H"
	echo "2023,Calendar year,National,E92000001,England,,,,,,$A,12000000"
	echo "2023,Calendar year,Regional,E92000001,England,E12000009,South West,,,,$A,1100000"
	echo "2023,Calendar year,Local authority,E92000001,England,E12000009,South West,800,E06000022,Bath and North East Somerset,$A,36554"
	echo "2023,Calendar year,Local authority,E92000001,England,E12000009,South West,800,E06000022,Bath and North East Somerset,All ages,195000"
	echo "2024,Calendar year,National,E92000001,England,,,,,,$A,12183016"
	echo "2024,Calendar year,Regional,E92000001,England,E12000009,South West,,,,$A,1114244"
	echo "2024,Calendar year,Local authority,E92000001,England,E12000009,South West,800,E06000022,\"Bath and North East Somerset\",$A,36601"
	echo "2024,Calendar year,Local authority,E92000001,England,E12000009,South West,420,E06000053,Isles of Scilly,$A,c"
} >pop.csv
gzip -c pop.csv >pop.csv.gz

tsv 'time_period|geographic_level|country_code|region_code|new_la_code|n' \
    '2025|National|E92000001|||402400' \
    '2025|Regional|E92000001|E12000009||33770' \
    '2025|Local authority|E92000001|E12000009|E06000022|1119' \
    '2024|Local authority|E92000001|E12000009|E06000022|1082' \
    '2025|Local authority|E92000001|E12000009|E06000053|4' >in.tsv

pops() { awk -F'\t' 'NR > 1 { print $NF }' <<<"$out" | paste -sd' '; }

run sg-pop -p pop.csv in.tsv
is "$rc" 0 "the estimates are read"
is "$(head -1 <<<"$out")" "$(tsv 'time_period|geographic_level|country_code|region_code|new_la_code|n|population')" \
	"population is added after the other columns"
# 2025 -> mid-2024: 12183016, 1114244, 36601; 2024 -> mid-2023: 36554;
# Scilly's c passes on as c.
is "$(pops)" "12183016 1114244 36601 36554 c" \
	"each row gets the estimate of year N-1 for its level's code"
run sg-pop -p pop.csv.gz in.tsv
is "$(pops)" "12183016 1114244 36601 36554 c" "gzip-compressed estimates"
run sg-pop -p pop.csv --lag 0 <(sed -n '1p;5p' in.tsv)
# 2024 with no lag -> mid-2024: 36601.
is "$(pops)" "36601" "--lag 0 takes the same year"
run sg-pop -p pop.csv --lag 0 in.tsv
is "$rc:$err" "1:sg-pop: in.tsv:2: country_code: no population for 2025 in the estimates: 'E92000001'" \
	"--lag 0 with no 2025 estimates: exit 1 naming the area and the year"
run sg-pop -p pop.csv --age 'All ages' <(tsv 'time_period|geographic_level|country_code|region_code|new_la_code' \
    '2024|Local authority|E92000001|E12000009|E06000022')
is "$(pops)" "195000" "--age chooses the age group"

# Financial years, and -a with old LA codes.
tsv 'year|la|plans' '202324|800|141' '2024-25|800|150' '2025|800|160' >fy.tsv
run sg-pop -p pop.csv -a la -y year fy.tsv
# 202324 and 2023-24... end in March 2024 -> mid-2023 36554; 2024-25 and
# 2025 end in March 2025 -> mid-2024 36601.
is "$(pops)" "36554 36601 36601" "financial years 202324 and 2024-25, matched on old_la_code"
run sg-pop -p pop.csv -a la -y year <(tsv 'year|la' '2024|E06000022' '2025|E12000009' '2025|E92000001')
is "$(pops)" "36554 1114244 12183016" "-a matches any code of the estimates"

# A long TSV of estimates, keyed by the -a column.
tsv 'area|time_period|population' 'X|2023|100' 'Y|2023|[x]' >long.tsv
run sg-pop -p long.tsv -a area <(tsv 'area|time_period' 'X|2024' 'Y|2024')
# sg(7): one spelling per symbol in the stream, so [x] is written x (sg-rate
# refuses [x] as not a number).
is "$(pops)" "100 x" "a long TSV of estimates, a bracketed symbol written bare"
run sg-pop -p long.tsv -a la <(tsv 'la|time_period' 'X|2024')
is "$(pops)" "100" "its codes in a column named area when -a names another"
printf 'area\ttime_period\tpopulation\nX\t2023\t100\0009\n' >nul.tsv
fails_with 1 "^sg-pop: nul.tsv:2: a NUL byte" "a NUL byte in the estimates is an error, not a value cut short" \
	sg-pop -p nul.tsv -a area <(tsv 'area|time_period' 'X|2024')

# Missing: stop, or x with -x.
tsv 'time_period|geographic_level|country_code|region_code|new_la_code' \
    '2025|Local authority|E92000001|E12000009|E06000099' >miss.tsv
fails_with 1 "^sg-pop: miss.tsv:2: new_la_code: no population for 2024 in the estimates: 'E06000099'" \
	"a missing population is exit 1 naming the area and the year" sg-pop -p pop.csv miss.tsv
run sg-pop -p pop.csv -x miss.tsv
is "$rc:$(pops)" "0:x" "-x writes x for it"

# The published files: every LA, region and England in 2025, with DfE's rule
# (At31_episodes / ONS mid-2024 aged 0-17 x 10,000, one decimal).  The
# files carry no rate column, so the rate is checked against one computed
# here independently, in integers: q = floor(n * 100000 / p), plus one
# when the remainder is half of p or more (half away from zero; all
# counts are positive).  By hand: 800, 1119 / 36601 x 10000 = 305.729...
# -> 305.7; England 402400 / 12183016 x 10000 = 330.295... -> 330.3.
O=$SAMPLES/official
sg-import "$O/b1_children_in_need_2013_to_2025.csv.gz" >b1.tsv
sg-import "$O/ons_mid-year_population_estimates_2012_to_2024.csv.gz" >ons.tsv
awk -F'\t' 'NR == 1 || $1 == 2025' b1.tsv >b1-2025.tsv
run sg-pop -p "$O/ons_mid-year_population_estimates_2012_to_2024.csv.gz" b1-2025.tsv
is "$rc" 0 "every row of 2025 has a population"
printf '%s\n' "$out" >withpop.tsv
run sg-rate -r 'rate=At31_episodes/population*10000' withpop.tsv
is "$rc:$err" "0:" "sg-rate computes the rates of 2025, u and all"
printf '%s\n' "$out" >rated.tsv
awk -F'\t' 'FNR == 1 { next }
    NR == FNR { if ($1 == 2024 && $11 ~ /0 to 17/) {
	pop[$3 == "National" ? $4 : $3 == "Regional" ? $6 : $9] = $12 }; next }
    { code = $3 == "National" ? $4 : $3 == "Regional" ? $6 : $9
      n = $18; p = pop[code]
      if (n !~ /^[0-9]+$/ || p == "") { print code, "x"; next }
      q = int(n * 100000 / p); r = n * 100000 - q * p
      if (2 * r >= p) q++
      printf "%s %d.%d\n", code, int(q / 10), q % 10 }' ons.tsv b1-2025.tsv >want
awk -F'\t' 'NR > 1 { code = $3 == "National" ? $4 : $3 == "Regional" ? $6 : $9
    print code, $NF }' rated.tsv >got
same_file got want "sg-pop | sg-rate gives DfE's rate for every row of 2025"
is "$(wc -l <got)" 165 "England, 11 regions and 153 local authorities"
is "$(grep -E '^(E06000022|E92000001) ' got | paste -sd' ')" \
	"E92000001 330.3 E06000022 305.7" "England 330.3 and Bath and North East Somerset 305.7, as by hand"
# All years: the one symbol-free check that needs no sg-rate.
run sg-pop -p "$O/ons_mid-year_population_estimates_2012_to_2024.csv.gz" b1.tsv
is "$rc:$(awk -F'\t' '$1 == 2013 && $8 == 800 { print $NF }' <<<"$out")" \
	"0:$(awk -F'\t' '$1 == 2012 && $8 == 800 && $11 ~ /0 to 17/ { print $12 }' ons.tsv)" \
	"every year from 2013 finds its estimate (2013 uses mid-2012)"

# The man page's examples.
. "$SG_SRC/t/examples.sh"
example 1 sg-pop.1
is "$rc:$(awk -F'\t' '$1 == 2025 && $8 == 800 { print $NF }' <<<"$out")" \
	"0:305.7" "example 1 gives the figure it states"
example 2 sg-pop.1
is "$rc:$(sed -n 2p <<<"$out")" "0:$(tsv '2024-25|800|110|36601')" "example 2: 2024-25 takes mid-2024"

# --- errors: in t/cases/sg-pop; -z -o, --help and --version here. ---------
run sg-pop -p pop.csv -z -o ok.tsv.gz <in.tsv
is "$rc:$(gzip -dc ok.tsv.gz | awk -F'\t' 'NR == 2 { print $NF }')" "0:12183016" "standard input in, -z -o FILE out"
run sg-pop --help
is "$rc" 0 "--help exits 0"
like "$out" "^usage: sg-pop -p FILE" "--help starts with the usage"
like "$out" "      --lag N" "--help lists the long-only --lag"
run sg-pop --version
like "$rc:$out" "^0:sg-pop \\(sg\\) " "--version"

done_testing
