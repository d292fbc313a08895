# tools.sh: one typical command line for each tool, shared by the tests
# that run every tool against the same inputs (badinput.t, faults.t).
# Sourced after tap.sh, in the test's directory.  The inputs are TSV with
# the columns kpi agency date value target prev; small.tsv (agency,
# region) is made here as sg-join's small table.
printf 'agency\tregion\nPolice\tAvon\nICB\tBSW\n' >small.tsv
# sg-compare's neighbours (a long table) and sg-pop's estimates.
printf 'area\tneighbour\nPolice\tICB\nICB\tPolice\n' >neighbours.tsv

tool_cmd() {	# NAME -> cmd=(...); the input file is appended (not synth's)
	case $1 in
	import) cmd=(sg-import) ;;
	import-tsv) cmd=(sg-import -f tsv) ;;
	clean) cmd=(sg-clean --number value,target,prev --date date) ;;
	join) cmd=(sg-join -k agency --left small.tsv) ;;
	agg) cmd=(sg-agg -g agency count sum:value median:target) ;;
	period) cmd=(sg-period -d date --fy) ;;
	rate) cmd=(sg-rate --pct pct=value/target) ;;
	rag) cmd=(sg-rag -v value -t target --prev prev) ;;
	pivot) cmd=(sg-pivot -r kpi -c agency -v value --agg sum) ;;
	pivot-longer) cmd=(sg-pivot --longer -k kpi,agency) ;;
	suppress) cmd=(sg-suppress -c value,target,prev) ;;
	check) cmd=(sg-check --range value:-1000:1000 --required agency) ;;
	render) cmd=(sg-render -f html) ;;
	chart) cmd=(sg-chart -x agency -y value,target) ;;
	synth) cmd=(sg-synth kpi --seed 1 --rows) ;;
	compare) cmd=(sg-compare -a agency -v value -g kpi -n neighbours.tsv) ;;
	esac
}

