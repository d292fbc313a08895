# 06: rows set aside are kept.  police-rolling said "15 rows set aside in
# X" and deleted X with its work directory.
runs_ok "police-rolling on the samples" "$P/police-rolling" -o out
like "$err" "police-rolling: 15 rows set aside kept in out/rejects/missing-outside.tsv" "says where the rows set aside are kept"
unlike "$err" "set aside in out/\\.police-rolling\\." "and names no work directory, which is gone by then"
is "$(($(wc -l <out/rejects/missing-outside.tsv) - 1))" 15 "and the 15 rows are there"
is "$(($(wc -l <out/rejects/crimes-outside.tsv) - 1))" 376 "and the 376 crimes outside the windows"
is "$(stat -c %a out/rejects/missing-outside.tsv out/rejects/crimes-outside.tsv | sort -u)" 600 "mode 0600: they are record-level data"
is "$(stat -c %a out/rejects)" 700 "in a directory of mode 0700"
# The samples' annual report, made once by 00-baseline (made here when
# this case runs alone).
all=$TMP/00-baseline/out
if [ ! -d "$all" ]; then
	runs_ok "annual-report on the samples" "$P/annual-report" -o all
	all=all
fi
is "$(ls "$all/rejects")" "crimes-outside.tsv
missing-outside.tsv" "annual-report keeps its parts' rows set aside in its OUT/rejects"
# A later run that sets none aside removes the older file: it would be
# taken for this run's.
cp -r "$SAMPLES" inwin
awk -F, 'NR == 1 { print; next }
	{ split($3, d, "/"); k = d[3] d[2] d[1] } k >= "20220401" && k <= "20240331"' \
	"$SAMPLES/police/missing-persons.csv" >inwin/police/missing-persons.csv
runs_ok "a run with every missing report inside the windows" "$P/police-rolling" -i inwin -o out
unlike "$err" "missing-outside" "says nothing of missing reports set aside"
ok "$([ ! -e out/rejects/missing-outside.tsv ]; echo $?)" "and the older missing-outside.tsv is gone"
ok "$([ -s out/rejects/crimes-outside.tsv ]; echo $?)" "while this run's crimes-outside.tsv is kept"
