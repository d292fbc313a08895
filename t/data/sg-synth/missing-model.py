# Independent Python model of `sg-synth missing`, to check the C bytes.
import sys, datetime as dt
M = (1 << 64) - 1
def sm(x):
    x = (x + 0x9e3779b97f4a7c15) & M
    z = x
    z = ((z ^ (z >> 30)) * 0xbf58476d1ce4e5b9) & M
    z = ((z ^ (z >> 27)) * 0x94d049bb133111eb) & M
    return x, z ^ (z >> 31)
def rotl(x, k): return ((x << k) | (x >> (64 - k))) & M
class R:
    def __init__(s, seed):
        x = seed; s.s = []
        for _ in range(4):
            x, z = sm(x); s.s.append(z)
    def next(s):
        a = s.s
        out = (rotl((a[1] * 5) & M, 7) * 9) & M
        t = (a[1] << 17) & M
        a[2] ^= a[0]; a[3] ^= a[1]; a[1] ^= a[2]; a[0] ^= a[3]; a[2] ^= t
        a[3] = rotl(a[3], 45)
        return out
rows, seed = int(sys.argv[1]), int(sys.argv[2])
r = R(seed)
x, key = sm(seed ^ 0x5347)
x, off = sm(x); off %= 10**8
pool = max(1, rows // 2)
start, end = dt.date(2022, 4, 1), dt.date(2024, 3, 31)
nd = (end - start).days + 1
out = ["report_ref\tchild_id\treport_date\tage\tfrom_care"]
for i in range(rows):
    u = r.next() >> 32
    u = (u * u) >> 32
    c = (u * pool) >> 32
    _, h = sm(key ^ ((c * 0xd1b54a32d192ed03) & M))
    cid = (c % 10**8 * 54435761 + off) % 10**8
    d = start + dt.timedelta(i * nd // rows)
    care = "Y" if (h >> 32) % 100 < 8 else "N"
    out.append("MP%09d\tP%08d\t%s\t%02d\t%s" % (i + 1, cid, d.isoformat(), 10 + h % 8, care))
print("\n".join(out))
