# bench/opts.sh: the options bench/book.sh and bench/xlsx.sh share, sourced
# after each sets its defaults (RUNS ROWS DIR BUILD) and NAME:
#   -r RUNS -n ROWS -d DIR -b BUILD -h
# -h prints lines 2 to 14 of the script, its comment.
while [ $# -gt 0 ]; do
	case $1 in
	-r) RUNS=$2; shift 2 ;;
	-n) ROWS=$2; shift 2 ;;
	-d) DIR=$2; shift 2 ;;
	-b) BUILD=$2; shift 2 ;;
	-h|--help) sed -n '2,14p' "$0"; exit 0 ;;
	*) echo "$NAME: unknown option $1" >&2; exit 2 ;;
	esac
done
