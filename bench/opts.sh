# bench/opts.sh: the defaults and options bench/book.sh and bench/xlsx.sh
# share.  Each sources it with the name of its folder of inputs under
# $TMPDIR and its own arguments:
#	. "$here/opts.sh" sg-bench-book "$@"
# and gets RUNS (3), ROWS (100000), DIR, BUILD (the source tree) and NAME
# (for messages), set from
#	-r RUNS -n ROWS -d DIR -b BUILD -h
# -h prints lines 2 to 14 of the script, its comment.
RUNS=3
ROWS=100000
DIR=${TMPDIR:-/tmp}/$1
BUILD=$(cd "$(dirname "$0")/.." && pwd)
NAME=bench/$(basename "$0")
shift
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
