# 06: rows set aside are kept.  police-rolling said "15 rows set aside in
# X" and deleted X with its work directory.
runs_ok "police-rolling on the samples" "$P/police-rolling" -o out
like "$err" "police-rolling: 15 rows set aside kept in out/rejects/missing-outside.tsv" "says where the rows set aside are kept"
is "$(($(wc -l <out/rejects/missing-outside.tsv) - 1))" 15 "and the 15 rows are there"
is "$(($(wc -l <out/rejects/crimes-outside.tsv) - 1))" 376 "and the 376 crimes outside the windows"
is "$(stat -c %a out/rejects/missing-outside.tsv out/rejects/crimes-outside.tsv | sort -u)" 600 "mode 0600: they are record-level data"
is "$(stat -c %a out/rejects)" 700 "in a directory of mode 0700"
runs_ok "annual-report on the samples" "$P/annual-report" -o all
is "$(ls all/rejects)" "crimes-outside.tsv
missing-outside.tsv" "annual-report keeps its parts' rows set aside in its OUT/rejects"
