"""Runs a command (its output discarded) and prints the CPU seconds it took, user + system, to
the microsecond (GNU time prints hundredths): `python3 bench/cpu_time.py CMD ARGS...`."""
import resource, subprocess, sys

subprocess.run(sys.argv[1:], stdout=subprocess.DEVNULL, check=True)
r = resource.getrusage(resource.RUSAGE_CHILDREN)
print(f"{r.ru_utime + r.ru_stime:.4f}")
