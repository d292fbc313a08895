# 00-baseline: the samples as shipped publish without a word of complaint,
# so every later case's failure is the fault it plants, not the samples'.
runs_ok "annual-report runs on the samples as shipped" "$P/annual-report" -o out
like "$err" "^annual-report: ok: " "and says ok"
